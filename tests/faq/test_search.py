"""Site search finds single questions, in both languages, and opens their answer."""

from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test import RequestFactory
from django.utils import translation

from faq.search import search_questions

from .factories import fill_faq

pytestmark = pytest.mark.django_db

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="stemming comes from PostgreSQL's text-search configuration",
)


def results(client, url):
    response = client.get(url)
    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    return [
        (link.get_text(strip=True), unquote(link["href"]))
        for link in html.select(".search-results h2 a")
    ]


def test_english_search_finds_a_question_by_a_word_of_its_answer(client, faq):
    found = results(client, "/en/search/?q=rubble")
    assert ("Who are the White Helmets?", "/en/faq/#who-are-the-white-helmets") in found


def test_english_search_finds_a_question_by_a_word_of_the_question(client, faq):
    found = results(client, "/en/search/?q=volunteer")
    assert ("Can I volunteer?", "/en/faq/#can-i-volunteer") in found


def test_arabic_search_finds_the_arabic_question_and_links_to_its_anchor(client, faq):
    found = results(client, "/ar/search/?q=الأنقاض")
    assert (
        "من هم الخوذ البيضاء؟",
        "/ar/الأسئلة-الشائعة/#who-are-the-white-helmets",
    ) in found


def test_search_result_says_it_is_a_question_with_a_summary(client, faq):
    html = BeautifulSoup(client.get("/en/search/?q=rubble").content, "html.parser")
    item = html.select_one(".search-results li")
    assert item.select_one(".search-results__kind").get_text() == (
        "Frequently asked question"
    )
    assert "Volunteers who rescue people from the rubble." in item.text
    arabic = BeautifulSoup(client.get("/ar/search/?q=الأنقاض").content, "html.parser")
    assert arabic.select_one(".search-results__kind").get_text() == "سؤال شائع"


def test_questions_of_an_unpublished_page_are_not_found(client, faq):
    assert any("#" in url for _title, url in results(client, "/en/search/?q=rubble"))
    faq.unpublish()
    found = results(client, "/en/search/?q=rubble")
    assert not any("/faq/" in url for _title, url in found)


def test_edited_and_published_question_is_found_by_its_new_words(client, faq):
    page = faq.__class__.objects.get(pk=faq.pk)
    questions = list(page.questions.all())
    questions[2].answer_en = [
        {"type": "paragraph", "value": "<p>Ask the paramedics.</p>"}
    ]
    page.questions = questions
    page.save_revision().publish()
    assert [title for title, _ in results(client, "/en/search/?q=paramedics")] == [
        "Can I volunteer?"
    ]


def test_searcher_is_registered_with_the_site_search():
    from core import search

    assert search_questions in search._searchers


def test_searcher_returns_at_most_the_site_limit(faq_page):
    from core.search import MAX_RESULTS

    many = [{"question_en": f"Rescue question {n}?"} for n in range(MAX_RESULTS + 5)]
    fill_faq(faq_page, [({"en": "Many", "ar": "كثير"}, many)])
    request = RequestFactory().get("/en/search/?q=rescue")
    with translation.override("en"):
        assert len(search_questions("rescue", request)) == MAX_RESULTS


@postgres_only
def test_english_stems_match_on_postgresql(client, faq):
    # "volunteering" and "rescuing" share stems with "volunteer" and "rescue".
    assert ("Can I volunteer?", "/en/faq/#can-i-volunteer") in results(
        client, "/en/search/?q=volunteering"
    )
    assert ("Who are the White Helmets?", "/en/faq/#who-are-the-white-helmets") in (
        results(client, "/en/search/?q=rescuing")
    )


@postgres_only
def test_arabic_stems_match_on_postgresql(client, faq):
    # The answer says "متطوعون" (volunteers); the singular with the article finds it.
    found = results(client, "/ar/search/?q=المتطوع")
    assert (
        "من هم الخوذ البيضاء؟",
        "/ar/الأسئلة-الشائعة/#who-are-the-white-helmets",
    ) in found
    # "التطوع" (volunteering) finds "هل يمكنني التطوع؟" through its stem "تطوع".
    assert any(
        title == "هل يمكنني التطوع؟"
        for title, _ in results(client, "/ar/search/?q=تطوع")
    )
