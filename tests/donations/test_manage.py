"""A monthly donor asks for a link by email, opens our page, then the provider's
portal (Stripe's through the real SDK and the fake API; the test provider's
stand-in); changes and cancellations come back by webhook and show in the admin."""

import re
import time
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from donations.models import Donation, ManageLink
from tests.donations.factories import DonationFactory
from tests.donations.helpers import make_event, post_event

pytestmark = pytest.mark.django_db


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def ask(client, path, email, capture):
    """Post the address; the email goes from a thread after the transaction."""
    with capture(execute=True):
        response = client.post(path, {"email": email})
    return response


def wait_for_mail(count, seconds=5):
    deadline = time.monotonic() + seconds
    while len(mail.outbox) < count and time.monotonic() < deadline:
        time.sleep(0.02)
    return mail.outbox


def link_in(message):
    return re.search(r"https?://\S+/manage/open/\S+/", message.body).group(0)


@pytest.fixture
def monthly(donation_page):
    return DonationFactory(
        page=donation_page,
        frequency="monthly",
        status=Donation.Status.PAID,
        donor_email="Rana@Example.org",
        customer_reference="cus_test_rana",
        subscription_reference="sub_test_rana",
        subscription_status=Donation.SubscriptionStatus.ACTIVE,
    )


def test_the_emailed_link_opens_stripes_portal_once(
    client, monthly, fake_stripe, django_capture_on_commit_callbacks
):
    response = ask(
        client,
        "/en/donate/manage/",
        "rana@example.org",
        django_capture_on_commit_callbacks,
    )
    assert response.status_code == 303
    assert response["Location"] == "/en/donate/manage/sent/"
    sent = client.get(response["Location"])
    assert "Please check your email." in sent.content.decode()

    [message] = wait_for_mail(1)
    assert message.to == ["rana@example.org"]
    assert "works once and expires after 60 minutes" in message.body
    link = link_in(message)
    assert link.startswith("http://testserver/en/donate/manage/open/")

    page = client.get(link)
    assert page.status_code == 200
    text = soup(page).get_text(" ", strip=True)
    assert "run by our payment provider, Stripe" in text
    assert monthly.reference in text
    assert (
        ManageLink.objects.get().used_at is None
    )  # a GET (a mail scanner) uses nothing

    opened = client.post(link)
    assert opened.status_code == 303
    [request] = fake_stripe.portal_requests
    assert opened["Location"].startswith("https://billing.stripe.com/p/session/")
    assert request["form"]["customer"] == "cus_test_rana"
    assert request["form"]["return_url"] == "http://testserver/en/donate/manage/"

    # Single use: the same link again is refused, by GET and by POST.
    assert client.post(link).status_code == 410
    again = client.get(link)
    assert again.status_code == 410
    assert "expired or has already been used" in again.content.decode()
    assert len(fake_stripe.portal_requests) == 1


def test_an_unknown_address_gets_the_same_answer_and_no_email(
    client, monthly, django_capture_on_commit_callbacks
):
    known = ask(
        client,
        "/en/donate/manage/",
        "rana@example.org",
        django_capture_on_commit_callbacks,
    )
    unknown = ask(
        client,
        "/en/donate/manage/",
        "nobody@example.org",
        django_capture_on_commit_callbacks,
    )

    assert (known.status_code, known["Location"]) == (
        unknown.status_code,
        unknown["Location"],
    )
    assert known.content == unknown.content
    wait_for_mail(2, seconds=0.5)
    assert [m.to for m in mail.outbox] == [["rana@example.org"]]
    assert ManageLink.objects.filter(donation__isnull=True).count() == 1


def test_an_expired_link_is_refused(
    client, monthly, django_capture_on_commit_callbacks
):
    ask(
        client,
        "/en/donate/manage/",
        "rana@example.org",
        django_capture_on_commit_callbacks,
    )
    link = link_in(wait_for_mail(1)[0])
    ManageLink.objects.update(expires_at=timezone.now() - timedelta(seconds=1))

    assert client.get(link).status_code == 410
    assert client.post(link).status_code == 410


def test_a_bad_address_is_refused_with_a_message_in_arabic(client, donation_page):
    response = client.post("/ar/تبرع/manage/", {"email": "not an address"})
    assert response.status_code == 400
    assert "أدخل عنوان بريد إلكتروني" in soup(response).select_one("[role=alert]").text


def test_arabic_donor_changes_then_cancels_on_the_stand_in_portal(
    client, admin_client, donation_page, django_capture_on_commit_callbacks
):
    # The gift, through the test checkout, with the donor's address.
    data = {
        "frequency": "monthly",
        "currency": "USD",
        "amount": "2500",
        "custom_amount": "",
        "website": "",
    }
    checkout = client.post("/ar/تبرع/", data)["Location"]
    client.post(checkout, {"outcome": "pay", "email": "huda@example.org"})
    donation = Donation.objects.get()
    assert donation.customer_reference.startswith("cus_local_")
    [receipt] = mail.outbox
    assert "/ar/" in receipt.body and "/manage/" in receipt.body  # how to manage it

    ask(
        client,
        "/ar/تبرع/manage/",
        "huda@example.org",
        django_capture_on_commit_callbacks,
    )
    message = wait_for_mail(2)[1]
    assert message.extra_headers["Content-Language"] == "ar"
    assert "يعمل الرابط مرة واحدة" in message.body
    link = link_in(message)

    page = soup(client.get(link))
    assert page.html["dir"] == "rtl"
    terms = [dt.get_text() for dt in page.select(".manage-explainer__terms dt")]
    assert "Cancel subscription" in terms  # the English words Stripe will show
    assert "لا تتوفر صفحة Stripe باللغة العربية" in page.get_text()

    portal = client.post(link)["Location"]
    assert portal.startswith("/ar/donations/test-portal/")
    changed = client.post(portal, {"action": "change", "amount": "٤٠"})
    assert changed.status_code == 303
    donation.refresh_from_db()
    assert donation.subscription_amount_minor == 4000
    assert donation.subscription_status == Donation.SubscriptionStatus.ACTIVE

    assert client.post(portal, {"action": "cancel"}).status_code == 303
    donation.refresh_from_db()
    assert donation.subscription_status == Donation.SubscriptionStatus.CANCELLED

    listing = admin_client.get(reverse("donation:index"))
    assert "Cancelled" in soup(listing).select_one("tbody tr").get_text()
    inspect = admin_client.get(reverse("donation:inspect", args=[donation.pk]))
    assert "$40" in inspect.content.decode()


def test_a_subscription_set_to_end_shows_as_ending(webhook_client, monthly):
    subscription = {
        "id": "sub_test_rana",
        "object": "subscription",
        "status": "active",
        "cancel_at_period_end": True,
        "items": {"data": [{"price": {"unit_amount": 5000}, "quantity": 1}]},
    }
    response = post_event(
        webhook_client, make_event("customer.subscription.updated", subscription)
    )
    assert response.status_code == 200
    monthly.refresh_from_db()
    assert monthly.subscription_status == Donation.SubscriptionStatus.ENDING
    assert monthly.subscription_amount_minor is None


def test_an_older_change_arriving_late_does_not_undo_a_newer_one(
    webhook_client, monthly
):
    def change(amount, created):
        subscription = {
            "id": "sub_test_rana",
            "object": "subscription",
            "status": "active",
            "items": {"data": [{"price": {"unit_amount": amount}, "quantity": 1}]},
        }
        event = {**make_event("customer.subscription.updated", subscription)}
        event["created"] = created
        return post_event(webhook_client, event)

    now = int(time.time())
    assert change(6000, now).status_code == 200
    assert change(4000, now - 60).status_code == 200  # sent first, arrived last
    monthly.refresh_from_db()
    assert monthly.subscription_amount_minor == 6000
