"""POST data for the questions page's admin form, as the editor's browser sends it."""

from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    rich_text,
    streamfield,
)


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=(page.pk,))


def category_data(category, **changes):
    data = {
        "id": str(category.pk),
        "title_en": category.title_en,
        "title_ar": category.title_ar,
        "anchor": category.anchor,
    }
    data.update(changes)
    return data


def question_data(question=None, **changes):
    data = {"id": "", "anchor": "", "last_reviewed": "2026-11-01"}
    if question is not None:
        data.update(
            {
                "id": str(question.pk),
                "category": question.category,
                "question_en": question.question_en,
                "question_ar": question.question_ar,
                "anchor": question.anchor,
                "last_reviewed": question.last_reviewed.isoformat(),
                "answer_en": streamfield(
                    [
                        ("paragraph", rich_text(child.value.source))
                        for child in question.answer_en
                        if child.block_type == "paragraph"
                    ]
                ),
                "answer_ar": streamfield(
                    [
                        ("paragraph", rich_text(child.value.source))
                        for child in question.answer_ar
                        if child.block_type == "paragraph"
                    ]
                ),
            }
        )
    data.update(changes)
    return data


def page_data(page, categories, questions, action="action-publish"):
    """POST data for the edit form: the page as it is, with these lists."""
    data = {
        "title_en": page.title_en,
        "title_ar": page.title_ar,
        "slug_en": page.slug_en,
        "slug_ar": page.slug_ar,
        "introduction_en": page.introduction_en,
        "introduction_ar": page.introduction_ar,
        "categories": inline_formset(
            categories, initial=sum(1 for item in categories if item.get("id"))
        ),
        "questions": inline_formset(
            questions, initial=sum(1 for item in questions if item.get("id"))
        ),
        "comments": inline_formset([]),
    }
    if action:
        data[action] = "action"
    return nested_form_data(data)


def existing(faq):
    categories = [category_data(c) for c in faq.categories.all()]
    questions = [question_data(q) for q in faq.questions.all()]
    return categories, questions


def errors_in(response):
    html = BeautifulSoup(response.content, "html.parser")
    return " ".join(
        error.get_text(" ", strip=True)
        for error in html.select(".error-message, .help-critical, .w-field__errors")
    )
