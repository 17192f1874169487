"""The site's own content checks in the editor's checks panel, in a real browser: a
draft with a file name for alternative text, Arabic in the English body and English
in the Arabic body, and an FAQ answer over the length limit. The evaluations
themselves (whitehelmets/static/js/content-checks.js) are tested on small documents."""

import pytest
from django.test import override_settings
from playwright.sync_api import expect
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection

from core.models import StandardPage
from tests.faq.factories import FaqPageFactory, fill_faq, paragraph

SCRIPT = "whitehelmets/static/js/content-checks.js"


@pytest.fixture
def mixed_up_draft(home):
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
        introduction_ar="من نحن.",
        body_en=[
            ("image", {"image": image, "alt_text": "IMG_1234.jpg", "caption": ""}),
            ("paragraph", "<p>متطوعون ينقذون الناس من تحت الأنقاض.</p>"),
        ],
        body_ar=[
            ("image", {"image": image, "alt_text": "صورة", "caption": ""}),
            ("paragraph", "<p>Volunteers who rescue people from the rubble.</p>"),
        ],
    )
    home.add_child(instance=page)
    return page


def _checks(editor):
    """Open the checks panel; its rows' text once the checks have run."""
    editor.click('[data-side-panel-toggle="checks"]')
    panel = editor.locator("[data-checks-panel]")
    expect(panel.locator("[data-content-checker-row]").first).to_be_visible(
        timeout=30000
    )
    return panel


def _preview_in(editor, language):
    editor.click('[data-side-panel-toggle="preview"]')
    editor.select_option("#id_preview_mode", language)


def test_checks_panel_flags_alt_text_and_text_in_the_wrong_language(
    editor, mixed_up_draft, screenshot
):
    editor.goto(f"/admin/pages/{mixed_up_draft.pk}/edit/")
    panel = _checks(editor)
    expect(panel).to_contain_text("Image without meaningful alternative text")
    expect(panel).to_contain_text("Arabic text in an English field")
    expect(panel).not_to_contain_text("English text in an Arabic field")
    screenshot(editor, "admin-content-checks-english")

    _preview_in(editor, "ar")
    editor.click('[data-side-panel-toggle="checks"]')
    expect(panel).to_contain_text("English text in an Arabic field", timeout=30000)
    expect(panel).to_contain_text("Image without meaningful alternative text")
    expect(panel).not_to_contain_text("Arabic text in an English field")


@override_settings(FAQ_ANSWER_WORD_LIMIT=12)
def test_checks_panel_flags_an_faq_answer_over_the_limit(editor, home):
    faq = FaqPageFactory(parent=home)
    long_answer = "<p>" + " ".join(["word"] * 13) + "</p>"
    fill_faq(
        faq,
        [
            (
                {"en": "About us", "ar": "عن المنظمة"},
                [
                    {
                        "question_en": "A short one?",
                        "question_ar": "سؤال قصير؟",
                        "answer_en": paragraph("<p>Short.</p>"),
                        "answer_ar": paragraph("<p>قصير.</p>"),
                    },
                    {
                        "question_en": "A long one?",
                        "question_ar": "سؤال طويل؟",
                        "answer_en": paragraph(long_answer),
                        "answer_ar": paragraph("<p>قصير.</p>"),
                    },
                ],
            )
        ],
    )
    editor.goto(f"/admin/pages/{faq.pk}/edit/")
    panel = _checks(editor)
    expect(panel).to_contain_text("FAQ answer too long")
    expect(panel).to_contain_text("under 12 words")
    assert panel.get_by_text("FAQ answer too long").count() == 1


# The evaluations, on small documents ---------------------------------------------


@pytest.fixture
def checks(browser):
    context = browser.new_context()
    page = context.new_page()

    def run(html, evaluation, options):
        page.set_content(html)
        page.add_script_tag(path=SCRIPT)
        return page.evaluate(
            """([evaluation, options]) => Array.from(
                document.querySelectorAll("[data-node]"),
                (node) => window.whContentChecks[evaluation](node, options),
            )""",
            [evaluation, options],
        )

    yield run
    context.close()


def _alt_options():
    from core.content_checks import FILE_NAME_PATTERN, GENERIC_ALT_TEXTS

    return {"generic": GENERIC_ALT_TEXTS, "pattern": FILE_NAME_PATTERN}


@pytest.mark.parametrize(
    ("alt", "src", "meaningful"),
    [
        ("Volunteers carry a child from a collapsed building", "/m/a.jpg", True),
        ("متطوعون يحملون طفلاً من مبنى منهار", "/m/a.jpg", True),
        ("", "/m/a.jpg", False),
        ("   ", "/m/a.jpg", False),
        ("IMG_1234.jpg", "/m/a.jpg", False),
        ("IMG_1234", "/m/a.jpg", False),
        ("DSC0042", "/m/a.jpg", False),
        ("rescue.png", "/m/a.jpg", False),
        ("Image", "/m/a.jpg", False),
        ("صورة", "/m/a.jpg", False),
        ("2024-02-06", "/m/a.jpg", False),
        ("rescue team", "/media/images/rescue_team.2e16d0ba.fill-800x600.webp", False),
        ("Rescue-Team", "/media/original_images/rescue-team.jpg", False),
    ],
)
def test_alt_text_evaluation(checks, alt, src, meaningful):
    html = f'<main><img data-node src="{src}" alt="{alt}"></main>'
    assert checks(html, "alt-text", _alt_options()) == [meaningful]


def test_an_image_without_alt_attribute_is_flagged(checks):
    assert checks('<img data-node src="/m/a.jpg">', "alt-text", _alt_options()) == [
        False
    ]


def _language_options(language, script, minimum):
    from core.content_checks import TEXT_BLOCKS

    return {
        "language": language,
        "script": script,
        "minimum": minimum,
        "blocks": TEXT_BLOCKS,
    }


def test_arabic_in_english_evaluation(checks):
    html = """<html lang="en"><body><main>
      <p data-node>Volunteers who rescue people.</p>
      <p data-node>متطوعون ينقذون الناس.</p>
      <p data-node>The White Helmets (الخوذ البيضاء) rescue people from the rubble.</p>
      <div lang="ar"><p data-node>متطوعون ينقذون الناس.</p></div>
      <p data-node>Mixed: <span lang="ar">الخوذ البيضاء والدفاع المدني</span> here.</p>
    </main></body></html>"""
    assert checks(html, "script-of-language", _language_options("en", "arabic", 3)) == [
        True,
        False,
        True,
        True,  # marked Arabic: right
        True,  # the Arabic part is marked
    ]


def test_english_in_arabic_evaluation_leaves_marked_fallbacks_alone(checks):
    html = """<html lang="ar" dir="rtl"><body><main>
      <p data-node>متطوعون ينقذون الناس.</p>
      <p data-node>Volunteers who rescue people.</p>
      <p data-node lang="en" dir="ltr">Volunteers who rescue people.</p>
      <div lang="en"><p data-node>An English fallback answer.</p></div>
      <p data-node>تستخدم المنظمة Stripe لقبول التبرعات.</p>
      <li data-node>Stripe</li>
    </main></body></html>"""
    assert checks(html, "script-of-language", _language_options("ar", "latin", 2)) == [
        True,
        False,
        True,  # the site's English fallback, marked lang="en"
        True,
        True,  # one English name in an Arabic sentence
        True,  # one word
    ]


def test_word_limit_evaluation_counts_words_in_both_languages(checks):
    html = """<div data-node><p>one two three</p><p>four</p></div>
      <div data-node>متطوعون ينقذون الناس من تحت الأنقاض</div>"""
    assert checks(html, "word-limit", {"limit": 4}) == [True, False]
