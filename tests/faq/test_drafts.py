"""Drafts and autosave leave no half-made questions: a row added and left empty is not
saved, and a question's anchor is made when it is published, from its text then."""

import pytest
from bs4 import BeautifulSoup
from django.utils import translation
from wagtail.test.utils.form_data import rich_text, streamfield

from faq.content import build_sections
from faq.models import FaqPage, FaqQuestion

from .admin_forms import edit_url, errors_in, existing, page_data, question_data

pytestmark = pytest.mark.django_db


def _autosave(client, page, categories, questions):
    """What the editor's autosave sends: the form as a draft, asking for JSON."""
    return client.post(
        edit_url(page),
        page_data(page, categories, questions, action=None),
        HTTP_ACCEPT="application/json",
    )


def _empty_row(category=""):
    # "Add question" clicked: the row's position and review date, nothing typed.
    return question_data(
        category=category,
        question_en="",
        question_ar="",
        answer_en=streamfield([]),
        answer_ar=streamfield([]),
    )


def test_an_empty_new_question_is_left_out_of_the_draft(admin_client, faq):
    categories, questions = existing(faq)
    response = _autosave(admin_client, faq, categories, [*questions, _empty_row()])
    assert response.status_code == 200, response.content
    assert response.json()["success"]
    draft = FaqPage.objects.get(pk=faq.pk).get_latest_revision_as_object()
    assert len(draft.questions.all()) == len(questions)


def test_an_empty_new_question_does_not_block_the_next_publish(
    admin_client, client, faq
):
    categories, questions = existing(faq)
    # An empty row left with the category chosen still counts as empty.
    response = admin_client.post(
        edit_url(faq),
        page_data(faq, categories, [*questions, _empty_row("how-to-help")]),
    )
    assert response.status_code == 302, errors_in(response)
    assert FaqQuestion.objects.filter(page=faq).count() == len(questions)
    html = BeautifulSoup(client.get("/en/faq/").content, "html.parser")
    assert len(html.select("details.faq-question")) == len(questions)


def test_an_empty_new_category_is_left_out(admin_client, faq):
    categories, questions = existing(faq)
    empty = {"id": "", "title_en": "", "title_ar": "", "anchor": ""}
    response = admin_client.post(
        edit_url(faq), page_data(faq, [*categories, empty], questions)
    )
    assert response.status_code == 302, errors_in(response)
    assert FaqPage.objects.get(pk=faq.pk).categories.count() == len(categories)


def test_a_question_gets_its_anchor_when_published_not_when_drafted(
    admin_client, client, faq
):
    categories, questions = existing(faq)

    def new_question(text):
        return question_data(
            category="how-to-help",
            question_en=text,
            question_ar="هل يمكنني التبرع بمعدات؟",
            answer_en=streamfield([("paragraph", rich_text("<p>Give money.</p>"))]),
            answer_ar=streamfield([("paragraph", rich_text("<p>تبرع بالمال.</p>"))]),
        )

    # Autosave while the editor is still typing: no anchor from the half-typed text.
    response = _autosave(
        admin_client, faq, categories, [*questions, new_question("Can I")]
    )
    assert response.json()["success"]
    draft = FaqPage.objects.get(pk=faq.pk).get_latest_revision_as_object()
    assert draft.questions.all()[len(questions)].anchor == ""
    # The preview still links to the answer, with the anchor it would get.
    with translation.override("en"):
        shown = [e.anchor for s in build_sections(draft) for e in s.entries]
    assert "can-i" in shown
    assert draft.questions.all()[len(questions)].anchor == ""  # nothing saved

    # Published with its whole text: the anchor is made from that, with no "-2".
    response = admin_client.post(
        edit_url(faq),
        page_data(faq, categories, [*questions, new_question("Can I give equipment?")]),
    )
    assert response.status_code == 302, errors_in(response)
    question = FaqQuestion.objects.get(page=faq, question_en="Can I give equipment?")
    assert question.anchor == "can-i-give-equipment"
    html = BeautifulSoup(client.get("/en/faq/").content, "html.parser")
    assert html.select_one("#can-i-give-equipment")


def test_a_page_never_published_gets_question_anchors_at_its_first_publish(home):
    from .factories import FaqPageFactory, FaqQuestionFactory

    page = FaqPageFactory(parent=home, live=False)
    page.questions.add(FaqQuestionFactory.build(question_en="Who are you?"))
    page.save_revision()
    draft = page.get_latest_revision_as_object()
    assert draft.questions.all()[0].anchor == ""
    page.get_latest_revision().publish()
    assert FaqQuestion.objects.get(page=page).anchor == "who-are-you"
