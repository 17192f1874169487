"""In a real browser: the Arabic body panel shows only text, and one button starts
the Arabic from the English."""

import re

import pytest
from playwright.sync_api import expect
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection

from core.models import StandardPage
from tests.browser.conftest import ARTIFACTS


@pytest.fixture
def english_only(home):
    if not Collection.get_first_root_node():  # emptied by an earlier browser test
        Collection.add_root(name="Root")
    image = Image.objects.create(
        title="Rescue", description="Volunteers at work", file=get_test_image_file()
    )
    page = StandardPage(
        title_en="Our history",
        title_ar="تاريخنا",
        slug_en="history",
        slug_ar="تاريخنا",
        title="Our history",
        slug="history",
        body_en=[
            ("image", {"image": image, "alt_text": "", "caption": "Idlib"}),
            ("key_figure", {"value": "3,000", "figure": "", "label": "Volunteers"}),
        ],
        body_ar=[],
    )
    home.add_child(instance=page)
    page.save_revision()
    return page


def show_arabic(editor):
    toggle = editor.locator("button.locale-toggle", has_text=re.compile("^ar$", re.I))
    toggle.click()
    expect(editor.locator("#panel-child-content-body_ar-section")).to_be_visible()


def test_the_arabic_is_started_from_the_english_and_shows_text_only(
    editor, english_only
):
    editor.goto(f"/admin/pages/{english_only.pk}/edit/")
    errors = []
    editor.on("pageerror", lambda error: errors.append(str(error)))
    show_arabic(editor)
    # Whole fields are not copied, text and all, from one language to another.
    expect(editor.locator(".translation-field-copy").first).to_be_hidden()
    editor.get_by_role("button", name="Start the Arabic from the English").click()
    expect(editor.get_by_text("has been updated").first).to_be_visible()
    show_arabic(editor)
    caption = editor.locator('input[name="body_ar-0-value-caption"]')
    expect(caption).to_be_visible()
    expect(caption).to_have_value("")
    expect(editor.locator('input[name="body_ar-1-value-label"]')).to_be_visible()
    # The values are the English ones, not inputs the translator could change.
    expect(editor.locator('input[name="body_ar-1-value-value"]')).to_be_hidden()
    expect(editor.locator('input[name="body_ar-1-value-value"]')).to_have_value(
        re.compile("3,000")
    )
    arabic = editor.locator("#panel-child-content-body_ar-section")
    expect(arabic.get_by_text("Shared with English").first).to_be_visible()
    expect(arabic.get_by_role("button", name="Choose an image")).to_have_count(0)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    arabic.screenshot(path=str(ARTIFACTS / "admin-arabic-body-shared-values.png"))
    editor.locator('input[name="body_ar-1-value-label"]').fill("متطوع")
    editor.locator('input[name="body_ar-0-value-caption"]').fill("إدلب")
    editor.get_by_role("button", name="Save draft").first.click()
    expect(editor.get_by_text("has been updated").first).to_be_visible()
    draft = StandardPage.objects.get(pk=english_only.pk).get_latest_revision_as_object()
    assert draft.body_ar[1].value["value"] == "3,000"
    assert draft.body_ar[1].value["label"] == "متطوع"
    assert draft.body_ar[0].value["image"].title == "Rescue"
    assert not errors
