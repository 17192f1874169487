import re

from playwright.sync_api import expect

from tests.browser.conftest import switch_language


def test_visitor_reads_home_in_english_then_switches_to_arabic(page, axe, screenshot):
    page.goto("/en/")
    expect(page.locator("html")).to_have_attribute("dir", "ltr")
    expect(page.locator("h1")).to_be_visible()
    screenshot(page, "home-en")
    axe(page)

    switch_language(page, "ar")
    expect(page).to_have_url(re.compile(r"/ar/$"))
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    # Right to left: the brand sits at the right edge, the tools at the left.
    brand = page.locator(".brand").bounding_box()
    tools = page.locator(".site-header__tools").bounding_box()
    assert brand["x"] > tools["x"]
    screenshot(page, "home-ar")
    axe(page)


def test_about_pages_are_accessible_in_both_languages(page, axe, screenshot):
    page.goto("/en/about/")
    axe(page)
    screenshot(page, "about-en")
    page.locator(".card a").first.click()
    expect(page.locator("h1")).to_be_visible()
    screenshot(page, "about-child-en")
    axe(page)
    switch_language(page, "ar")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    screenshot(page, "about-child-ar")
    axe(page)


WIDER_THAN_THE_SCREEN = """() => [...document.querySelectorAll('body *')]
    .filter((el) => {
        const box = el.getBoundingClientRect();
        return box.width && (box.right > innerWidth + 1 || box.left < -1)
            && getComputedStyle(el).position !== 'absolute';
    })
    .map((el) => el.tagName + '.' + el.className)"""


def test_nothing_is_wider_than_a_phone_in_either_language(page):
    """On a 390-pixel phone no page scrolls sideways (the search form once did)."""
    page.set_viewport_size({"width": 390, "height": 844})
    for url in [
        "/en/",
        "/ar/",
        "/en/search/?q=double-tap",
        "/ar/search/?q=الضربة",
        "/en/faq/",
        "/ar/الأسئلة-الشائعة/",
        "/en/memorial/",
        "/ar/شهداء-الدفاع-المدني/",
        "/en/about/who-we-are/",
        "/ar/تبرع/",
    ]:
        page.goto(url)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, (url, width, page.evaluate(WIDER_THAN_THE_SCREEN))
