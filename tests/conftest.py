import pytest
from django.core.cache import cache
from django.test import Client
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


class SignIn:
    """Signs staff in as the admin requires: password, then a verified second factor.

    ``sign_in(client, user)`` signs a test client in with a confirmed authenticator
    app; ``device(user)`` gives the user one, and ``code(device)`` the six digits it
    shows now, for a sign-in over HTTP.
    """

    def device(self, user):
        from django_otp.plugins.otp_totp.models import TOTPDevice

        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        return device or TOTPDevice.objects.create(
            user=user, name="Authenticator app", confirmed=True
        )

    def code(self, device):
        from django_otp.oath import TOTP

        totp = TOTP(device.bin_key, step=device.step, t0=device.t0)
        return f"{totp.token():06d}"

    def __call__(self, client, user):
        from django_otp import DEVICE_ID_SESSION_KEY

        device = self.device(user)
        client.force_login(user)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
        return client


@pytest.fixture
def sign_in(db):
    """The one way tests sign staff in (see ``SignIn``)."""
    return SignIn()


@pytest.fixture
def admin_client(admin_user, sign_in):
    """pytest-django's admin client, signed in with its second factor."""
    return sign_in(Client(), admin_user)


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
