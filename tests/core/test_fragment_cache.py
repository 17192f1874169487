"""The menu and the donate button come from the fragment cache, and are never stale."""

from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Site

from core.models import SiteSettings, StandardPage
from tests.core.factories import StandardPageFactory
from tests.core.test_infrastructure import PRODUCTION_ENV, run_with_settings
from tests.donations.factories import DonationPageFactory

pytestmark = pytest.mark.django_db


def menu(client, url):
    html = BeautifulSoup(client.get(url).content, "html.parser")
    return [a.get_text(strip=True) for a in html.select(".site-nav a")]


def donate_button(client, url):
    html = BeautifulSoup(client.get(url).content, "html.parser")
    button = html.select_one(".site-header .button--donate")
    return unquote(button["href"]) if button else None


@pytest.fixture
def donation_page(home):
    page = DonationPageFactory(parent=home, slug_en="donate", slug_ar="تبرع")
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.donate_page = page
    settings.donate_url = "https://donate.example.org/"
    settings.save()
    return page


def test_unpublishing_a_menu_page_takes_it_off_every_menu_at_once(client, home, about):
    reports = StandardPageFactory(
        parent=home,
        title_en="Reports",
        title_ar="تقارير",
        slug_en="reports",
        show_in_menus=True,
    )
    assert menu(client, "/en/") == ["About us", "Reports"]
    assert menu(client, "/ar/") == ["من نحن", "تقارير"]
    reports.unpublish()
    assert menu(client, "/en/") == ["About us"]
    assert menu(client, "/ar/") == ["من نحن"]


def test_the_current_section_is_marked_in_the_menu(client, who_we_are):
    html = BeautifulSoup(client.get("/en/about/who-we-are/").content, "html.parser")
    assert html.select_one('.site-nav a[aria-current="page"]').get_text() == "About us"
    html = BeautifulSoup(client.get("/en/").content, "html.parser")
    assert html.select_one('.site-nav a[aria-current="page"]') is None


def test_donate_button_follows_the_donation_page_in_both_languages(
    client, donation_page
):
    assert donate_button(client, "/en/") == "/en/donate/"
    assert donate_button(client, "/ar/") == "/ar/تبرع/"
    donation_page.unpublish()
    # With the page offline, the button falls back to the external link at once.
    assert donate_button(client, "/en/") == "https://donate.example.org/"
    donation_page.save_revision().publish()
    assert donate_button(client, "/ar/") == "/ar/تبرع/"


def test_changing_the_donate_setting_shows_at_once(client, donation_page):
    assert donate_button(client, "/en/") == "/en/donate/"
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.donate_page = None
    settings.save()
    assert donate_button(client, "/en/") == "https://donate.example.org/"


def test_menu_and_button_are_built_when_redis_is_down(
    client, about, donation_page, settings
):
    settings.CACHES = {
        "default": {
            "BACKEND": "core.cache_backends.ResilientRedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",  # nothing listens on the discard port
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    for _ in range(2):
        assert menu(client, "/ar/") == ["من نحن"]
        assert donate_button(client, "/ar/") == "/ar/تبرع/"


def test_production_without_redis_caches_nothing_a_worker_could_keep_stale():
    code = (
        "from django.conf import settings as s; "
        "print(s.PAGE_CACHE_SECONDS, s.FRAGMENT_CACHE_SECONDS)"
    )
    alone = run_with_settings(
        "whitehelmets.settings.production", code, REDIS_URL="", **PRODUCTION_ENV
    )
    assert alone.stdout.split() == ["0", "0"], alone.stderr
    shared = run_with_settings(
        "whitehelmets.settings.production",
        code,
        REDIS_URL="redis://127.0.0.1:6379/11",
        **PRODUCTION_ENV,
    )
    assert shared.stdout.split() == ["600", "3600"], shared.stderr


def test_a_preview_shows_the_draft_and_never_reaches_the_cache(client, who_we_are):
    page = StandardPage.objects.get(pk=who_we_are.pk)
    page.introduction_en = "The live introduction."
    page.save_revision().publish()
    assert "The live introduction." in client.get("/en/about/who-we-are/").text

    page.introduction_en = "A draft nobody should see yet."
    page.save_revision()
    preview = page.make_preview_request()
    assert "A draft nobody should see yet." in preview.content.decode()
    live = client.get("/en/about/who-we-are/").text
    assert "The live introduction." in live and "draft" not in live


def switcher_link(client, url):
    html = BeautifulSoup(client.get(url).content, "html.parser")
    return unquote(html.select_one(".language-switcher a")["href"])


def test_a_renamed_menu_page_shows_in_every_header_in_both_languages(
    client, about, who_we_are
):
    pages = ["/en/", "/ar/", "/en/about/who-we-are/", "/ar/من-نحن/قصتنا/"]
    for url in pages * 2:  # the headers are kept now
        assert menu(client, url) == ["About us" if "/en/" in url else "من نحن"]
    about.title_en, about.title_ar = "Who we are and why", "من نحن ولماذا"
    about.save_revision().publish()
    for url in pages:
        assert menu(client, url) == [
            "Who we are and why" if "/en/" in url else "من نحن ولماذا"
        ]


def test_the_language_switcher_follows_a_changed_address(client, who_we_are):
    for _ in range(2):  # the header is kept now
        assert switcher_link(client, "/en/about/who-we-are/") == "/ar/من-نحن/قصتنا/"
        assert switcher_link(client, "/ar/من-نحن/قصتنا/") == "/en/about/who-we-are/"
    who_we_are.slug_en, who_we_are.slug_ar = "our-story", "حكايتنا"
    who_we_are.save_revision().publish()
    assert switcher_link(client, "/en/about/our-story/") == "/ar/من-نحن/حكايتنا/"
    assert switcher_link(client, "/ar/من-نحن/حكايتنا/") == "/en/about/our-story/"


def test_the_switcher_keeps_the_query_string_of_each_visitor(client, who_we_are):
    assert switcher_link(client, "/en/about/who-we-are/") == "/ar/من-نحن/قصتنا/"
    assert (
        switcher_link(client, "/en/about/who-we-are/?ref=news")
        == "/ar/من-نحن/قصتنا/?ref=news"
    )
    assert switcher_link(client, "/en/about/who-we-are/") == "/ar/من-نحن/قصتنا/"
