"""A visitor opens a shared answer, filters the questions and reads in Arabic."""

import re

from playwright.sync_api import expect

from faq.models import FaqPage
from tests.browser.conftest import switch_language


def demo_questions():
    page = FaqPage.objects.get(slug_en="faq")
    return page, list(page.questions.all())


def test_visitor_opens_an_answer_from_a_link_filters_and_reads_in_arabic(
    page, axe, screenshot
):
    faq, questions = demo_questions()
    shared = questions[3]
    page.goto(f"/en/faq/#{shared.anchor}")
    answer = page.locator(f'details[data-anchor="{shared.anchor}"]')
    expect(answer).to_have_attribute("open", "")
    expect(answer.locator(".faq-question__answer")).to_be_visible()
    # Only the shared answer is open.
    expect(page.locator("details[open]")).to_have_count(1)
    screenshot(page, "faq-en-permalink")
    axe(page)

    # The contents lead to a category; its questions are right below its title.
    category = page.locator("section.faq-category").nth(1)
    anchor = category.get_attribute("id")
    page.locator(f'.faq-contents a[href="#{anchor}"]').click()
    expect(page).to_have_url(re.compile(f"#{anchor}$"))
    expect(category.locator("h2")).to_be_in_viewport()
    # Below the sticky header, not under it.
    assert (
        category.bounding_box()["y"]
        >= page.locator(".site-header").bounding_box()["height"]
    )

    # Filtering narrows the list and says how many questions match.
    filter_box = page.get_by_label("Filter the questions")
    expect(filter_box).to_be_visible()
    filter_box.fill("double-tap")
    visible = page.locator("details.faq-question:visible")
    count = visible.count()
    assert 0 < count < len(questions)
    for index in range(count):
        expect(visible.nth(index)).to_contain_text(re.compile("double-tap", re.I))
    expect(page.locator("#faq-filter-status")).to_have_text(
        re.compile(rf"^{count} questions? match")
    )
    screenshot(page, "faq-en-filtered")
    axe(page)
    filter_box.fill("zzzz-nothing")
    expect(page.locator("details.faq-question:visible")).to_have_count(0)
    expect(page.locator("#faq-filter-status")).to_have_text(
        "No question matches. Try other words."
    )
    filter_box.fill("")
    expect(page.locator("details.faq-question:visible")).to_have_count(len(questions))

    # Open all, then close all.
    toggle = page.get_by_role("button", name="Open all answers")
    toggle.click()
    expect(page.locator("details[open]")).to_have_count(len(questions))
    page.get_by_role("button", name="Close all answers").click()
    expect(page.locator("details[open]")).to_have_count(0)

    # The same answer in Arabic, right to left, with Arabic questions.
    page.goto(f"/en/faq/#{shared.anchor}")
    switch_language(page, "ar")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("h1")).to_have_text("الأسئلة الشائعة")
    first = page.locator("details.faq-question summary").first
    expect(first).to_have_text(questions[0].question_ar)
    page.goto(page.url.split("#")[0] + f"#{shared.anchor}")
    expect(page.locator(f'details[data-anchor="{shared.anchor}"]')).to_have_attribute(
        "open", ""
    )
    screenshot(page, "faq-ar-permalink")
    axe(page)

    arabic_filter = page.get_by_label("تصفية الأسئلة")
    arabic_filter.fill("الضربة المزدوجة")
    arabic_count = page.locator("details.faq-question:visible").count()
    assert 0 < arabic_count < len(questions)
    expect(page.locator("#faq-filter-status")).not_to_be_empty()
    screenshot(page, "faq-ar-filtered")
    axe(page)


def test_questions_work_without_javascript(browser, live_server, demo_site, screenshot):
    _faq, questions = demo_questions()
    context = browser.new_context(
        base_url=live_server.url,
        viewport={"width": 390, "height": 844},
        java_script_enabled=False,
    )
    page = context.new_page()
    try:
        # A shared link opens its answer: the browser reveals the anchor itself.
        page.goto(f"/en/faq/#{questions[2].anchor}")
        expect(
            page.locator(f'details[data-anchor="{questions[2].anchor}"]')
        ).to_have_attribute("open", "")
        page.goto("/en/faq/")
        expect(page.locator("[data-faq-tools]")).to_be_hidden()
        summary = page.locator(f'details[data-anchor="{questions[1].anchor}"] summary')
        summary.click()
        expect(
            page.locator(f'details[data-anchor="{questions[1].anchor}"]')
        ).to_have_attribute("open", "")
        # Printing the page prints every answer, closed or not.
        page.emulate_media(media="print")
        for index in range(len(questions)):
            expect(page.locator(".faq-question__answer").nth(index)).to_be_visible()
        page.emulate_media(media="screen")
        page.goto("/en/faq/?print=1")
        expect(page.locator("details[open]")).to_have_count(len(questions))
        screenshot(page, "faq-en-print")
    finally:
        context.close()


def test_printing_the_page_shows_every_answer(page):
    _faq, questions = demo_questions()
    page.goto("/en/faq/")
    page.emulate_media(media="print")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    expect(page.locator("details[open]")).to_have_count(len(questions))
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    expect(page.locator("details[open]")).to_have_count(0)
