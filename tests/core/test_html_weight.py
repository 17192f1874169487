"""Public pages are sent without the templates' indentation, and render the same."""

import pytest
from bs4 import BeautifulSoup
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.utils import translation

from core.middleware import StripIndentationMiddleware

pytestmark = pytest.mark.django_db


def strip(content, content_type="text/html; charset=utf-8", path="/en/"):
    middleware = StripIndentationMiddleware(
        lambda request: HttpResponse(content, content_type=content_type)
    )
    return middleware(RequestFactory().get(path)).content.decode()


def test_indentation_between_tags_goes_and_every_space_stays():
    html = "<ul>\n    <li><a href='/'>One</a> <a href='/'>two</a></li>\n\n    </ul>"
    assert (
        strip(html) == "<ul>\n<li><a href='/'>One</a> <a href='/'>two</a></li>\n</ul>"
    )


@pytest.mark.parametrize(
    "html", ["<pre>\n    code\n    </pre>", "<p>\n  <textarea>\n  x\n  </textarea>"]
)
def test_pages_where_white_space_is_content_are_left_alone(html):
    assert strip(html) == html


def test_the_admin_and_other_content_types_are_left_alone():
    assert strip("<a>\n  <b>", path="/admin/pages/") == "<a>\n  <b>"
    assert strip("{\n  }", content_type="application/json") == "{\n  }"


@pytest.mark.parametrize("url", ["/en/", "/ar/", "/en/about/who-we-are/"])
def test_pages_read_the_same_and_weigh_less(client, who_we_are, url, settings):
    stripped = client.get(url)
    settings.MIDDLEWARE = [
        name for name in settings.MIDDLEWARE if "StripIndentation" not in name
    ]
    original = Client().get(url)  # a new client loads the middleware again
    assert len(stripped.content) < len(original.content)
    words = [
        BeautifulSoup(response.content, "html.parser").get_text(" ").split()
        for response in (stripped, original)
    ]
    assert words[0] == words[1]
    assert "\n    <" not in stripped.text


def test_every_demo_page_weighs_under_40_kb_in_both_languages(db):
    """The HTML budget (docs/performance.md) on the demo site, as `make bench`
    measures it: the memorial list in Arabic, 24 cards with their Arabic dates and
    addresses, is the heaviest."""
    from django.core.management import call_command
    from wagtail.models import Page

    call_command("load_demo_content", verbosity=0)
    client = Client()
    weights = {}
    for page in Page.objects.live().specific().filter(depth__gte=2):
        for language in ("en", "ar"):
            with translation.override(language):
                url = page.get_url()
            response = client.get(url)
            assert response.status_code == 200, url
            # In production each static address has its content hash in the name
            # (".d81547fb229c", 13 bytes more); the tests' storage has none.
            hashed = len(response.content) + 13 * response.content.count(b'"/static/')
            weights[f"{page.slug_en} ({language})"] = hashed
    assert weights and max(weights.values()) < 40 * 1024, sorted(
        weights.items(), key=lambda item: -item[1]
    )[:3]
