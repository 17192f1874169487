"""The public design at a phone's width (390 px) and a desktop's (1280 px), in English
and Arabic: screenshots of the main pages for review, and the facts of the design that
a screenshot cannot prove (a one-row phone header, a menu reached by keyboard, one
donate call on the home page, nothing wider than the screen)."""

import pytest
from playwright.sync_api import expect

from core.models import HomePage, StandardPage, StatementIndexPage, StatementPage
from donations.models import DonationPage
from faq.models import FaqPage
from memorial.models import FallenVolunteer, MemorialPage


def person_url(language):
    memorial = MemorialPage.objects.get()
    person = FallenVolunteer.objects.public().order_by("external_id").first()
    return f"{memorial.get_translated_url(language)}{person.slug}/"


# The pages reviewed at both widths in both languages: a new page type is one line.
PAGES = {
    "home": lambda language: HomePage.objects.get().get_translated_url(language),
    "about": lambda language: StandardPage.objects.get(
        slug_en="who-we-are"
    ).get_translated_url(language),
    "faq": lambda language: FaqPage.objects.get().get_translated_url(language),
    "memorial": lambda language: MemorialPage.objects.get().get_translated_url(
        language
    ),
    "person": person_url,
    "donate": lambda language: DonationPage.objects.get().get_translated_url(language),
    "statements": lambda language: StatementIndexPage.objects.get().get_translated_url(
        language
    ),
    "statement": lambda language: (
        StatementPage.objects.filter(image__isnull=False)
        .order_by("-date")
        .first()
        .get_translated_url(language)
    ),
}
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
LANGUAGES = ["en", "ar"]


SHOW_DEFERRED = """async () => {
    document.querySelectorAll('body *').forEach((element) => {
        if (getComputedStyle(element).contentVisibility === 'auto') {
            element.style.contentVisibility = 'visible';
        }
    });
    const lazy = [...document.querySelectorAll('img[loading=lazy]')];
    lazy.forEach((image) => { image.loading = 'eager'; });
    await Promise.all(lazy.map((image) => image.decode().catch(() => null)));
}"""


def box(page, selector):
    return page.locator(selector).first.bounding_box()


def test_main_pages_at_both_widths_in_both_languages(page, axe, screenshot):
    """A screenshot of every main page for review; each is accessible and none
    scrolls sideways on a phone."""
    for viewport in (PHONE, DESKTOP):
        page.set_viewport_size(viewport)
        for language in LANGUAGES:
            for name, url in PAGES.items():
                page.goto(url(language))
                expect(page.locator("html")).to_have_attribute("lang", language)
                width = page.evaluate("document.documentElement.scrollWidth")
                assert width <= viewport["width"], (name, language, width)
                # Parts laid out only near the screen (the memorial's cards) are
                # drawn for the full-page picture.
                page.evaluate(SHOW_DEFERRED)
                screenshot(page, f"design-{name}-{language}-{viewport['width']}")
                axe(page)


@pytest.mark.parametrize("language", LANGUAGES)
def test_phone_header_is_one_short_row_mirrored_in_arabic(page, language):
    page.goto(PAGES["home"](language))
    header = box(page, ".site-header")
    assert header["height"] <= 64, header
    brand = box(page, ".brand")
    donate = box(page, ".site-header .button--donate")
    menu = box(page, ".site-menu__button")
    # One row: every box sits within the header's height, side by side.
    for item in (brand, donate, menu):
        assert item["y"] >= header["y"] and (
            item["y"] + item["height"] <= header["y"] + header["height"]
        ), item
    if language == "en":
        assert brand["x"] + brand["width"] <= donate["x"] < menu["x"]
    else:
        assert menu["x"] + menu["width"] <= donate["x"] < brand["x"]
    # It stays reachable: scrolled down, the header is still at the top.
    page.evaluate("window.scrollTo(0, 1500)")
    assert page.evaluate("window.scrollY") > 500
    assert (
        page.evaluate(
            "document.querySelector('.site-header').getBoundingClientRect().top"
        )
        == 0
    )


FOCUSED = """() => {
    const e = document.activeElement;
    const what = e.getAttribute('href') || e.getAttribute('name') || e.textContent;
    return e.tagName.toLowerCase() + ' ' + what.trim();
}"""


def focus_order(page, presses):
    """The elements the Tab key reaches, in order, as 'tag href-or-name'."""
    reached = []
    for _ in range(presses):
        page.keyboard.press("Tab")
        reached.append(page.evaluate(FOCUSED))
    return reached


@pytest.mark.parametrize("language", LANGUAGES)
def test_phone_menu_opens_and_every_link_is_reached_by_keyboard(page, language):
    page.goto(PAGES["home"](language))
    links = page.locator(".site-nav a")
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert len(hrefs) >= 3
    expect(links.first).to_be_hidden()
    expect(page.locator(".site-search__input")).to_be_hidden()

    # Skip link, brand, Donate, then the menu button.
    order = focus_order(page, 4)
    assert order[-1].startswith("summary"), order
    assert order[2].startswith("a /"), order  # Donate comes before the menu
    page.keyboard.press("Enter")
    expect(page.locator(".site-menu")).to_have_attribute("open", "")
    expect(links.first).to_be_visible()
    reached = focus_order(page, len(hrefs) + 3)
    for href in hrefs:
        assert f"a {href}" in reached, (href, reached)
    assert "input q" in reached, reached
    # A search from the menu goes to the search page.
    page.locator(".site-search__input").fill("rescue")
    page.locator(".site-search__input").press("Enter")
    page.wait_for_url("**/search/?q=rescue")
    expect(page.locator(".search-summary")).to_be_visible()

    # Escape closes the menu and gives the focus back to its button.
    page.locator(".site-menu__button").click()
    expect(page.locator(".site-menu")).to_have_attribute("open", "")
    page.keyboard.press("Escape")
    expect(page.locator(".site-menu")).not_to_have_attribute("open", "")
    assert page.evaluate("document.activeElement.tagName") == "SUMMARY"


def test_phone_menu_works_without_javascript(browser, live_server, demo_site):
    context = browser.new_context(
        base_url=live_server.url, viewport=PHONE, java_script_enabled=False
    )
    page = context.new_page()
    try:
        page.goto(PAGES["home"]("en"))
        page.locator(".site-menu__button").click()
        for link in page.locator(".site-nav a").all():
            expect(link).to_be_visible()
        page.get_by_role("link", name="Frequently asked questions").click()
        expect(page.locator("h1")).to_have_text("Frequently asked questions")
    finally:
        context.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_desktop_header_shows_the_navigation_and_search(page, language):
    page.set_viewport_size(DESKTOP)
    page.goto(PAGES["home"](language))
    expect(page.locator(".site-menu__button")).to_be_hidden()
    for link in page.locator(".site-nav a").all():
        expect(link).to_be_visible()
    expect(page.locator(".site-search__input")).to_be_visible()
    header = box(page, ".site-header")
    assert header["height"] <= 80, header  # one row at this width
    reached = focus_order(page, 10)
    assert "input q" in reached, reached


@pytest.mark.parametrize("language", LANGUAGES)
def test_home_page_has_one_donate_call(page, language):
    """The header's Donate button and one donate section: every other call on the
    home page is a secondary button or a link."""
    for viewport in (PHONE, DESKTOP):
        page.set_viewport_size(viewport)
        page.goto(PAGES["home"](language))
        expect(page.locator("main .button--donate")).to_have_count(1)
        expect(page.locator(".site-header .button--donate")).to_have_count(1)
        expect(page.locator("main .home-donate .button--donate")).to_be_visible()
