import datetime

import factory
from django.utils import translation

from faq import anchors
from faq.models import FaqCategory, FaqPage, FaqQuestion
from tests.core.factories import TranslatedPageFactory


class FaqPageFactory(TranslatedPageFactory):
    title_en = "Frequently asked questions"
    title_ar = "الأسئلة الشائعة"
    slug_en = "faq"
    slug_ar = "الأسئلة-الشائعة"
    introduction_en = "Answers to the questions people ask us."
    introduction_ar = "إجابات عن الأسئلة التي يطرحها الناس علينا."
    show_in_menus = True

    class Meta:
        model = FaqPage


def paragraph(html):
    return [{"type": "paragraph", "value": html}]


class FaqQuestionFactory(factory.Factory):
    """An unsaved question; ``fill_faq`` puts it on a page."""

    question_en = factory.Sequence(lambda n: f"Question number {n}?")
    question_ar = factory.Sequence(lambda n: f"السؤال رقم {n}؟")
    answer_en = factory.LazyAttribute(
        lambda o: paragraph(f"<p>Answer to {o.question_en}</p>")
    )
    answer_ar = factory.LazyAttribute(
        lambda o: paragraph(f"<p>جواب {o.question_ar}</p>")
    )
    last_reviewed = datetime.date(2026, 11, 1)
    category = ""

    class Meta:
        model = FaqQuestion


def fill_faq(page, categories, publish=True):
    """Put categories and their questions on ``page`` and publish it.

    ``categories`` is ``[({"en": ..., "ar": ...}, [question kwargs, ...]), ...]``.
    """
    page = FaqPage.objects.get(pk=page.pk)
    category_objects = []
    question_objects = []
    for title, questions in categories:
        category = FaqCategory(title_en=title["en"], title_ar=title.get("ar", ""))
        category_objects.append(category)
        anchors.assign_anchors(category_objects)
        for kwargs in questions:
            question_objects.append(
                FaqQuestionFactory.build(category=category.anchor, **kwargs)
            )
    page.categories = category_objects
    page.questions = question_objects
    with translation.override("en"):
        revision = page.save_revision()
        if publish:
            revision.publish()
    return FaqPage.objects.get(pk=page.pk)
