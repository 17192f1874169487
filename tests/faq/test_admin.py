"""Editors and translators work on the questions in the Wagtail admin."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    rich_text,
    streamfield,
)

from faq.models import FaqPage, FaqQuestion

from .admin_forms import edit_url, errors_in, existing, page_data, question_data
from .factories import FaqPageFactory, fill_faq

pytestmark = pytest.mark.django_db


def test_add_view_opens_with_fields_for_each_language(admin_client, home):
    url = reverse("wagtailadmin_pages:add", args=("faq", "faqpage", home.pk))
    response = admin_client.get(url)
    assert response.status_code == 200
    for name in ("title_en", "title_ar", "introduction_en", "introduction_ar"):
        assert f'name="{name}"' in response.text
    # Translators see the Arabic boxes of categories and questions too.
    for name in (
        "categories-__prefix__-title_ar",
        "questions-__prefix__-question_ar",
        "questions-__prefix__-answer_ar",
    ):
        assert name in response.text


def test_edit_view_offers_only_this_page_categories(admin_client, faq, about):
    other = FaqPageFactory(parent=about, slug_en="more-faq", slug_ar="المزيد")
    fill_faq(other, [({"en": "Elsewhere", "ar": "مكان آخر"}, [{}])])
    response = admin_client.get(edit_url(faq))
    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    select = html.select_one("select[name='questions-0-category']")
    options = [option["value"] for option in select.select("option")]
    assert options == ["", "about-the-organisation", "how-to-help"]
    assert select.select_one("option[selected]")["value"] == "about-the-organisation"
    assert 'name="questions-0-question_ar"' in response.text


def test_editor_publishes_a_new_question_and_visitors_see_it(admin_client, client, faq):
    categories, questions = existing(faq)
    questions.append(
        question_data(
            category="how-to-help",
            question_en="Can I give equipment instead of money?",
            question_ar="هل يمكنني التبرع بمعدات بدل المال؟",
            answer_en=streamfield(
                [("paragraph", rich_text("<p>Please give money: it goes further.</p>"))]
            ),
            answer_ar=streamfield(
                [("paragraph", rich_text("<p>نفضّل التبرع بالمال لأنه أنفع.</p>"))]
            ),
        )
    )
    response = admin_client.post(edit_url(faq), page_data(faq, categories, questions))
    assert response.status_code == 302, errors_in(response)

    question = FaqQuestion.objects.get(question_en__startswith="Can I give")
    assert question.anchor == "can-i-give-equipment-instead-of-money"
    assert question.category == "how-to-help"

    english = BeautifulSoup(client.get("/en/faq/").content, "html.parser")
    section = english.select_one("#how-to-help")
    assert [s.get_text(strip=True) for s in section.select("summary")] == [
        "Can I volunteer?",
        "Can I give equipment instead of money?",
    ]
    assert english.select_one(f'details[data-anchor="{question.anchor}"]')
    assert "Please give money" in english.select_one(f"#{question.anchor}").text

    arabic = client.get(faq.get_translated_url("ar"))
    assert "هل يمكنني التبرع بمعدات بدل المال؟" in arabic.text
    assert "نفضّل التبرع بالمال لأنه أنفع." in arabic.text


def test_saving_a_draft_keeps_the_live_page_and_previews_the_change(
    admin_client, client, faq
):
    categories, questions = existing(faq)
    questions[0]["question_en"] = "Who exactly are the White Helmets?"
    response = admin_client.post(
        edit_url(faq), page_data(faq, categories, questions, action=None)
    )
    assert response.status_code == 302, errors_in(response)
    live = client.get("/en/faq/").text
    assert "Who are the White Helmets?" in live
    assert "Who exactly" not in live
    draft = FaqPage.objects.get(pk=faq.pk).get_latest_revision_as_object()
    assert draft.questions.all()[0].question_en == "Who exactly are the White Helmets?"
    # The anchor made when the question was first saved stays.
    assert draft.questions.all()[0].anchor == "who-are-the-white-helmets"

    preview = admin_client.post(
        reverse("wagtailadmin_pages:preview_on_edit", args=(faq.pk,)),
        page_data(faq, categories, questions, action=None),
    )
    assert preview.json()["is_valid"]
    shown = admin_client.get(
        reverse("wagtailadmin_pages:preview_on_edit", args=(faq.pk,))
    )
    assert "Who exactly are the White Helmets?" in shown.text


def test_editor_moves_and_reorders_questions(admin_client, client, faq):
    categories, questions = existing(faq)
    # "Why white helmets?" moves to "How to help" and goes to the end.
    moved = questions.pop(1)
    moved["category"] = "how-to-help"
    questions.append(moved)
    response = admin_client.post(edit_url(faq), page_data(faq, categories, questions))
    assert response.status_code == 302, errors_in(response)
    html = BeautifulSoup(client.get("/en/faq/").content, "html.parser")
    assert [s.get_text(strip=True) for s in html.select("#how-to-help summary")] == [
        "Can I volunteer?",
        "Why white helmets?",
    ]
    assert [
        s.get_text(strip=True) for s in html.select("#about-the-organisation summary")
    ] == ["Who are the White Helmets?"]


def test_typed_anchor_already_used_on_the_page_is_refused(admin_client, faq):
    categories, questions = existing(faq)
    questions[2]["anchor"] = "who-are-the-white-helmets"
    response = admin_client.post(edit_url(faq), page_data(faq, categories, questions))
    assert response.status_code == 200
    assert "already uses “who-are-the-white-helmets”" in response.text
    assert FaqQuestion.objects.get(pk=questions[2]["id"]).anchor == "can-i-volunteer"


def test_anchor_of_a_category_may_not_be_an_id_the_page_uses(admin_client, faq):
    categories, questions = existing(faq)
    categories[0]["anchor"] = "main"
    response = admin_client.post(edit_url(faq), page_data(faq, categories, questions))
    assert response.status_code == 200
    assert "is used by the page itself" in response.text


def test_two_new_questions_with_the_same_text_get_distinct_anchors(admin_client, faq):
    categories, questions = existing(faq)
    for _ in range(2):
        questions.append(
            question_data(
                category="how-to-help",
                question_en="Who are the White Helmets?",
                question_ar="من هم؟",
                answer_en=streamfield([("paragraph", rich_text("<p>Rescuers.</p>"))]),
                answer_ar=streamfield([]),
            )
        )
    response = admin_client.post(edit_url(faq), page_data(faq, categories, questions))
    assert response.status_code == 302, errors_in(response)
    assert list(
        FaqQuestion.objects.filter(page=faq).values_list("anchor", flat=True)
    ) == [
        "who-are-the-white-helmets",
        "why-white-helmets",
        "can-i-volunteer",
        "who-are-the-white-helmets-2",
        "who-are-the-white-helmets-3",
    ]


def test_deleting_a_category_that_still_has_questions_is_refused(admin_client, faq):
    categories, questions = existing(faq)
    categories[1]["DELETE"] = "1"
    response = admin_client.post(edit_url(faq), page_data(faq, categories, questions))
    assert response.status_code == 200
    assert "This category is being deleted" in response.text
    assert FaqPage.objects.get(pk=faq.pk).categories.count() == 2


def test_deleting_a_category_after_moving_its_questions_works(
    admin_client, client, faq
):
    categories, questions = existing(faq)
    categories[1]["DELETE"] = "1"
    questions[2]["category"] = "about-the-organisation"
    response = admin_client.post(edit_url(faq), page_data(faq, categories, questions))
    assert response.status_code == 302, errors_in(response)
    html = BeautifulSoup(client.get("/en/faq/").content, "html.parser")
    assert html.select_one("#how-to-help") is None
    assert len(html.select("#about-the-organisation details")) == 3


def test_renaming_a_category_anchor_keeps_its_questions(admin_client, client, faq):
    categories, questions = existing(faq)
    categories[1]["anchor"] = "help"
    response = admin_client.post(edit_url(faq), page_data(faq, categories, questions))
    assert response.status_code == 302, errors_in(response)
    html = BeautifulSoup(client.get("/en/faq/").content, "html.parser")
    assert [s.get_text(strip=True) for s in html.select("#help summary")] == [
        "Can I volunteer?"
    ]


def test_new_page_gets_categories_first_then_questions(admin_client, client, home):
    url = reverse("wagtailadmin_pages:add", args=("faq", "faqpage", home.pk))
    data = {
        "title_en": "Questions",
        "title_ar": "أسئلة",
        "slug_en": "questions",
        "slug_ar": "أسئلة",
        "introduction_en": "",
        "introduction_ar": "",
        "categories": inline_formset([{"title_en": "Funding", "title_ar": "التمويل"}]),
        "questions": inline_formset([]),
        "comments": inline_formset([]),
    }
    response = admin_client.post(url, nested_form_data(data))
    assert response.status_code == 302, errors_in(response)
    page = FaqPage.objects.get(slug_en="questions")
    category = page.categories.get()
    assert category.anchor == "funding"

    # The saved category is now offered to a new question.
    # (The new question form sits in a <template>, so look at the markup itself.)
    form = admin_client.get(edit_url(page)).text
    assert '<option value="funding">Funding</option>' in form


def test_report_lists_the_answers_least_recently_reviewed_first(admin_client, faq):
    questions = list(faq.questions.all())
    questions[2].last_reviewed = datetime.date(2024, 3, 1)
    questions[0].last_reviewed = datetime.date(2025, 6, 1)
    faq.questions = questions
    faq.save_revision().publish()
    response = admin_client.get(reverse("faq_questions_to_review"))
    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    rows = [row.get_text(" ", strip=True) for row in html.select("table tbody tr")]
    assert [row.split(" ")[0:3] for row in rows][:2] == [
        ["Can", "I", "volunteer?"],
        ["Who", "are", "the"],
    ]
    assert html.select_one("table tbody a")["href"] == reverse(
        "wagtailadmin_pages:edit", args=(faq.pk,)
    )
    # The category as editors name it, never its internal anchor.
    headings = [th.get_text(strip=True) for th in html.select("table thead th")]
    assert "Category" in headings and "Category anchor" not in headings
    assert "About the organisation" in rows[1]
    menu = admin_client.get(reverse("wagtailadmin_home"))
    assert reverse("faq_questions_to_review") in menu.text


def test_report_download_never_writes_a_cell_that_runs(admin_client, faq):
    questions = list(faq.questions.all())
    questions[0].question_en = "=cmd|' /C calc'!A0"
    faq.questions = questions
    faq.save_revision().publish()
    response = admin_client.get(reverse("faq_questions_to_review"), {"export": "csv"})
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    cells = [cell for line in body.splitlines() for cell in line.split(",")]
    assert "'=cmd|' /C calc'!A0" in cells
    assert "=cmd|' /C calc'!A0" not in cells


def test_report_is_refused_to_staff_who_cannot_edit_a_questions_page(
    client, faq, sign_in
):
    from django.contrib.auth.models import Group, Permission, User

    user = User.objects.create_user("reader", password="x")
    group = Group.objects.create(name="Readers")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user.groups.add(group)
    sign_in(client, user)
    response = client.get(reverse("faq_questions_to_review"))
    assert response.status_code in (302, 403)
    assert "Can I volunteer?" not in response.text
