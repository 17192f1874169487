"""Anchors: made from the English question, unique on the page, and never moving."""

import pytest
from bs4 import BeautifulSoup

from faq import anchors
from faq.models import FaqCategory, FaqPage, FaqQuestion

from .admin_forms import edit_url, errors_in, existing, page_data
from .factories import fill_faq

pytestmark = pytest.mark.django_db


def test_anchor_is_made_from_the_english_question(faq):
    assert [question.anchor for question in faq.questions.all()] == [
        "who-are-the-white-helmets",
        "why-white-helmets",
        "can-i-volunteer",
    ]
    assert [category.anchor for category in faq.categories.all()] == [
        "about-the-organisation",
        "how-to-help",
    ]


def test_long_questions_are_cut_at_a_word():
    base = anchors.anchor_base(
        "Why did the regime and Russia target the volunteers of the White Helmets "
        "so often and for so long?"
    )
    assert len(base) <= anchors.MAX_LENGTH
    assert base == "why-did-the-regime-and-russia-target-the-volunteers-of-the"


def test_a_question_with_only_arabic_text_gets_an_arabic_anchor():
    assert anchors.anchor_base("", "من هم الخوذ البيضاء؟") == "من-هم-الخوذ-البيضاء"
    assert anchors.anchor_base("?!", "") == "question"


def test_same_question_twice_gets_numbered_anchors(faq_page):
    same = {"question_en": "How can I help?", "question_ar": "كيف أساعد؟"}
    page = fill_faq(faq_page, [({"en": "Help", "ar": "المساعدة"}, [same, same, same])])
    assert [q.anchor for q in page.questions.all()] == [
        "how-can-i-help",
        "how-can-i-help-2",
        "how-can-i-help-3",
    ]


def test_a_question_cannot_take_the_anchor_of_a_category(faq_page):
    page = fill_faq(
        faq_page,
        [({"en": "Funding", "ar": "التمويل"}, [{"question_en": "Funding?"}])],
    )
    assert page.categories.get().anchor == "funding"
    assert page.questions.get().anchor == "funding-2"


def test_question_created_in_code_gets_a_free_anchor(faq):
    question = FaqQuestion.objects.create(
        page=faq,
        category="how-to-help",
        question_en="Can I volunteer?",
        question_ar="هل يمكنني التطوع؟",
        answer_en=[{"type": "paragraph", "value": "<p>Yes.</p>"}],
    )
    assert question.anchor == "can-i-volunteer-2"
    category = FaqCategory.objects.create(page=faq, title_en="How to help")
    assert category.anchor == "how-to-help-2"


def test_editing_the_question_in_either_language_keeps_its_anchor(
    admin_client, client, faq
):
    link = "/en/faq/#who-are-the-white-helmets"
    categories, questions = existing(faq)
    questions[0]["question_ar"] = "من هم متطوعو الخوذ البيضاء؟"
    questions[0]["question_en"] = "Who are the volunteers of the White Helmets?"
    response = admin_client.post(edit_url(faq), page_data(faq, categories, questions))
    assert response.status_code == 302, errors_in(response)

    question = FaqPage.objects.get(pk=faq.pk).questions.all()[0]
    assert question.question_ar == "من هم متطوعو الخوذ البيضاء؟"
    assert question.anchor == "who-are-the-white-helmets"
    for url in (link.split("#")[0], faq.get_translated_url("ar")):
        html = BeautifulSoup(client.get(url).content, "html.parser")
        assert html.select_one("details[data-anchor=who-are-the-white-helmets]")


def test_same_anchor_in_both_languages(client, faq):
    english = BeautifulSoup(client.get("/en/faq/").content, "html.parser")
    arabic = BeautifulSoup(
        client.get(faq.get_translated_url("ar")).content, "html.parser"
    )
    ids = [d["data-anchor"] for d in english.select("details.faq-question")]
    assert ids == [d["data-anchor"] for d in arabic.select("details.faq-question")]
    assert ids == [q.anchor for q in faq.questions.all()]


def test_clearing_an_anchor_makes_a_new_one_from_the_current_question(
    admin_client, faq
):
    categories, questions = existing(faq)
    questions[1]["question_en"] = "Why are the helmets white?"
    questions[1]["anchor"] = ""
    response = admin_client.post(edit_url(faq), page_data(faq, categories, questions))
    assert response.status_code == 302, errors_in(response)
    assert FaqPage.objects.get(pk=faq.pk).questions.all()[1].anchor == (
        "why-are-the-helmets-white"
    )


def test_restoring_an_old_revision_keeps_anchors_and_categories(client, faq):
    first = faq.latest_revision
    page = FaqPage.objects.get(pk=faq.pk)
    page.categories = [page.categories.all()[0]]
    page.questions = list(page.questions.all())[:2]
    page.save_revision().publish()
    assert client.get("/en/faq/").text.count('<details class="faq-question"') == 2

    first.publish()
    html = BeautifulSoup(client.get("/en/faq/").content, "html.parser")
    assert [d["data-anchor"] for d in html.select("details.faq-question")] == [
        "who-are-the-white-helmets",
        "why-white-helmets",
        "can-i-volunteer",
    ]
    assert html.select_one("#how-to-help details[data-anchor=can-i-volunteer]")
