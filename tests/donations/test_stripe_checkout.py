"""The stripe provider, through the real SDK, against a fake Stripe API."""

import pytest
from bs4 import BeautifulSoup

from donations.models import Donation
from tests.donations.fake_stripe import FakeStripe
from tests.donations.helpers import make_event, post_event, session_object, submit

pytestmark = pytest.mark.django_db

FORM = {
    "frequency": "one_off",
    "currency": "USD",
    "amount": "5000",
    "custom_amount": "",
    "website": "",
}


def alert_text(response):
    alert = BeautifulSoup(response.content, "html.parser").select_one("[role=alert]")
    return alert.get_text(" ", strip=True) if alert else ""


def test_one_off_gift_redirects_to_the_stripe_session(
    client, donation_page, fake_stripe
):
    response = submit(client, "/en/donate/", FORM)

    assert response.status_code == 303
    [request] = fake_stripe.session_requests
    session = fake_stripe.sessions[request["idempotency_key"]]
    assert response["Location"] == session["url"]
    donation = Donation.objects.get()
    assert donation.status == Donation.Status.OPEN
    assert donation.provider == "stripe"
    assert donation.provider_reference == session["id"]
    assert (donation.amount_minor, donation.currency) == (5000, "USD")

    form = request["form"]
    assert request["authorization"] == "Bearer sk_test_fake"
    assert request["idempotency_key"] == f"checkout-{donation.token}"
    assert form["mode"] == "payment"
    assert form["submit_type"] == "donate"
    assert form["line_items[0][price_data][unit_amount]"] == "5000"
    assert form["line_items[0][price_data][currency]"] == "usd"
    assert form["line_items[0][quantity]"] == "1"
    assert "line_items[0][price_data][recurring][interval]" not in form
    assert form["locale"] == "en"
    assert form["metadata[donation_id]"] == str(donation.pk)
    assert form["payment_intent_data[metadata][donation_id]"] == str(donation.pk)
    assert form["success_url"] == (
        f"http://testserver/en/donate/thank-you/?donation={donation.token}"
    )
    assert form["cancel_url"] == (
        f"http://testserver/en/donate/cancelled/?donation={donation.token}"
    )


def test_monthly_gift_is_a_subscription_with_a_monthly_price(
    client, donation_page, fake_stripe
):
    data = {**FORM, "frequency": "monthly", "currency": "GBP", "amount": "4000"}
    response = submit(client, "/en/donate/", data)

    assert response.status_code == 303
    form = fake_stripe.session_requests[0]["form"]
    donation = Donation.objects.get()
    assert form["mode"] == "subscription"
    assert form["line_items[0][price_data][recurring][interval]"] == "month"
    assert form["line_items[0][price_data][currency]"] == "gbp"
    assert form["line_items[0][price_data][unit_amount]"] == "4000"
    assert form["line_items[0][price_data][product_data][name]"]
    assert form["subscription_data[metadata][donation_id]"] == str(donation.pk)
    assert "submit_type" not in form  # Stripe refuses it for subscriptions


def test_arabic_donor_gets_an_arabic_return_address_and_automatic_locale(
    client, donation_page, fake_stripe
):
    response = submit(
        client, "/ar/تبرع/", {**FORM, "custom_amount": "٣٠", "amount": ""}
    )

    assert response.status_code == 303
    donation = Donation.objects.get()
    assert donation.language == "ar"
    assert donation.amount_minor == 3000
    form = fake_stripe.session_requests[0]["form"]
    # Stripe Checkout has no Arabic: the donor's browser language decides.
    assert form["locale"] == "auto"
    assert form["success_url"].startswith("http://testserver/ar/")
    assert "/thank-you/?donation=" in form["success_url"]


def test_stripe_500_keeps_the_choices_and_records_the_error(
    client, donation_page, fake_stripe
):
    fake_stripe.script = ["error"]
    data = {**FORM, "frequency": "monthly", "amount": "", "custom_amount": "42.50"}
    response = submit(client, "/en/donate/", data)

    assert response.status_code == 503
    assert "not answering" in alert_text(response)
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one("input[name=custom_amount]")["value"] == "42.50"
    assert soup.select_one("input[name=frequency][value=monthly]").has_attr("checked")
    donation = Donation.objects.get()
    assert donation.status == Donation.Status.PROVIDER_ERROR
    assert donation.amount_minor == 4250
    assert "unavailable" in donation.last_error

    # Trying again works and makes a new session (a new idempotency key).
    second = submit(client, "/en/donate/", data)
    assert second.status_code == 303
    keys = {r["idempotency_key"] for r in fake_stripe.session_requests}
    assert len(keys) == 2
    assert Donation.objects.filter(status=Donation.Status.OPEN).count() == 1


def test_slow_stripe_times_out_with_a_clear_message(client, donation_page, fake_stripe):
    fake_stripe.script = ["slow"]
    response = submit(client, "/en/donate/", FORM)

    assert response.status_code == 503
    assert "took too long" in alert_text(response)
    donation = Donation.objects.get()
    assert donation.status == Donation.Status.PROVIDER_ERROR
    assert donation.last_error.startswith("timeout")


def test_timeout_message_in_arabic(client, donation_page, fake_stripe):
    fake_stripe.script = ["slow"]
    response = submit(client, "/ar/تبرع/", FORM)

    assert response.status_code == 503
    assert "استغرقت خدمة الدفع وقتاً طويلاً" in alert_text(response)


def test_a_retry_after_a_timeout_reuses_the_idempotency_key(
    client, donation_page, settings
):
    with FakeStripe(slow_seconds=1.0) as fake:
        settings.DONATIONS_PROVIDER = "stripe"
        settings.STRIPE_SECRET_KEY = "sk_test_fake"
        settings.STRIPE_API_BASE = fake.url
        settings.DONATIONS_PROVIDER_TIMEOUT = 0.4
        settings.DONATIONS_PROVIDER_RETRIES = 1
        fake.script = ["slow", "ok"]
        response = submit(client, "/en/donate/", FORM)

    assert response.status_code == 303
    first, second = fake.session_requests
    assert first["idempotency_key"] == second["idempotency_key"]
    # Stripe made one session for the key; the donor is sent to it.
    assert len(fake.sessions) == 1
    assert response["Location"] == next(iter(fake.sessions.values()))["url"]


def test_stripe_session_is_confirmed_only_by_the_signed_webhook(
    client, webhook_client, donation_page, fake_stripe
):
    submit(client, "/en/donate/", FORM)
    donation = Donation.objects.get()

    # The donor comes back: the redirect alone confirms nothing.
    thanks = client.get(f"/en/donate/thank-you/?donation={donation.token}")
    assert "still being confirmed" in thanks.text
    donation.refresh_from_db()
    assert donation.status == Donation.Status.OPEN

    response = post_event(
        webhook_client,
        make_event("checkout.session.completed", session_object(donation)),
    )
    assert response.status_code == 200
    donation.refresh_from_db()
    assert donation.status == Donation.Status.PAID
    assert donation.donor_email == "donor@example.org"
    thanks = client.get(f"/en/donate/thank-you/?donation={donation.token}")
    assert "Your gift is confirmed." in thanks.text


def test_missing_secret_key_is_a_provider_error_not_a_crash(
    client, donation_page, fake_stripe, settings
):
    settings.STRIPE_SECRET_KEY = ""
    response = submit(client, "/en/donate/", FORM)

    assert response.status_code == 503
    assert Donation.objects.get().status == Donation.Status.PROVIDER_ERROR
    assert fake_stripe.session_requests == []
