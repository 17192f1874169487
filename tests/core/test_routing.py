"""Pages are found in two queries (core/routing.py) with the same answers as
Wagtail's walk down the tree with translated slugs: what a visitor gets at each
address, in both languages, and the walk's own answer for the same paths."""

from urllib.parse import quote

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import Page, PageViewRestriction, Site

from core import routing
from memorial.models import FallenVolunteer, MemorialPage
from tests.core.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


def title(response):
    return BeautifulSoup(response.content, "html.parser").h1.get_text(strip=True)


def walked(path, language):
    """What wagtail-modeltranslation's walk answers for ``path``: (page pk, the
    routable view's name) or None."""
    with translation.override(language):
        request = RequestFactory().get(f"/{language}/{path}")
        site = Site.find_for_request(request)
        components = [part for part in path.split("/") if part]
        try:
            page, args, _kwargs = site.root_page.localized.specific.route(
                request, components
            )
        except Exception:  # Http404
            return None
        return page.pk, (args[0].__name__ if args else None)


def routed(path, language):
    with translation.override(language):
        request = RequestFactory().get(f"/{language}/{path}")
        result = routing.route_for_request(request, path)
        if result is None:
            return None
        page, args, _kwargs = result
        return page.pk, (args[0].__name__ if args else None)


def test_translated_slugs_in_each_language(client, who_we_are):
    arabic = f"/ar/{quote('من-نحن')}/{quote('قصتنا')}/"
    assert title(client.get(arabic)) == "قصتنا"
    assert title(client.get("/en/about/who-we-are/")) == "Who we are"
    # An English slug under /ar/, an Arabic one under /en/: no such page.
    assert client.get("/ar/about/who-we-are/").status_code == 404
    assert client.get(f"/en/{quote('من-نحن')}/").status_code == 404


def test_a_page_without_an_arabic_slug_answers_at_its_english_one(client, about):
    page = StandardPageFactory(
        parent=about, title_en="Funding", title_ar="", slug_en="funding", slug_ar=""
    )
    response = client.get(f"/ar/{quote('من-نحن')}/funding/")
    assert response.status_code == 200
    assert title(response) == "Funding"
    assert routed("about/funding/", "en") == (page.pk, None)


def test_unpublished_pages_and_their_children(client, about, who_we_are):
    about.unpublish()  # Wagtail unpublishes the page only: its child stays live
    assert client.get("/en/about/").status_code == 404
    assert client.get(f"/ar/{quote('من-نحن')}/").status_code == 404
    for path, language in [("about/", "en"), ("about/who-we-are/", "en")]:
        assert routed(path, language) == walked(path, language)
    who_we_are.unpublish()
    assert client.get("/en/about/who-we-are/").status_code == 404
    assert client.get(f"/ar/{quote('من-نحن')}/{quote('قصتنا')}/").status_code == 404


def test_a_private_section_asks_for_a_sign_in_at_every_page(client, about, who_we_are):
    PageViewRestriction.objects.create(
        page=about, restriction_type=PageViewRestriction.LOGIN
    )
    for url in ("/en/about/", "/en/about/who-we-are/", f"/ar/{quote('من-نحن')}/"):
        response = client.get(url)
        assert response.status_code == 302, url
        assert "/_util/login/" in response["Location"]
        assert (
            "private" in response["Cache-Control"]
            or "no-cache" in (response["Cache-Control"])
        )


def test_a_password_restriction_shows_the_password_form(client, about):
    PageViewRestriction.objects.create(
        page=about, restriction_type=PageViewRestriction.PASSWORD, password="rescue"
    )
    response = client.get("/en/about/")
    assert response.status_code == 200
    assert 'name="password"' in response.text
    assert "An introduction in English." not in response.text


def test_an_alias_keeps_its_sources_restriction(client, home, about, who_we_are):
    elsewhere = StandardPageFactory(parent=home, slug_en="elsewhere", slug_ar="مكان")
    alias = who_we_are.create_alias(parent=elsewhere, update_slug="story")
    assert client.get("/en/elsewhere/story/").status_code == 200
    PageViewRestriction.objects.create(
        page=who_we_are, restriction_type=PageViewRestriction.LOGIN
    )
    response = client.get("/en/elsewhere/story/")
    assert response.status_code == 302
    assert routed("elsewhere/story/", "en") == (alias.pk, None)


def test_addresses_without_a_trailing_slash_are_redirected(client, who_we_are):
    response = client.get("/en/about/who-we-are")
    assert (response.status_code, response["Location"]) == (
        301,
        "/en/about/who-we-are/",
    )


def test_a_moved_page_is_not_served_at_its_old_address(client, home, who_we_are):
    assert client.get("/en/about/who-we-are/").status_code == 200
    # Changed without any signal (no cached piece made stale): the page fetched is
    # checked against the address, and the tree walk answers.
    Page.objects.filter(pk=who_we_are.pk).update(
        slug_en="our-story", url_path_en="/home/about/our-story/"
    )
    assert client.get("/en/about/who-we-are/").status_code == 404
    assert title(client.get("/en/about/our-story/")) == "Who we are"


def test_a_renamed_page_moves_to_its_new_address(client, who_we_are):
    assert client.get("/en/about/who-we-are/").status_code == 200
    who_we_are.slug_en = "our-story"
    who_we_are.save_revision().publish()
    assert client.get("/en/about/who-we-are/").status_code == 404
    assert title(client.get("/en/about/our-story/")) == "Who we are"


@pytest.fixture
def demo_site(db):
    call_command("load_demo_content", verbosity=0)


def test_every_demo_address_routes_as_the_tree_walk_does(demo_site):
    memorial = MemorialPage.objects.get()
    person = FallenVolunteer.objects.public().order_by("slug").first()
    paths = {"", "nothing/", "about/nothing/", "faq/extra/"}
    for page in Page.objects.filter(depth__gt=2).specific():
        for language in ("en", "ar"):
            with translation.override(language):
                path = page.url_path.split("/", 2)[2]
            paths |= {f"{path}:{language}"}
    for language in ("en", "ar"):
        with translation.override(language):
            base = memorial.url_path.split("/", 2)[2]
        for subpath in (f"{person.slug}/", "export/csv/", "no-such-person/", "a/b/"):
            paths.add(f"{base}{subpath}:{language}")
    for entry in sorted(paths):
        path, _, language = entry.partition(":")
        for lang in [language] if language else ["en", "ar"]:
            expected = walked(path, lang)
            assert routed(path, lang) == expected, (path, lang)
            assert routed(path, lang) == expected, (path, lang)  # from the hint


def test_a_page_is_found_and_checked_in_one_query(client, who_we_are):
    client.get("/en/about/who-we-are/")  # the first view finds the way
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/en/about/who-we-are/").status_code == 200
    page_queries = [q for q in queries if "wagtailcore_page" in q["sql"]]
    assert len(page_queries) == 1
    assert "wagtailcore_pageviewrestriction" in page_queries[0]["sql"]
