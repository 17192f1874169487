"""An editor's round on the demo site, in a real browser: the questions editor grouped
by category, with rows labelled by their question and a category filter; a page, its
schedule and its checks; the memorial records and import; the donations report.

The screenshots are the size of the window (1280x800), for docs/editors.md: they go
where CI keeps them (reports/screenshots) and are copied to docs/img/ from there."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from core.models import StandardPage
from faq.models import FaqPage
from tests.browser.conftest import ARTIFACTS, STAFF_PASSWORD


@pytest.fixture
def editor(admin_page, demo_site, django_user_model):
    user = django_user_model.objects.create_superuser(
        "communications", "c@example.org", STAFF_PASSWORD
    )
    return admin_page(user, viewport=(1280, 800), locale="en-GB")


def _shot(page, name):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))


def test_an_editor_works_on_the_questions_grouped_by_category(editor):
    faq = FaqPage.objects.get()
    questions = list(faq.questions.all())
    categories = list(faq.categories.all())
    editor.goto(f"/admin/pages/{faq.pk}/edit/")

    rows = editor.locator("#id_questions-FORMS > [data-inline-panel-child]")
    first = rows.first
    # The row's heading is its question, not "Question 1".
    heading = first.locator("[data-faq-row-label]").first
    expect(heading).to_have_text(questions[0].question_en)
    # A heading names each category above its first question.
    group_headings = editor.locator("#id_questions-FORMS [data-faq-group-heading]")
    expect(group_headings).to_have_count(len(categories))
    expect(group_headings.first).to_have_text(categories[0].title_en)

    # Collapsed, the row still reads as its question.
    first.locator("[data-panel-toggle]").first.click()
    expect(first.locator("[data-panel-toggle]").first).to_have_attribute(
        "aria-expanded", "false"
    )
    expect(heading).to_have_text(questions[0].question_en)

    # Typing a new question renames its row.
    first.locator("[data-panel-toggle]").first.click()
    question_input = first.locator('input[name$="-question_en"]')
    question_input.fill("Who are the Syria Civil Defence, in short?")
    expect(heading).to_have_text("Who are the Syria Civil Defence, in short?")

    # One category at a time.
    second = categories[1]
    editor.select_option("[data-faq-category-filter]", second.anchor)
    in_second = [q for q in questions if q.category == second.anchor]
    expect(rows.locator("visible=true")).to_have_count(len(in_second))
    expect(group_headings.locator("visible=true")).to_have_text([second.title_en])
    editor.locator(
        "#id_questions-FORMS [data-faq-group-heading]"
    ).first.scroll_into_view_if_needed()
    _shot(editor, "editors-faq-by-category")

    # A question added while a category is shown goes into that category.
    editor.click("#id_questions-ADD")
    new_row = rows.last
    expect(new_row.locator('select[name$="-category"]')).to_have_value(second.anchor)
    expect(new_row).to_be_visible()


def test_an_editor_previews_schedules_and_checks_a_page(editor):
    about = StandardPage.objects.filter(depth__gt=2).first()
    editor.goto(f"/admin/pages/{about.pk}/edit/")
    _shot(editor, "editors-page-editor")

    editor.click('[data-side-panel-toggle="preview"]')
    expect(editor.locator("#w-preview-iframe")).to_be_visible()
    editor.wait_for_timeout(1500)
    _shot(editor, "editors-preview")

    editor.click('[data-side-panel-toggle="checks"]')
    count = editor.locator('[data-side-panel="checks"] [data-content-checker-count]')
    expect(count).not_to_have_text("", timeout=30000)
    expect(editor.locator("[data-content-word-count]")).not_to_have_text("-")
    _shot(editor, "editors-checks")

    editor.click('[data-side-panel-toggle="status"]')
    editor.get_by_role("button", name="Set schedule").first.click()
    dialog = editor.locator("#schedule-publishing-dialog")
    expect(dialog).to_be_visible()
    _shot(editor, "editors-schedule")


def test_an_editor_finds_the_memorial_and_the_donations(editor):
    editor.goto(reverse("wagtailsnippets_memorial_fallenvolunteer:list"))
    expect(editor.locator("table.listing tbody tr").first).to_be_visible()
    _shot(editor, "editors-memorial-records")

    editor.goto(reverse("memorial_import:index"))
    expect(editor.locator("input[type=file]").first).to_be_attached()
    _shot(editor, "editors-memorial-import")

    editor.goto(reverse("donation_totals:index"))
    expect(editor.locator("main")).to_be_visible()
    _shot(editor, "editors-donation-totals")

    editor.goto(reverse("faq_questions_to_review"))
    expect(editor.locator("table.listing tbody tr").first).to_be_visible()
    _shot(editor, "editors-answers-to-review")
