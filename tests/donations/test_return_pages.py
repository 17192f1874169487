"""Thank-you and cancelled pages, and the test provider's checkout page."""

from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from donations.models import Donation, WebhookEvent
from tests.donations.factories import DonationFactory
from tests.donations.helpers import submit

pytestmark = pytest.mark.django_db

FORM = {
    "frequency": "one_off",
    "currency": "EUR",
    "amount": "",
    "custom_amount": "35",
    "website": "",
}


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def start(client, path="/en/donate/", **data):
    response = client.post(path, {**FORM, **data})
    assert response.status_code == 303
    return Donation.objects.latest("pk"), response["Location"]


def test_test_checkout_page_says_no_money_moves(client, donation_page):
    _donation, checkout = start(client)
    response = client.get(checkout)

    assert response.status_code == 200
    page = soup(response)
    assert (
        "This is a test payment page: no money moves."
        in page.select_one(".test-checkout__banner").get_text()
    )
    assert page.select_one("button[value=pay]").get_text() == "Pay €35"
    assert page.select_one("button[value=decline]")


def test_arabic_test_checkout_page(client, donation_page):
    _donation, checkout = start(client, path="/ar/تبرع/")
    assert checkout.startswith("/ar/donations/test-checkout/")
    page = soup(client.get(checkout))

    assert page.html["dir"] == "rtl"
    assert "هذه صفحة دفع تجريبية: لا تُنقل أي أموال." in page.get_text()


def test_paying_on_the_test_checkout_confirms_through_a_signed_event(
    client, donation_page
):
    donation, checkout = start(client)
    response = client.post(checkout, {"outcome": "pay"})

    assert response.status_code == 303
    assert response["Location"] == (
        f"http://testserver/en/donate/thank-you/?donation={donation.token}"
    )
    donation.refresh_from_db()
    assert donation.status == Donation.Status.PAID
    event = WebhookEvent.objects.get()
    assert (event.provider, event.type) == ("test", "checkout.session.completed")
    assert event.donation == donation

    page = soup(client.get(response["Location"]))
    assert page.h1.get_text() == "Thank you"
    assert (
        page.select_one("[role=status]")
        .get_text(" ", strip=True)
        .startswith("Your gift is confirmed. We have received your gift of €35.")
    )
    assert "The volunteers thank you." in page.select_one(".lead").get_text()

    # Pressing "Pay" again (back button) sends nothing new.
    again = client.post(checkout, {"outcome": "pay"})
    assert again.status_code == 303
    assert WebhookEvent.objects.count() == 1


def test_monthly_test_payment_records_the_subscription(client, donation_page):
    donation, checkout = start(client, frequency="monthly")
    client.post(checkout, {"outcome": "pay"})

    donation.refresh_from_db()
    assert donation.status == Donation.Status.PAID
    assert donation.subscription_status == Donation.SubscriptionStatus.ACTIVE
    assert donation.subscription_reference.startswith("sub_local_")
    assert donation.invoice_reference.startswith("in_local_")
    assert donation.instalments.count() == 0
    assert WebhookEvent.objects.count() == 2


def test_declining_shows_that_nothing_was_taken_and_offers_a_retry(
    client, donation_page
):
    donation, checkout = start(client, path="/ar/تبرع/")
    response = client.post(checkout, {"outcome": "decline"})
    donation.refresh_from_db()
    assert donation.status == Donation.Status.FAILED

    page = soup(client.get(response["Location"]))
    assert page.h1.get_text() == "لم يكتمل تبرّعك"
    retry = page.select_one("a.button--donate")
    assert retry.get_text() == "حاول مرة أخرى"
    assert "currency=EUR" in retry["href"]


def test_thank_you_page_says_still_being_confirmed_before_the_webhook(
    client, donation_page
):
    donation, _checkout = start(client, path="/ar/تبرع/")
    response = client.get(f"/ar/تبرع/thank-you/?donation={donation.token}")

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    page = soup(response)
    assert page.h1.get_text() == "شكراً لك"
    assert "ما زال تبرّعك قيد التأكيد." in page.select_one("[role=status]").get_text()
    assert page.select_one("[role=status] a").get_text() == "تحقّق مرة أخرى"
    donation.refresh_from_db()
    assert donation.status == Donation.Status.OPEN


def test_thank_you_page_in_english_while_pending(client, donation_page):
    donation, _checkout = start(client)
    page = soup(client.get(f"/en/donate/thank-you/?donation={donation.token}"))
    assert "Your gift is still being confirmed." in page.get_text()


def test_thank_you_page_for_an_unknown_or_guessed_token(client, donation_page):
    donation = DonationFactory(page=donation_page, status=Donation.Status.PAID)
    for query in ("", "?donation=nope", f"?donation={donation.pk}"):
        response = client.get(f"/en/donate/thank-you/{query}")
        assert response.status_code == 404
        assert soup(response).h1.get_text() == "Gift not found"


def test_cancel_page_returns_to_the_form_with_the_choices_kept(client, donation_page):
    donation, _checkout = start(client, frequency="monthly", custom_amount="35.50")
    response = client.get(f"/en/donate/cancelled/?donation={donation.token}")

    assert response.status_code == 200
    page = soup(response)
    assert "nothing has been taken" in page.select_one("[role=status]").get_text()
    assert page.select_one("input[name=currency]")["value"] == "EUR"
    assert page.select_one("input[name=frequency][value=monthly]").has_attr("checked")
    assert page.select_one("input[name=custom_amount]")["value"] == "35.50"
    assert not page.select("input[name=amount][checked]")
    assert page.select_one("form.donation-form")["action"] == "/en/donate/"


def test_cancel_page_keeps_a_preset_choice_in_arabic(client, donation_page):
    donation, _checkout = start(
        client, path="/ar/تبرع/", currency="GBP", amount="8000", custom_amount=""
    )
    page = soup(client.get(f"/ar/تبرع/cancelled/?donation={donation.token}"))

    assert "غادرت صفحة الدفع" in page.select_one("[role=status]").get_text()
    assert page.select_one("input[name=amount][value='8000']").has_attr("checked")
    assert page.select_one("input[name=custom_amount]")["value"] == ""


def test_language_switcher_keeps_the_return_page(client, donation_page):
    donation, _checkout = start(client)
    page = soup(client.get(f"/en/donate/thank-you/?donation={donation.token}"))
    arabic = unquote(page.select_one(".language-switcher a[hreflang=ar]")["href"])
    assert arabic == f"/ar/تبرع/thank-you/?donation={donation.token}"


def test_test_provider_is_refused_under_production_settings(
    client, donation_page, settings, monkeypatch
):
    donation, checkout = start(client)
    monkeypatch.setenv("DJANGO_SETTINGS_MODULE", "whitehelmets.settings.production")
    settings.DONATIONS_ALLOW_TEST_PROVIDER = False

    assert client.get(checkout).status_code == 404
    assert client.post(checkout, {"outcome": "pay"}).status_code == 404
    response = submit(client, "/en/donate/", FORM)
    assert response.status_code == 503
    assert "Online donations are not available" in soup(response).get_text()
    assert Donation.objects.count() == 1
    with pytest.raises(SystemCheckError, match="donations.W002"):
        call_command("check", fail_level="WARNING")
    donation.refresh_from_db()
    assert donation.status == Donation.Status.OPEN


def test_test_provider_can_be_allowed_explicitly_on_staging(
    client, donation_page, settings, monkeypatch
):
    monkeypatch.setenv("DJANGO_SETTINGS_MODULE", "whitehelmets.settings.production")
    settings.DONATIONS_ALLOW_TEST_PROVIDER = True
    _donation, checkout = start(client)
    assert client.get(checkout).status_code == 200


def test_stripe_without_keys_is_reported_by_the_system_checks(settings):
    settings.DONATIONS_PROVIDER = "stripe"
    settings.STRIPE_SECRET_KEY = ""
    with pytest.raises(SystemCheckError, match="donations.W003"):
        call_command("check", fail_level="WARNING")
