"""A visitor reads the memorial: figures, charts, finds a volunteer by a spelling of
the name, opens the person's page and reads it in Arabic; no accessibility faults."""

from urllib.parse import quote

from playwright.sync_api import expect

from memorial.models import Consent, FallenVolunteer
from tests.browser.conftest import switch_language

AR_BASE = "/ar/" + quote("شهداء-الدفاع-المدني") + "/"


def test_visitor_finds_a_volunteer_and_reads_the_memorial_in_both_languages(
    page, axe, screenshot
):
    person = (
        FallenVolunteer.objects.public()
        .exclude(tribute_en="")
        .order_by("external_id")
        .first()
    )
    hidden = FallenVolunteer.objects.filter(consent=Consent.NONE).first()
    number = person.external_id.removeprefix("sample-")

    page.goto("/en/memorial/")
    expect(page.locator('[data-figure="memorial.total_lost"]')).to_have_text("304")
    expect(page.locator(".memorial-sample-notice")).to_be_visible()
    expect(page.locator("svg.memorial-chart__svg")).to_have_count(3)
    expect(page.locator(".memorial-card")).to_have_count(24)
    screenshot(page, "memorial-en")
    axe(page)

    # The numbers of a chart as a table.
    page.locator(".memorial-chart__table summary").first.click()
    expect(page.locator(".memorial-chart__table table").first).to_be_visible()

    # The name search, with the Arabic spelling written without hamza.
    page.get_by_label("Name").fill(f"متطوع نموذجى {number}")
    page.get_by_role("button", name="Show").click()
    expect(page.locator(".memorial-card")).to_have_count(1)
    page.locator(".memorial-card__name a").click()
    expect(page).to_have_url(f"/en/memorial/{person.slug}/")
    expect(page.locator("h1")).to_have_text(f"Sample volunteer {number}")
    screenshot(page, "memorial-person-en")
    axe(page)

    # The same person in Arabic, at the same sub-path.
    switch_language(page, "ar")
    expect(page).to_have_url(f"{AR_BASE}{person.slug}/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("h1")).to_have_text(f"متطوع نموذجي {number}")
    screenshot(page, "memorial-person-ar")
    axe(page)
    # And back to English at the same sub-path.
    english = page.locator('.language-switcher a[hreflang="en"]')
    expect(english).to_have_attribute("href", f"/en/memorial/{person.slug}/")

    page.goto(f"{AR_BASE}?governorate=idlib&cause=double_tap")
    expect(page.locator("select[name=governorate]")).to_have_value("idlib")
    screenshot(page, "memorial-ar")
    axe(page)

    # A person without consent is nowhere.
    response = page.goto(f"/en/memorial/{hidden.slug}/")
    assert response.status == 404
