"""Editors and translators in the admin's editor, in a real browser: the checks panel
reads the framed preview, and Arabic StreamField blocks are written right to left."""

import pytest
from playwright.sync_api import expect
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection, WorkflowState

from core.models import GlossaryTerm, StandardPage
from tests.browser.conftest import translators_member


@pytest.fixture
def bad_draft(home):
    """A page whose body skips a heading level and whose image's alternative text is
    a file name, with an Arabic body of one heading."""
    if not Collection.get_first_root_node():  # emptied by an earlier browser test
        Collection.add_root(name="Root")
    image = Image.objects.create(title="Rescue", file=get_test_image_file())
    page = StandardPage(
        title_en="About us",
        title_ar="من نحن",
        slug_en="about",
        slug_ar="من-نحن",
        title="About us",
        slug="about",
        introduction_en="Who we are.",
        body_en=[
            ("heading", {"text": "Skipped to level three", "level": "h3"}),
            ("image", {"image": image, "alt_text": "IMG_2034.jpg", "caption": ""}),
        ],
        body_ar=[("heading", {"text": "من نحن؟", "level": "h2"})],
    )
    home.add_child(instance=page)
    return page


def test_checks_panel_finds_the_draft_problems_in_the_framed_preview(
    editor, bad_draft, screenshot
):
    editor.goto(f"/admin/pages/{bad_draft.pk}/edit/")
    editor.click('[data-side-panel-toggle="checks"]')
    count = (
        editor.locator("[data-checks-panel]")
        .locator("..")
        .locator("[data-content-checker-count]")
    )
    expect(count).not_to_have_text("0", timeout=30000)
    assert int(count.inner_text()) >= 2
    expect(editor.locator("[data-content-word-count]")).not_to_have_text("-")
    screenshot(editor, "admin-checks-panel")


def test_arabic_streamfield_blocks_are_right_to_left(editor, bad_draft):
    editor.goto(f"/admin/pages/{bad_draft.pk}/edit/")
    arabic = editor.locator('input[name="body_ar-0-value-text"]')
    expect(arabic).to_have_attribute("dir", "rtl")
    expect(arabic).to_have_attribute("lang", "ar")
    english = editor.locator('input[name="body_en-0-value-text"]')
    expect(english).to_have_attribute("dir", "ltr")


def test_the_glossary_opens_beside_the_arabic_field_being_written(editor, bad_draft):
    GlossaryTerm.objects.get_or_create(
        term_en="the White Helmets",
        defaults={"term": "the White Helmets", "term_ar": "الخوذ البيضاء"},
    )
    editor.goto(f"/admin/pages/{bad_draft.pk}/edit/")
    glossary = editor.locator(".admin-glossary")
    expect(glossary).to_have_count(0)
    # Show the Arabic fields beside the English ones.
    editor.locator("button.locale-toggle", has_text="ar").first.click()
    editor.locator('textarea[name="introduction_ar"]').focus()
    expect(glossary).to_be_visible()
    expect(glossary.locator('td[lang="ar"]', has_text="الخوذ البيضاء")).to_be_visible()
    # Right after the Arabic field.
    assert glossary.evaluate(
        "g => g.previousElementSibling.querySelector('[name=introduction_ar]') !== null"
    )
    glossary.locator(".admin-glossary__filter").fill("white helmets")
    expect(glossary.locator("tr:visible")).to_have_count(1)
    editor.locator('textarea[name="introduction_en"]').focus()
    expect(glossary).to_be_hidden()


@pytest.fixture
def translator(admin_page, transactional_db, home, django_user_model):
    """A browser signed in as a member of the Translators group."""
    return admin_page(translators_member(django_user_model))


def test_a_translator_writes_the_arabic_and_submits_it_for_review(
    translator, bad_draft, screenshot
):
    translator.goto(f"/admin/pages/{bad_draft.pk}/edit/")
    translator.locator("button.locale-toggle", has_text="ar").first.click()
    expect(translator.locator('textarea[name="introduction_en"]')).to_be_disabled()
    arabic = translator.locator('textarea[name="introduction_ar"]')
    expect(arabic).to_have_attribute("dir", "rtl")
    arabic.fill("من نحن؟ فريق من المتطوعين.")
    screenshot(translator, "admin-translator-editing")
    translator.locator(
        "footer .dropdown-toggle, [data-w-dropdown-target='toggle']"
    ).last.click()
    translator.get_by_role("button", name="Submit to Translation review").click()
    expect(translator.locator(".messages")).to_contain_text("submitted")
    draft = StandardPage.objects.get(pk=bad_draft.pk).get_latest_revision_as_object()
    assert draft.introduction_ar == "من نحن؟ فريق من المتطوعين."
    assert draft.introduction_en == "Who we are."
    state = WorkflowState.objects.get(object_id=str(bad_draft.pk))
    assert state.current_task_state.task.name == "Arabic review"


def test_a_report_link_opens_the_field_on_its_tab_with_the_cursor_in_it(editor, home):
    """The report linked a field on the Promote tab to a panel id of the Content tab,
    and the language picker kept the Arabic boxes hidden."""
    page = StandardPage(
        title_en="Our history",
        title_ar="تاريخنا",
        slug_en="history",
        slug="history",
        title="Our history",
        seo_title_en="History of the Syria Civil Defence",
    )
    home.add_child(instance=page)
    page.save_revision()
    editor.goto("/admin/reports/translations/?status=missing&language=ar")
    row = editor.locator("tr", has_text="Our history")
    row.get_by_role("link", name="Our history").click()
    editor.wait_for_url(f"**/admin/pages/{page.pk}/edit/#id_seo_title_ar")
    box = editor.locator("#id_seo_title_ar")
    expect(box).to_be_focused()
    expect(box).to_be_visible()
    expect(box).to_be_in_viewport()
    expect(box).to_have_attribute("dir", "rtl")


def test_a_link_to_a_row_opens_its_collapsed_panel(editor, home):
    from tests.faq.factories import FaqPageFactory, fill_faq

    faq = FaqPageFactory(parent=home)
    fill_faq(
        faq,
        [({"en": "Volunteering"}, [{"question_en": "Why?"}, {"question_en": "How?"}])],
    )
    editor.goto(f"/admin/pages/{faq.pk}/edit/")
    toggle = editor.locator(
        "[data-panel-toggle][aria-controls='inline_child_questions-1-panel-content']"
    )
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "false")
    box = editor.locator("#id_questions-1-question_ar")
    expect(box).to_be_hidden()
    editor.evaluate("location.hash = '#id_questions-1-question_ar'")
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(box).to_be_focused()
    expect(box).to_be_in_viewport()
