"""Demo content: the questions page under home, with every question in both languages.

The page is made with the other sections' pages (so the home page can point to it);
its questions are written once every page exists, because some answers link to the
about section and to the donation page. Running the command again changes nothing.
"""

import datetime

from django.db import transaction
from django.utils import translation

from core.demo_content import CONTENT, SECTIONS, register, translated

from . import anchors, demo_data
from .models import FaqCategory, FaqPage, FaqQuestion

PAGE = {
    "slug": {"en": "faq", "ar": "الأسئلة-الشائعة"},
    "title": {"en": "Frequently asked questions", "ar": "الأسئلة الشائعة"},
    "introduction": {
        "en": (
            "Answers to the questions people ask us most about the Syria Civil "
            "Defence: who we are, where we work, how we are funded, why our "
            "volunteers are attacked and how you can help."
        ),
        "ar": (
            "إجابات عن أكثر ما يسألنا الناس عنه حول الدفاع المدني السوري: من نحن، "
            "وأين نعمل، وكيف نُموَّل، ولماذا يُستهدف متطوعونا، وكيف يمكنك المساعدة."
        ),
    },
    "search_description": {
        "en": (
            "Questions and answers about the Syria Civil Defence (the White Helmets)."
        ),
        "ar": "أسئلة وأجوبة عن الدفاع المدني السوري (الخوذ البيضاء).",
    },
}


def find_page(home):
    return FaqPage.objects.child_of(home).filter(slug_en=PAGE["slug"]["en"]).first()


@register(SECTIONS)
@transaction.atomic
def load_faq_page(context):
    home = context.pages["home"]
    page = find_page(home)
    if page is not None:
        context.add("faq", page)
        return
    with translation.override("en"):
        page = FaqPage(
            title=PAGE["title"]["en"], slug=PAGE["slug"]["en"], show_in_menus=True
        )
        for name in ("title", "slug", "introduction", "search_description"):
            translated(page, name, PAGE[name])
        home.add_child(instance=page)
        page.save_revision().publish()
    context.add("faq", page, created=True)
    context.log("Created the questions page.")


def is_untouched(page):
    """True for a page the demo made and nobody has filled in or edited since."""
    return (
        not page.categories.exists()
        and not page.questions.exists()
        and page.revisions.count() <= 1
    )


@register(CONTENT)
@transaction.atomic
def load_faq_questions(context):
    page = context.pages.get("faq")
    if page is None:
        return
    page = FaqPage.objects.get(pk=page.pk)
    if "faq" not in context.created and not is_untouched(page):
        return
    fill(page, context)
    with translation.override("en"):
        page.save_revision().publish()
    context.log("Wrote the questions and answers.")


def fill(page, context):
    """Put every category and question of ``demo_data`` on ``page`` (not saved)."""
    reviewed = datetime.date.fromisoformat(demo_data.REVIEWED)
    categories = []
    for data in demo_data.CATEGORIES:
        category = FaqCategory(anchor=anchors.anchor_base(data["key"]))
        translated(category, "title", data["title"])
        categories.append(category)
    anchors.assign_anchors(categories)
    page.categories = categories

    questions = []
    for category, data in zip(categories, demo_data.CATEGORIES, strict=True):
        for item in data["questions"]:
            question = FaqQuestion(category=category.anchor, last_reviewed=reviewed)
            translated(question, "question", item["question"])
            for language, blocks in item["answer"].items():
                setattr(question, f"answer_{language}", context.stream(blocks))
            questions.append(question)
    anchors.assign_anchors([*categories, *questions])
    page.questions = questions
