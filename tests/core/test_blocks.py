"""Every shared block, rendered on a page as a visitor sees it."""

import pytest
from bs4 import BeautifulSoup
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from core import cache as page_cache
from core import figures
from tests.core.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def counted():
    """A live figure whose value the test controls."""
    state = {"value": 304}
    figures.register("test.counted", "Counted", lambda: state["value"])
    yield state
    figures.unregister("test.counted")


def render(client, page, language="en"):
    response = client.get(page.get_translated_url(language))
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").select_one(".page-body")


def test_every_block_renders(client, home, counted):
    image = Image.objects.create(
        title="Rescue", file=get_test_image_file(size=(1200, 800))
    )
    page = StandardPageFactory(
        parent=home,
        body_en=[
            {"type": "heading", "value": {"text": "Our history", "level": "h2"}},
            {"type": "paragraph", "value": "<p>Founded in <b>2014</b>.</p>"},
            {
                "type": "image",
                "value": {
                    "image": image.pk,
                    "alt_text": "Volunteers",
                    "caption": "Idlib",
                },
            },
            {"type": "quote", "value": {"text": "Save one life", "attribution": "SCD"}},
            {
                "type": "key_figure",
                "value": {"value": "2014", "figure": "", "label": "Founded"},
            },
            {
                "type": "live_figure",
                "value": {
                    "figure": "test.counted",
                    "sentence": "We lost {value} volunteers.",
                },
            },
            {
                "type": "timeline",
                "value": {
                    "title": "Milestones",
                    "events": [{"date": "2011", "title": "War begins", "text": ""}],
                },
            },
            {
                "type": "call_to_action",
                "value": {
                    "title": "Help us",
                    "text": "Give today.",
                    "page": home.pk,
                    "url": "",
                    "link_text": "Donate",
                },
            },
        ],
    )
    body = render(client, page)
    assert body.select_one("h2.block-heading").get_text() == "Our history"
    assert body.select_one(".rich-text b").get_text() == "2014"
    image_tag = body.select_one(".block-image img")
    assert image_tag["alt"] == "Volunteers"
    assert image_tag["loading"] == "lazy"
    assert "srcset" in image_tag.attrs and image_tag["width"] and image_tag["height"]
    assert ".webp" in image_tag["srcset"]
    assert body.select_one(".block-image figcaption").get_text() == "Idlib"
    assert "Save one life" in body.select_one("blockquote").get_text()
    assert body.select_one(".key-figure__value").get_text() == "2014"
    assert body.select_one(".live-figure").get_text() == "We lost 304 volunteers."
    assert body.select_one(".timeline__title").get_text() == "War begins"
    assert body.select_one(".cta a")["href"] == "/en/"


def test_live_figure_follows_the_data_without_an_edit(client, home, counted):
    page = StandardPageFactory(
        parent=home,
        body_ar=[
            {
                "type": "live_figure",
                "value": {
                    "figure": "test.counted",
                    "sentence": "فقدنا {value} متطوعاً.",
                },
            },
            {
                "type": "key_figure",
                "value": {"value": "", "figure": "test.counted", "label": "متطوع"},
            },
        ],
    )
    assert (
        render(client, page, "ar").select_one(".live-figure").get_text()
        == "فقدنا 304 متطوعاً."
    )
    counted["value"] = 305
    # Figures come from records; saving one makes every cached page and fragment
    # stale (core/signal_handlers.py), which this stand-in figure does by hand.
    page_cache.invalidate()
    body = render(client, page, "ar")
    assert body.select_one(".live-figure").get_text() == "فقدنا 305 متطوعاً."
    assert body.select_one(".key-figure__value").get_text() == "305"


def test_a_failing_live_figure_does_not_break_the_page(client, home):
    def broken():
        raise RuntimeError("database gone")

    figures.register("test.broken", "Broken", broken)
    try:
        page = StandardPageFactory(
            parent=home,
            body_en=[
                {
                    "type": "live_figure",
                    "value": {"figure": "test.broken", "sentence": "{value} lost."},
                }
            ],
        )
        assert render(client, page).select_one(".live-figure").get_text() == "— lost."
    finally:
        figures.unregister("test.broken")


def test_live_figure_template_tag(counted):
    from django.template import Context, Template

    template = Template('{% load core_tags %}{% live_figure "test.counted" %}')
    assert template.render(Context()) == "304"
    assert (
        Template('{% load core_tags %}{% live_figure "nope" %}').render(Context())
        == "—"
    )
