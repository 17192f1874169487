"""`load_demo_content` builds the whole site in both languages; safe to re-run."""

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.models import Page, Site

from core.models import HomePage, SiteSettings, StandardPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    call_command("load_demo_content", verbosity=0)
    return HomePage.objects.get()


def tree():
    return list(
        Page.objects.order_by("path").values_list(
            "path", "slug_en", "slug_ar", "title_en", "title_ar", "live"
        )
    )


def test_loading_the_demo_twice_leaves_the_same_tree(demo):
    before = tree()
    call_command("load_demo_content", verbosity=0)
    assert tree() == before


def test_loading_again_keeps_what_an_editor_changed(demo):
    about = StandardPage.objects.get(slug_en="about")
    about.title_en = "About the White Helmets"
    about.save_revision().publish()
    call_command("load_demo_content", verbosity=0)
    assert (
        StandardPage.objects.get(slug_en="about").title_en == "About the White Helmets"
    )


def test_demo_site_is_the_default_site_root(demo):
    assert Site.objects.get(is_default_site=True).root_page.specific == demo


def test_about_section_has_its_four_pages_in_both_languages(demo, client):
    about = StandardPage.objects.get(slug_en="about")
    children = about.get_children().specific()
    assert [page.slug_en for page in children] == [
        "who-we-are",
        "principles",
        "funding",
        "where-we-work",
    ]
    for page in [about, *children]:
        assert page.live
        for language in ("en", "ar"):
            response = client.get(page.get_translated_url(language))
            assert response.status_code == 200
            html = BeautifulSoup(response.content, "html.parser")
            assert html.html["lang"] == language
            assert html.h1.get_text(strip=True) == getattr(page, f"title_{language}")
            # Real text in each language, no fallback notice.
            assert getattr(page, f"body_{language}")
            assert html.select_one(".notice") is None


def test_demo_home_page_quotes_facts_in_both_languages(demo, client):
    english = client.get("/en/").content.decode()
    arabic = client.get("/ar/").content.decode()
    assert demo.hero_heading_en in english
    assert demo.hero_heading_ar in arabic
    assert "2014" in english and "2014" in arabic


def test_every_internal_link_in_the_demo_resolves(demo, client):
    for page in Page.objects.live().specific():
        if page.is_root():
            continue
        for language in ("en", "ar"):
            html = BeautifulSoup(
                client.get(page.get_translated_url(language)).content, "html.parser"
            )
            for link in html.select("main a[href^='/']"):
                href = link["href"].split("#")[0]
                status = client.get(href).status_code
                assert status == 200, f"{href} on {page.url_path} ({language})"


def test_site_settings_point_to_the_demo_pages(demo):
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    assert settings.footer_text_en and settings.footer_text_ar


def test_demo_loads_on_a_fresh_database_set_up_as_make_run_does(db, client):
    """`make run` fills the translated columns before loading the demo: Wagtail's own
    "welcome" page then holds the slug "home" in every language."""
    call_command("update_translation_fields", verbosity=0)
    placeholder = Page.objects.get(depth=2)
    assert placeholder.slug_en == "home"

    call_command("load_demo_content", verbosity=0)

    home = HomePage.objects.get()
    assert Site.objects.get(is_default_site=True).root_page_id == home.pk
    assert not Page.objects.filter(pk=placeholder.pk).exists()
    assert client.get("/en/").status_code == 200
    assert client.get("/ar/").status_code == 200


def test_links_in_emails_open_where_make_run_serves_the_site(db):
    """A receipt's links are built from the default site: on `make run`'s server."""
    call_command("load_demo_content", "--site", "http://127.0.0.1:8123", verbosity=0)
    site = Site.objects.get(is_default_site=True)
    assert site.root_url == "http://127.0.0.1:8123"
    with pytest.raises(CommandError, match="give an address"):
        call_command("load_demo_content", "--site", "127.0.0.1", verbosity=0)


def test_demo_values_are_entered_once_and_shown_in_arabic(demo, client):
    """The demo's Arabic gives only text: its figures, years and links are the
    English ones."""
    from core import cache as page_cache

    page_cache.invalidate()
    html = BeautifulSoup(client.get("/ar/").content, "html.parser")
    english = BeautifulSoup(client.get("/en/").content, "html.parser")
    values = [n.text for n in html.select(".key-figures .key-figure__value")]
    assert values[0] == "2014"
    assert len(values) == len(english.select(".key-figures .key-figure__value"))
    # A call to action's link (on the funding page) is chosen once, in English.
    funding = StandardPage.objects.get(slug_en="funding")
    cta = BeautifulSoup(
        client.get(funding.get_translated_url("ar")).content, "html.parser"
    )
    links = [a["href"] for a in cta.select(".cta a")]
    assert links and all(link.startswith("/ar/") for link in links)
    who = StandardPage.objects.get(slug_en="who-we-are")
    page = BeautifulSoup(
        client.get(who.get_translated_url("ar")).content, "html.parser"
    )
    dates = [n.text for n in page.select(".timeline__date")]
    assert dates == ["2011", "2014", "اليوم"]
    assert who.body_ar.raw_data[2]["id"] == who.body_en.raw_data[2]["id"]
