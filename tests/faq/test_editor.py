"""The questions editor: questions kept in the order of their categories, and a
revision compare that names categories and shows one insert as one insert."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.test.utils.form_data import rich_text, streamfield

from faq.models import FaqPage

from .admin_forms import edit_url, errors_in, existing, page_data, question_data

pytestmark = pytest.mark.django_db


def _new_question(category, text):
    return question_data(
        category=category,
        question_en=text,
        question_ar="سؤال جديد؟",
        answer_en=streamfield([("paragraph", rich_text("<p>An answer.</p>"))]),
        answer_ar=streamfield([("paragraph", rich_text("<p>جواب.</p>"))]),
    )


def _publish(client, page, categories, questions):
    response = client.post(edit_url(page), page_data(page, categories, questions))
    assert response.status_code == 302, errors_in(response)
    return FaqPage.objects.get(pk=page.pk).live_revision


def _compare(client, page, revision_a, revision_b):
    url = reverse(
        "wagtailadmin_pages:revisions_compare",
        args=(page.pk, revision_a.pk, revision_b.pk),
    )
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_questions_are_kept_in_the_order_of_their_categories(admin_client, faq):
    categories, questions = existing(faq)
    # A new "How to help" question added at the end, and one about the
    # organisation put after it: the list is saved grouped by category.
    questions.append(_new_question("how-to-help", "Can I give equipment?"))
    questions.append(_new_question("about-the-organisation", "Where do you work?"))
    _publish(admin_client, faq, categories, questions)
    saved = [
        (q.category, q.question_en)
        for q in FaqPage.objects.get(pk=faq.pk).questions.all()
    ]
    assert saved == [
        ("about-the-organisation", "Who are the White Helmets?"),
        ("about-the-organisation", "Why white helmets?"),
        ("about-the-organisation", "Where do you work?"),
        ("how-to-help", "Can I volunteer?"),
        ("how-to-help", "Can I give equipment?"),
    ]


def test_compare_shows_one_insert_as_one_insert(admin_client, faq):
    categories, questions = existing(faq)
    before = _publish(admin_client, faq, categories, questions)
    # Inserted first in its category: every question after it has a new position.
    # (New rows come after the existing ones in the form; ORDER places them.)
    for position, question in enumerate(questions, start=1):
        question["ORDER"] = str(position)
    new = _new_question("about-the-organisation", "Where do you work?")
    questions.append({**new, "ORDER": "0"})
    after = _publish(admin_client, faq, categories, questions)
    html = _compare(admin_client, faq, before, after)
    text = html.get_text(" ")
    assert "Moved down" not in text
    assert "Moved up" not in text
    additions = html.select("td.comparison > .comparison__child-object.addition")
    assert len(additions) == 1
    assert "Where do you work?" in additions[0].get_text(" ")


def test_compare_still_shows_a_real_move(admin_client, faq):
    categories, questions = existing(faq)
    before = _publish(admin_client, faq, categories, questions)
    questions[0], questions[1] = questions[1], questions[0]
    after = _publish(admin_client, faq, categories, questions)
    text = _compare(admin_client, faq, before, after).get_text(" ")
    assert "Moved down 1 place" in text
    assert "Moved up 1 place" in text


def test_compare_names_categories_by_title(admin_client, faq):
    categories, questions = existing(faq)
    before = _publish(admin_client, faq, categories, questions)
    questions[1]["category"] = "how-to-help"
    after = _publish(admin_client, faq, categories, questions)
    html = _compare(admin_client, faq, before, after)
    moved = next(
        child
        for child in html.select("td.comparison > .comparison__child-object")
        if "Why white helmets?" in child.get_text(" ")
    )
    category = moved.select_one("dd").get_text(" ")
    assert "About the organisation" in category
    assert "How to help" in category
    assert "about-the-organisation" not in html.select_one("table").get_text(" ")
    assert "Moved" not in moved.get_text(" ")
