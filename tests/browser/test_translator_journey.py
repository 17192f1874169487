"""A translator's journey on the demo site, in a real browser: an editor changes the
English answer of an FAQ question; the translator finds the Arabic answer outdated in
Reports > Translations, follows the link to that answer's Arabic box, writes the new
Arabic right to left, previews the page in Arabic and submits it to the Translation
review.

The screenshots are the size of the window (1280x800), for docs/translation.md."""

import re

import pytest
from django.contrib.contenttypes.models import ContentType
from playwright.sync_api import expect
from wagtail.models import WorkflowState

from core.models import TranslationStatus
from faq.models import FaqPage, FaqQuestion
from tests.browser.conftest import ARTIFACTS, open_in_preview, translators_member

NEW_ENGLISH = (
    "<p>The Syria Civil Defence is a humanitarian organisation of volunteer rescuers, "
    "working in every governorate it can reach since 2014.</p>"
)
NEW_ARABIC = (
    "الدفاع المدني السوري منظمة إنسانية من المتطوعين، تعمل منذ عام 2014 في كل "
    "محافظة تستطيع الوصول إليها."
)


@pytest.fixture
def translator(admin_page, demo_site, django_user_model):
    """A browser signed in as a member of the Translators group, the admin in
    English, at the size of the screenshots in docs/translation.md."""
    return admin_page(
        translators_member(django_user_model), viewport=(1280, 800), locale="en-GB"
    )


def _shot(page, name):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))


def _outdated(faq):
    return TranslationStatus.objects.filter(
        content_type=ContentType.objects.get_for_model(FaqPage),
        object_id=str(faq.pk),
        status=TranslationStatus.Status.OUTDATED,
    )


def _answer_status(question):
    return TranslationStatus.objects.get(
        content_type=ContentType.objects.get_for_model(FaqPage),
        object_id=str(question.page_id),
        field=f"questions.{question.pk}.answer",
        language="ar",
    )


def test_a_translator_fixes_an_outdated_faq_answer_and_submits_it(translator):
    """The Arabic saved in the submitted draft makes the answer's status up to date
    at once: statuses are worked out on every revision saved, drafts included
    (core.translation_status), so the report stops listing the answer as outdated
    before the review approves and publishes it."""
    faq = FaqPage.objects.get()
    question = FaqQuestion.objects.filter(page=faq).order_by("sort_order").first()
    assert _answer_status(question).status == TranslationStatus.Status.UP_TO_DATE
    assert not _outdated(faq).exists()

    # 1. An editor changes the English answer and publishes (no "minor change").
    draft = faq.get_latest_revision_as_object()
    questions = list(draft.questions.all())
    edited = next(q for q in questions if q.pk == question.pk)
    edited.answer_en = [("paragraph", NEW_ENGLISH)]
    draft.questions = questions
    draft.save_revision().publish()
    assert _answer_status(question).status == TranslationStatus.Status.OUTDATED
    assert _outdated(faq).count() == 1  # the English of the question is unchanged

    # 2. The report, filtered to Arabic and outdated, lists that answer.
    translator.goto("/admin/")
    translator.get_by_role("button", name="Reports").click()
    translator.get_by_role("link", name="Translations", exact=True).click()
    translator.wait_for_url("**/admin/reports/translations/")
    translator.get_by_role("button", name="Show filters").click()
    translator.click("[aria-controls=drilldown-id_language]")
    translator.select_option("select[name=language]", "ar")
    translator.locator("#drilldown-id_language .w-drilldown__back").click()
    translator.click("[aria-controls=drilldown-id_status]")
    translator.select_option("select[name=status]", "outdated")
    translator.wait_for_url(
        re.compile(r"language=ar.*status=outdated|status=outdated.*language=ar")
    )
    label = f"{question.question_en[:80]}: answer"
    row = translator.locator("tr", has_text=label)
    expect(row).to_have_count(1)
    expect(row).to_contain_text("Outdated")
    translator.keyboard.press("Escape")  # the filters' dropdown closes
    _shot(translator, "translation-report-outdated")
    row.get_by_role("link", name=faq.title_en).click()

    # 3. Straight to the Arabic answer of that question in the page editor, the
    # cursor in it; it is right to left, and the translator writes the new Arabic.
    index = (
        FaqPage.objects.get(pk=faq.pk).get_latest_revision_as_object().questions.all()
    )
    index = [q.pk for q in index].index(question.pk)
    translator.wait_for_url(
        f"**/admin/pages/{faq.pk}/edit/#questions-{index}-answer_ar"
    )
    assert translator.locator(
        f"input[name='questions-{index}-id'][value='{question.pk}']"
    ).count()
    answer = translator.locator(
        f"#questions-{index}-answer_ar-root [data-draftail-editor-wrapper]"
    ).first
    expect(answer.locator("[contenteditable=true]")).to_be_focused()
    expect(answer).to_be_in_viewport()
    expect(answer).to_have_attribute("dir", "rtl")
    expect(answer).to_have_attribute("lang", "ar")
    english = translator.locator(
        f"#questions-{index}-answer_en-root [data-draftail-editor-wrapper]"
    ).first
    expect(english).to_have_attribute("dir", "ltr")
    answer.locator("[contenteditable=true]").click()
    translator.keyboard.press("ControlOrMeta+A")
    translator.keyboard.insert_text(NEW_ARABIC)
    expect(answer).to_contain_text(NEW_ARABIC)
    answer.scroll_into_view_if_needed()
    _shot(translator, "translation-journey-editor")

    # 4. The preview panel, in Arabic: the framed page is the Arabic one.
    translator.click('[data-side-panel-toggle="preview"]')
    frame = translator.frame_locator("#w-preview-iframe")
    # The panel first shows the admin's language; then the translator picks Arabic.
    expect(frame.locator("html")).to_have_attribute("lang", "en", timeout=30000)
    translator.select_option("#id_preview_mode", "ar")
    # (An update already loading in English is followed by one in Arabic: two
    # renders of the page, which take a while on a busy machine.)
    expect(translator.locator("#w-preview-iframe")).to_have_attribute(
        "src", re.compile(r"mode=ar"), timeout=30000
    )
    expect(frame.locator("body")).to_contain_text(NEW_ARABIC, timeout=30000)
    expect(frame.locator("html")).to_have_attribute("lang", "ar")
    expect(frame.locator("html")).to_have_attribute("dir", "rtl")
    open_in_preview(
        translator, (".faq-question__text", question.question_ar), NEW_ARABIC
    )
    _shot(translator, "translation-journey-preview")

    # 5. Submitted to the Translation review.
    translator.locator(
        "footer .dropdown-toggle, [data-w-dropdown-target='toggle']"
    ).last.click()
    translator.get_by_role("button", name="Submit to Translation review").click()
    expect(translator.locator(".messages")).to_contain_text("submitted")
    state = WorkflowState.objects.get(object_id=str(faq.pk))
    assert state.current_task_state.task.name == "Arabic review"
    draft = FaqPage.objects.get(pk=faq.pk).get_latest_revision_as_object()
    saved = next(q for q in draft.questions.all() if q.pk == question.pk)
    assert NEW_ARABIC in saved.answer_ar[0].value.source
    assert saved.answer_en.get_prep_value()[0]["value"] == NEW_ENGLISH
    assert _answer_status(question).status == TranslationStatus.Status.UP_TO_DATE
    translator.goto("/admin/reports/translations/?language=ar&status=outdated")
    expect(translator.locator("tr", has_text=label)).to_have_count(0)
