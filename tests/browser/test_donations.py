"""A donor's journey through the test provider, in English and in Arabic."""

import re

import pytest
from playwright.sync_api import expect

from donations.models import Donation


@pytest.fixture
def donor(django_db_setup, live_server, browser, transactional_db):
    """A browser on the live site with its donation page behind the Donate button.

    Built from the section's own demo loader on a bare home page, so the journey
    does not depend on the other sections' demo content.
    """
    from django.utils import translation
    from wagtail.models import Locale, Page, Site

    from core.demo_content import DemoContext
    from core.models import SiteSettings
    from donations.demo import load_donation_page
    from tests.core.factories import HomePageFactory

    # A transactional test's flush also empties what the migrations made.
    Locale.objects.get_or_create(language_code="en")
    root = Page.get_first_root_node()
    if root is None:
        with translation.override("en"):
            root = Page.add_root(instance=Page(title="Root", slug="root"))
    home = HomePageFactory(parent=root)
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site(hostname="localhost", port=80, is_default_site=True)
    old_root, site.root_page = site.root_page if site.pk else None, home
    site.save()
    if old_root is not None and old_root.pk != home.pk:
        old_root.delete()
    context = DemoContext()
    context.add("home", home)
    load_donation_page(context)
    settings = SiteSettings.for_site(site)
    settings.donate_page = context.pages["donate"]
    settings.save()

    browser_context = browser.new_context(
        base_url=live_server.url, viewport={"width": 390, "height": 844}
    )
    page = browser_context.new_page()
    page.set_default_timeout(15000)
    yield page
    browser_context.close()


def test_donor_gives_through_the_test_checkout_in_english(donor, axe, screenshot):
    page = donor
    page.goto("/en/")
    page.locator(".site-header .button--donate").click()
    expect(page).to_have_url(re.compile(r"/en/donate/$"))
    expect(page.locator("h1")).to_have_text("Donate")
    screenshot(page, "donate-en")
    axe(page)

    page.get_by_label("$100").check()
    page.get_by_label("Monthly").check()
    page.get_by_role("button", name="Continue to secure payment").click()

    expect(page).to_have_url(re.compile(r"/en/donations/test-checkout/"))
    expect(page.locator(".test-checkout__banner")).to_contain_text("no money moves")
    screenshot(page, "donate-test-checkout-en")
    axe(page)
    page.get_by_role("button", name="Pay $100").click()

    expect(page).to_have_url(re.compile(r"/en/donate/thank-you/\?donation="))
    expect(page.locator("h1")).to_have_text("Thank you")
    expect(page.locator("[role=status]")).to_contain_text("Your gift is confirmed.")
    expect(page.locator("[role=status]")).to_contain_text("$100 every month")
    screenshot(page, "donate-thank-you-en")
    axe(page)
    donation = Donation.objects.get()
    assert donation.status == Donation.Status.PAID
    assert (donation.amount_minor, donation.frequency) == (10000, "monthly")


def test_donor_gives_an_amount_of_their_own_in_arabic(donor, axe, screenshot):
    page = donor
    page.goto("/ar/")
    page.locator(".site-header .button--donate").click()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("h1")).to_have_text("تبرّع")

    page.locator(".currency-switch a", has_text="يورو").click()
    expect(page.locator(".currency-switch a[aria-current]")).to_have_text("يورو")
    page.get_by_label("مبلغ آخر").fill("٣٠")
    # Typing another amount clears the suggested one (progressive enhancement).
    expect(page.locator("input[name=amount]:checked")).to_have_count(0)
    screenshot(page, "donate-ar")
    axe(page)
    page.get_by_role("button", name="المتابعة إلى الدفع الآمن").click()

    expect(page).to_have_url(re.compile(r"/ar/donations/test-checkout/"))
    expect(page.locator(".test-checkout__banner")).to_contain_text("لا تُنقل أي أموال")
    screenshot(page, "donate-test-checkout-ar")
    axe(page)
    page.locator("button[value=pay]").click()

    expect(page.locator("h1")).to_have_text("شكراً لك")
    expect(page.locator("[role=status]")).to_contain_text("تم تأكيد تبرّعك.")
    screenshot(page, "donate-thank-you-ar")
    axe(page)
    donation = Donation.objects.get()
    assert (donation.amount_minor, donation.currency, donation.language) == (
        3000,
        "EUR",
        "ar",
    )


def test_donor_sees_clear_errors_and_can_go_back_from_checkout(donor, axe, screenshot):
    page = donor
    page.goto("/en/donate/")
    page.get_by_label("Other amount").fill("2")
    page.get_by_role("button", name="Continue to secure payment").click()
    expect(page.locator("[role=alert]")).to_contain_text(
        "The smallest gift we can accept is $5."
    )
    screenshot(page, "donate-error-en")
    axe(page)

    page.get_by_label("Other amount").fill("12.50")
    page.get_by_role("button", name="Continue to secure payment").click()
    page.get_by_role("link", name="Back to the donation form").click()
    expect(page.locator("[role=status]")).to_contain_text("nothing has been taken")
    expect(page.get_by_label("Other amount")).to_have_value("12.50")
    axe(page)


def test_back_and_reload_after_an_error_never_post_the_form_again(donor):
    page = donor
    page.goto("/en/donate/")
    page.get_by_label("Other amount").fill("2")
    page.get_by_role("button", name="Continue to secure payment").click()
    expect(page.locator("[role=alert]")).to_contain_text("The smallest gift")
    page.reload()  # a GET: no "Confirm form resubmission"
    expect(page).to_have_url(re.compile(r"/en/donate/$"))
    page.get_by_label("Other amount").fill("20")
    page.get_by_role("button", name="Continue to secure payment").click()
    expect(page).to_have_url(re.compile(r"/en/donations/test-checkout/"))
    page.go_back()
    expect(page).to_have_url(re.compile(r"/en/donate/$"))
    assert Donation.objects.count() == 1


def test_over_the_limit_the_browser_solves_the_challenge_and_goes_on(
    donor, settings, axe, screenshot
):
    settings.DONATIONS_RATE_LIMIT = 1
    settings.DONATIONS_RATE_LIMIT_SESSION = 1
    settings.DONATIONS_CHALLENGE_MAX_NUMBER = 3000
    page = donor
    for expected in ("test-checkout", "/ar/%D8%AA%D8%A8%D8%B1%D8%B9/$"):
        page.goto("/ar/تبرع/")
        page.get_by_label("مبلغ آخر").fill("40")
        page.get_by_role("button", name="المتابعة إلى الدفع الآمن").click()
        expect(page).to_have_url(re.compile(expected))
    expect(page.locator(".donation-challenge")).to_contain_text("أحجية قصيرة")
    expect(page.get_by_label("مبلغ آخر")).to_have_value("40")
    screenshot(page, "donate-challenge-ar")
    axe(page)

    page.get_by_role("button", name="المتابعة إلى الدفع الآمن").click()
    expect(page).to_have_url(re.compile(r"/ar/donations/test-checkout/"))
    assert Donation.objects.count() == 2
