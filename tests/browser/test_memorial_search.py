"""A name search on the memorial opens at its results, with the count focused."""

from urllib.parse import quote

from playwright.sync_api import expect

AR_BASE = "/ar/" + quote("شهداء-الدفاع-المدني") + "/"


def test_search_lands_on_the_results_with_the_count_focused(page):
    page.goto("/en/memorial/")
    page.get_by_label("Name").fill("Sample volunteer 007")
    page.get_by_role("button", name="Show").click()
    expect(page.locator(".memorial-card")).to_have_count(1)
    assert page.url.endswith("#memorial-results")
    summary = page.locator("#memorial-results")
    expect(summary).to_be_focused()
    # The count is on screen, not 3,500 px below the top.
    box = summary.bounding_box()
    assert 0 <= box["y"] < page.viewport_size["height"]
    assert page.evaluate("window.scrollY") > 0


def test_the_next_page_of_results_opens_at_the_results_in_arabic(page):
    page.goto(AR_BASE)
    page.locator(".memorial-pagination a[rel=next]").click()
    expect(page.locator("#memorial-results")).to_be_focused()
    assert "page=2" in page.url and page.url.endswith("#memorial-results")
