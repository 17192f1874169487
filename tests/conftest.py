import pytest
from django.core.cache import cache
from django.utils import translation
from wagtail.models import Site

from core.demo import tree_root
from core.models import SiteSettings
from tests.core.factories import HomePageFactory, StandardPageFactory


@pytest.fixture(autouse=True)
def _clean_state():
    """Every test starts in English with an empty cache."""
    cache.clear()
    translation.activate("en")
    yield
    translation.activate("en")
    cache.clear()


@pytest.fixture
def home(db):
    """A home page at the root of the default site, as the demo content has it."""
    # A transactional test run before this one (the browser tests) may have emptied
    # every table, the tree's root and the default locale included: make them again
    # as Wagtail's migrations do.
    root = tree_root()
    home = HomePageFactory(parent=root)
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site.objects.create(
            hostname="localhost", port=80, root_page=home, is_default_site=True
        )
    old_root = site.root_page
    site.root_page = home
    site.save()
    if old_root.pk != home.pk:
        old_root.delete()
    Site.clear_site_root_paths_cache()
    SiteSettings.for_site(site)  # made on first use otherwise, mid-request
    return home


@pytest.fixture
def about(home):
    return StandardPageFactory(
        parent=home,
        title_en="About us",
        title_ar="من نحن",
        slug_en="about",
        slug_ar="من-نحن",
        show_in_menus=True,
    )


@pytest.fixture
def who_we_are(about):
    return StandardPageFactory(
        parent=about,
        title_en="Who we are",
        title_ar="قصتنا",
        slug_en="who-we-are",
        slug_ar="قصتنا",
    )
