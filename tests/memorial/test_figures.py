"""Live figures: the numbers quoted across the site follow the records at once."""

import pytest
from bs4 import BeautifulSoup
from django.template import Context, Template
from django.utils import translation

from core import figures
from memorial import queries
from memorial.models import Cause, Consent, FallenVolunteer
from tests.memorial.factories import FallenVolunteerFactory


def test_memorial_registers_its_three_figures(db):
    names = [name for name, _label in figures.choices()]
    for name in (
        "memorial.total_lost",
        "memorial.double_tap_count",
        "memorial.double_tap_share",
    ):
        assert name in names
    assert figures.get("memorial.double_tap_share").kind == figures.PERCENT


def test_figures_count_published_records_whatever_the_consent(db, settings):
    # Small groups without consent: tests/memorial/test_small_groups.py
    settings.MEMORIAL_MIN_GROUP_SIZE = 1
    FallenVolunteerFactory.create_batch(3, cause=Cause.DOUBLE_TAP)
    FallenVolunteerFactory(cause=Cause.DOUBLE_TAP, consent=Consent.NONE)
    FallenVolunteerFactory.create_batch(4, cause=Cause.AIRSTRIKE)
    FallenVolunteerFactory(cause=Cause.DOUBLE_TAP, live=False)  # a draft
    assert figures.render("memorial.total_lost") == "8"
    assert figures.render("memorial.double_tap_count") == "4"
    assert figures.render("memorial.double_tap_share") == "50%"


def test_share_is_zero_without_records(db):
    assert figures.render("memorial.total_lost") == "0"
    assert figures.render("memorial.double_tap_share") == "0%"


def test_large_totals_are_grouped_by_language(db):
    from tests.memorial.factories import bulk_records

    bulk_records(1200)
    assert figures.render("memorial.total_lost") == "1,200"


def test_publishing_and_unpublishing_change_the_figures_at_once(db):
    person = FallenVolunteerFactory(live=False)
    person.save_revision()
    assert figures.render("memorial.total_lost") == "0"  # cached now
    person.get_latest_revision().publish()
    assert figures.render("memorial.total_lost") == "1"
    person.refresh_from_db()
    person.unpublish()
    assert figures.render("memorial.total_lost") == "0"


def test_deleting_a_record_changes_the_figures(db):
    person = FallenVolunteerFactory()
    assert figures.render("memorial.total_lost") == "1"
    person.delete()
    assert figures.render("memorial.total_lost") == "0"


def test_figures_are_cached_between_changes(db, django_assert_num_queries):
    FallenVolunteerFactory()
    queries.totals()
    with django_assert_num_queries(0):
        assert figures.render("memorial.total_lost") == "1"


def test_figures_still_work_when_the_cache_fails(db, monkeypatch):
    FallenVolunteerFactory()

    def broken(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(queries.cache, "get", broken)
    monkeypatch.setattr(queries.cache, "set", broken)
    monkeypatch.setattr(queries.cache, "incr", broken)
    assert queries.total_lost() == 1
    queries.invalidate()  # logged, not raised


def test_template_tag_quotes_the_live_total(db):
    FallenVolunteerFactory.create_batch(2)
    template = Template('{% load core_tags %}{% live_figure "memorial.total_lost" %}')
    assert template.render(Context()) == "2"


@pytest.fixture
def home_with_figure(home):
    home.key_figures_en = [
        {
            "type": "key_figure",
            "value": {
                "value": "",
                "figure": "memorial.total_lost",
                "label": "volunteers lost",
            },
        }
    ]
    home.key_figures_ar = [
        {
            "type": "key_figure",
            "value": {
                "value": "",
                "figure": "memorial.total_lost",
                "label": "متطوعاً فقدناهم",
            },
        }
    ]
    home.body_en = [
        {
            "type": "live_figure",
            "value": {
                "figure": "memorial.double_tap_share",
                "sentence": "{value} of them were killed in double-tap strikes.",
            },
        }
    ]
    with translation.override("en"):
        home.save_revision().publish()
    return home


def _key_figure(client, url):
    page = BeautifulSoup(client.get(url).content, "html.parser")
    return page.select_one(".key-figure__value").get_text()


def test_home_page_quotes_the_live_total_and_follows_unpublishing(
    home_with_figure, client
):
    people = FallenVolunteerFactory.create_batch(3, cause=Cause.DOUBLE_TAP)
    FallenVolunteerFactory(cause=Cause.AIRSTRIKE)
    assert _key_figure(client, "/en/") == "4"
    assert _key_figure(client, "/ar/") == "4"
    page = BeautifulSoup(client.get("/en/").content, "html.parser")
    assert page.select_one(".live-figure").get_text() == (
        "75% of them were killed in double-tap strikes."
    )
    people[0].unpublish()
    assert _key_figure(client, "/en/") == "3"
    page = BeautifulSoup(client.get("/en/").content, "html.parser")
    assert page.select_one(".live-figure__value").get_text() == "67%"


def test_home_page_cache_is_refreshed_when_a_record_is_published(
    home_with_figure, client, settings
):
    settings.PAGE_CACHE_SECONDS = 600
    FallenVolunteerFactory()
    assert _key_figure(client, "/en/") == "1"
    draft = FallenVolunteerFactory(live=False)
    assert _key_figure(client, "/en/") == "1"  # served from the page cache
    draft.save_revision().publish()
    assert FallenVolunteer.objects.counted().count() == 2
    assert _key_figure(client, "/en/") == "2"
