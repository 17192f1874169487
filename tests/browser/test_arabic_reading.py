"""Arabic reading in a real browser: upright quotes, amounts that keep their order."""

import pytest

pytestmark = pytest.mark.django_db(transaction=True)


def quote_style(page, url):
    page.goto(url)
    quote = page.locator(".block-quote blockquote").first
    return quote.evaluate("node => getComputedStyle(node).fontStyle")


def test_quotes_are_upright_in_arabic_and_italic_in_english(page, screenshot):
    assert quote_style(page, "/en/about/who-we-are/") == "italic"
    assert quote_style(page, "/ar/من-نحن/قصتنا/") == "normal"
    screenshot(page, "arabic-quote-upright")
