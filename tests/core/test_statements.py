"""Statements: the organisation's answers to false claims, listed newest first, on the
home page, in the sitemap and in search, in both languages."""

import datetime
import re
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.core.management import call_command
from django.utils import translation

from core.demo import illustration
from core.models import StatementIndexPage
from tests.core.factories import StatementIndexPageFactory, StatementPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def image(db):
    """A demo illustration (drawn by core.demo_images) in the image library."""
    return illustration("statement-facts")


@pytest.fixture
def index(home):
    return StatementIndexPageFactory(
        parent=home,
        title_en="Statements",
        title_ar="بيانات",
        slug_en="statements",
        slug_ar="بيانات",
    )


def make_statement(index, n, date, **fields):
    names = {
        "title_en": f"Statement {n}",
        "title_ar": f"بيان رقم {n}",
        "slug_en": f"statement-{n}",
        "slug_ar": f"بيان-{n}",
    }
    return StatementPageFactory(parent=index, date=date, **{**names, **fields})


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def titles(page, selector=".statement-card__title"):
    return [item.get_text(strip=True) for item in page.select(selector)]


def test_a_statement_shows_its_date_summary_and_image_in_both_languages(
    client, index, image
):
    statement = make_statement(
        index,
        1,
        datetime.date(2026, 3, 5),
        summary_en="We answer a false claim with facts.",
        summary_ar="نردّ على ادعاء كاذب بالحقائق.",
        image=image,
        image_alt_en="An illustration of hills.",
        image_alt_ar="رسم توضيحي لتلال.",
    )
    english = soup(client.get(statement.get_translated_url("en")))
    assert english.h1.get_text() == "Statement 1"
    assert english.select_one(".statement__date time").get_text() == "5 March 2026"
    assert english.select_one(".lead").get_text() == (
        "We answer a false claim with facts."
    )
    assert english.select_one(".statement__media img")["alt"] == (
        "An illustration of hills."
    )
    assert english.find("meta", attrs={"name": "description"})["content"] == (
        "We answer a false claim with facts."
    )
    assert english.find("meta", property="og:image")["content"].startswith("http")

    arabic = soup(client.get(statement.get_translated_url("ar")))
    assert arabic.h1.get_text() == "بيان رقم 1"
    # The Levantine month names of the Arabic dates (locale/months/levantine).
    assert arabic.select_one(".statement__date time").get_text() == "5 آذار 2026"
    assert arabic.select_one(".lead").get_text() == "نردّ على ادعاء كاذب بالحقائق."
    assert arabic.select_one(".statement__media img")["alt"] == "رسم توضيحي لتلال."
    assert arabic.select_one(".notice") is None


def test_the_index_lists_statements_newest_first_a_page_at_a_time(client, index):
    for n, day in enumerate([3, 20, 11], start=1):
        make_statement(index, n, datetime.date(2026, 5, day))
    for language, expected in (
        ("en", ["Statement 2", "Statement 3", "Statement 1"]),
        ("ar", ["بيان رقم 2", "بيان رقم 3", "بيان رقم 1"]),
    ):
        page = soup(client.get(index.get_translated_url(language)))
        assert titles(page) == expected
        # Under the page's h1, each statement's title is a level-2 heading.
        assert [h2.get_text() for h2 in page.select(".statement-list h2")] == expected

    StatementIndexPage.per_page = 2
    cache.clear()  # the list is kept in the fragment cache
    try:
        first = soup(client.get(index.get_translated_url("en")))
        second = soup(client.get(index.get_translated_url("en") + "?page=2"))
    finally:
        StatementIndexPage.per_page = 10
    assert titles(first) == ["Statement 2", "Statement 3"]
    assert titles(second) == ["Statement 1"]
    assert first.select_one(".pagination a[rel=next]")["href"] == "?page=2"
    assert second.find("meta", attrs={"name": "robots"})["content"] == (
        "noindex, follow"
    )


def test_the_home_page_shows_the_three_latest_statements(client, index):
    for n in range(1, 6):
        make_statement(index, n, datetime.date(2026, 1, n))
    unpublished = make_statement(index, 9, datetime.date(2026, 2, 1))
    unpublished.unpublish()
    english = soup(client.get("/en/"))
    assert titles(english) == ["Statement 5", "Statement 4", "Statement 3"]
    more = english.select_one(".latest-statements__more a")
    assert more["href"] == index.get_translated_url("en")
    assert titles(soup(client.get("/ar/"))) == [
        "بيان رقم 5",
        "بيان رقم 4",
        "بيان رقم 3",
    ]


def test_the_home_page_has_no_statements_section_without_statements(client, home):
    assert soup(client.get("/en/")).select_one(".latest-statements") is None


def test_the_sitemap_lists_statements_in_both_languages(client, index):
    statement = make_statement(index, 1, datetime.date(2026, 1, 1))
    sitemap = client.get("/sitemap.xml").content.decode()
    paths = {
        unquote(urlsplit(url).path)
        for url in re.findall(r"<loc>([^<]+)</loc>", sitemap)
    }
    for page in (index, statement):
        for language in ("en", "ar"):
            assert unquote(page.get_translated_url(language)) in paths
    assert "/ar/بيانات/بيان-1/" in paths


def test_search_finds_a_statement_in_arabic_whatever_the_spelling(client, index):
    statement = make_statement(
        index,
        1,
        datetime.date(2026, 1, 1),
        summary_en="Our funding comes from governments and donors.",
        summary_ar="يأتي تمويلنا من الحكومات والمتبرعين.",
    )
    call_command("update_index", verbosity=0)
    # No article, taa marbuta and hamza spelt as a visitor types them.
    page = soup(client.get("/ar/search/", {"q": "حكومات"}))
    links = [a["href"] for a in page.select(".search-results a")]
    assert statement.get_translated_url("ar") in links
    english = soup(client.get("/en/search/", {"q": "governments"}))
    links = [a["href"] for a in english.select(".search-results a")]
    assert statement.get_translated_url("en") in links


def test_an_untranslated_statement_says_so_in_arabic(client, index):
    statement = make_statement(
        index,
        1,
        datetime.date(2026, 1, 1),
        title_ar="",
        slug_ar="",
        summary_en="Only in English for now.",
        summary_ar="",
    )
    page = soup(client.get(statement.get_translated_url("ar")))
    notice = page.select_one(".notice")
    assert notice.get_text() == (
        "هذه الصفحة غير متوفرة بلغتك بعد، لذا تُعرض باللغة الإنجليزية."
    )
    lead = page.select_one(".lead")
    assert lead.get_text() == "Only in English for now."


def test_partly_translated_statement_marks_the_english_summary(client, index):
    statement = make_statement(
        index,
        1,
        datetime.date(2026, 1, 1),
        summary_en="Only in English for now.",
        summary_ar="",
    )
    page = soup(client.get(statement.get_translated_url("ar")))
    assert page.select_one(".notice") is not None
    lead = page.select_one(".lead")
    assert (lead["lang"], lead["dir"]) == ("en", "ltr")


def test_a_statement_missing_its_arabic_shows_in_the_translations_report(index):
    from core.models import TranslationStatus

    statement = make_statement(
        index, 1, datetime.date(2026, 1, 1), summary_en="Facts.", summary_ar=""
    )
    with translation.override("en"):
        statement.save_revision().publish()
    rows = TranslationStatus.objects.filter(object_id=str(statement.pk), language="ar")
    assert rows.get(field="summary").status == TranslationStatus.Status.MISSING
    assert rows.get(field="title").status != TranslationStatus.Status.MISSING


def test_editors_can_add_a_statement(admin_client, index):
    response = admin_client.get(
        f"/admin/pages/add/core/statementpage/{index.pk}/", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 200
    html = response.content.decode()
    for field in ("date", "summary_en", "summary_ar", "image", "image_alt_ar"):
        assert f'name="{field}"' in html, field


def test_a_new_statements_page_is_shown_in_menus_unless_unticked(admin_client, home):
    response = admin_client.get(
        f"/admin/pages/add/core/statementindexpage/{home.pk}/",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    box = BeautifulSoup(response.content, "html.parser").select_one(
        'input[name="show_in_menus"]'
    )
    assert box.has_attr("checked")


def test_a_statement_is_exported_for_translators(index):
    from core.translation_exchange import export_po

    statement = make_statement(
        index,
        1,
        datetime.date(2026, 1, 1),
        summary_en="We answer with facts.",
        summary_ar="",
        image_alt_en="An illustration.",
    )
    po = export_po(statement, "ar")
    assert 'msgid "We answer with facts."' in po
    assert 'msgid "An illustration."' in po
