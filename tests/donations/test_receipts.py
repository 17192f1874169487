"""Email receipts: sent when a webhook confirms a gift, once, in the donor's language,
and sent again later when the mail server was down."""

import email
import json
import threading

import pytest
from aiosmtpd.controller import Controller
from bs4 import BeautifulSoup
from django.core import mail
from django.core.management import call_command
from django.db import connection, connections
from django.test import Client

from bench.server import free_port
from donations.models import Donation
from donations.money import format_amount
from tests.donations.helpers import make_event, post_event, session_object

pytestmark = pytest.mark.django_db

FORM = {
    "frequency": "one_off",
    "currency": "USD",
    "amount": "5000",
    "custom_amount": "",
    "website": "",
}


def html_part(message):
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    return BeautifulSoup(html, "html.parser")


def test_english_receipt_once_when_the_webhook_confirms_the_gift(
    client, webhook_client, donation_page, fake_stripe
):
    response = client.post("/en/donate/", FORM)
    assert response.status_code == 303
    donation = Donation.objects.get()

    # The donor comes back before the webhook: the page says a receipt will follow,
    # and the redirect itself sends nothing.
    thanks = client.get(f"/en/donate/thank-you/?donation={donation.token}")
    page = BeautifulSoup(thanks.content, "html.parser")
    assert "Once your gift is confirmed, we will email you a receipt." in (
        page.get_text()
    )
    assert donation.reference in page.select_one(".donation-status__reference").text
    assert mail.outbox == []

    completed = make_event("checkout.session.completed", session_object(donation))
    assert post_event(webhook_client, completed).status_code == 200
    # The same event again, and another event about the same gift: no second receipt.
    assert post_event(webhook_client, completed).json()["duplicate"] is True
    again = make_event(
        "checkout.session.async_payment_succeeded", session_object(donation)
    )
    assert post_event(webhook_client, again).status_code == 200

    [message] = mail.outbox
    assert message.to == ["donor@example.org"]
    assert donation.reference in message.subject
    assert message.subject.startswith("Your receipt from Syria Civil Defence")
    assert "Amount: $50" in message.body
    assert "Currency: USD" in message.body
    assert f"Reference: {donation.reference}" in message.body
    assert "Frequency: One-off" in message.body
    html = html_part(message)
    assert html.html["lang"] == "en" and html.html["dir"] == "ltr"
    assert html.select_one(".receipt-amount").text == "$50"
    assert "Syria Civil Defence" in html.select_one(".receipt-organisation").text
    donation.refresh_from_db()
    assert donation.receipt_sent_at is not None
    assert donation.receipt_attempts == 1

    thanks = client.get(f"/en/donate/thank-you/?donation={donation.token}")
    assert "A receipt is on its way" in thanks.content.decode()


def test_arabic_monthly_donor_gets_an_arabic_right_to_left_receipt(
    client, donation_page
):
    data = {**FORM, "frequency": "monthly", "currency": "EUR", "amount": "2500"}
    response = client.post("/ar/تبرع/", data)
    assert response.status_code == 303
    checkout = response["Location"]
    # The test provider's checkout stands in for Stripe: it sends the signed
    # checkout.session.completed and invoice.paid events through the webhook road.
    paid = client.post(checkout, {"outcome": "pay", "email": "rana@example.org"})
    assert paid.status_code == 303
    donation = Donation.objects.get()
    assert donation.status == Donation.Status.PAID

    [message] = mail.outbox
    assert message.to == ["rana@example.org"]
    assert message.extra_headers["Content-Language"] == "ar"
    amount = format_amount(2500, "EUR", "ar")
    assert f"المبلغ: {amount}" in message.body
    assert "شهري" in message.body
    assert donation.reference in message.body
    html = html_part(message)
    assert html.html["lang"] == "ar" and html.html["dir"] == "rtl"
    assert html.select_one(".receipt-amount").text == amount
    assert html.select_one(".receipt-manage")  # how to manage a monthly gift
    assert "الدفاع المدني السوري" in html.select_one(".receipt-organisation").text

    thanks = client.get(paid["Location"])
    assert "إيصال" in BeautifulSoup(thanks.content, "html.parser").get_text()


def test_no_receipt_without_an_email_address(client, donation_page):
    response = client.post("/en/donate/", FORM)
    client.post(response["Location"], {"outcome": "pay", "email": ""})

    assert Donation.objects.get().status == Donation.Status.PAID
    assert mail.outbox == []


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(email.message_from_bytes(envelope.content))
        return "250 OK"


def test_receipt_is_retried_when_the_smtp_server_was_down(
    webhook_client, settings, donation_page
):
    port = free_port()  # nothing listens here yet: the mail server is down
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_TIMEOUT = 2
    settings.DONATIONS_RECEIPT_FROM = "donations@example.org"
    donation = Donation.objects.create(
        page=donation_page,
        amount_minor=1250,
        currency="GBP",
        frequency="one_off",
        language="ar",
        provider="stripe",
        provider_reference="cs_test_smtp",
        status=Donation.Status.OPEN,
    )
    event = make_event("checkout.session.completed", session_object(donation))

    # The gift is confirmed whatever the mail server says; the failure is recorded.
    response = post_event(webhook_client, json.dumps(event))
    assert response.status_code == 200
    donation.refresh_from_db()
    assert donation.status == Donation.Status.PAID
    assert donation.receipt_sent_at is None
    assert donation.receipt_attempts == 1
    assert "Connection refused" in donation.receipt_error

    inbox = Inbox()
    server = Controller(inbox, hostname="127.0.0.1", port=port)
    server.start()
    try:
        call_command("send_pending_receipts")
        call_command("send_pending_receipts")  # nothing more to send
        assert post_event(webhook_client, json.dumps(event)).json()["duplicate"]
    finally:
        server.stop()

    [message] = inbox.messages
    assert message["To"] == "donor@example.org"
    assert message["From"] == "donations@example.org"
    assert message.get_content_type() == "multipart/alternative"
    text, html = (
        part.get_payload(decode=True).decode()
        for part in message.walk()
        if part.get_content_maintype() == "text"
    )
    assert format_amount(1250, "GBP", "ar") in text
    assert 'dir="rtl"' in html and 'lang="ar"' in html
    donation.refresh_from_db()
    assert donation.receipt_sent_at is not None
    assert donation.receipt_attempts == 2
    assert donation.receipt_error == ""


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs row locks (PostgreSQL)"
)
def test_events_racing_for_one_gift_send_one_receipt(donation_page):
    """Four different events confirming one gift arrive at the same moment."""
    donation = Donation.objects.create(
        page=donation_page,
        amount_minor=5000,
        currency="USD",
        frequency="one_off",
        language="en",
        provider="stripe",
        provider_reference="cs_test_race",
        status=Donation.Status.OPEN,
    )
    kinds = ["checkout.session.completed", "checkout.session.async_payment_succeeded"]
    bodies = [
        json.dumps(make_event(kinds[n % 2], session_object(donation))) for n in range(4)
    ]
    barrier = threading.Barrier(len(bodies))
    results = []

    def deliver(body):
        try:
            barrier.wait()
            results.append(post_event(Client(), body).status_code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=deliver, args=(b,)) for b in bodies]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert results == [200] * 4
    assert len(mail.outbox) == 1
    donation.refresh_from_db()
    assert donation.receipt_attempts == 1
