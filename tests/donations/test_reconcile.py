"""The reconciliation command, through the real SDK, against the fake Stripe API:
gifts whose webhook never came are confirmed; running it twice changes nothing."""

import time
from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from donations.models import Donation, WebhookEvent
from tests.donations.factories import DonationFactory
from tests.donations.helpers import invoice_object, make_event, session_object

pytestmark = pytest.mark.django_db

FORM = {
    "frequency": "one_off",
    "currency": "USD",
    "amount": "5000",
    "custom_amount": "",
    "website": "",
}


def reconcile():
    out = StringIO()
    call_command("reconcile_donations", "--days", "2", stdout=out)
    return out.getvalue()


def start_gift(client, fake_stripe, path="/en/donate/", **data):
    """A donor goes to Stripe Checkout and pays; Stripe records the session as
    complete, but the webhook never reaches us."""
    assert client.post(path, {**FORM, **data}).status_code == 303
    donation = Donation.objects.latest("pk")
    [session] = [
        s
        for s in fake_stripe.sessions.values()
        if s["id"] == donation.provider_reference
    ]
    return donation, session


def snapshot():
    return (
        list(Donation.objects.order_by("pk").values()),
        WebhookEvent.objects.count(),
        len(mail.outbox),
    )


def test_missed_checkout_session_completed_is_confirmed_by_the_command(
    client, donation_page, fake_stripe
):
    donation, session = start_gift(client, fake_stripe, path="/ar/تبرع/")
    paid = session_object(donation, created=int(time.time()))
    session.update(paid)
    fake_stripe.events.append(
        {
            **make_event("checkout.session.completed", dict(session)),
            "created": paid["created"],
        }
    )

    output = reconcile()

    donation.refresh_from_db()
    assert donation.status == Donation.Status.PAID
    assert donation.donor_email == "donor@example.org"
    assert "applied now: 1" in output
    event = WebhookEvent.objects.get(event_id=fake_stripe.events[0]["id"])
    assert event.outcome == "completed: confirmed"
    [receipt] = mail.outbox  # the receipt, in Arabic, as after a webhook
    assert receipt.extra_headers["Content-Language"] == "ar"
    # The SDK asked for the events of the last two days, of the types we act on.
    [listing] = [r for r in fake_stripe.requests if r["path"] == "/v1/events"]
    assert int(listing["query"]["created[gte]"][0]) <= time.time() - 2 * 86400 + 60
    assert "checkout.session.completed" in str(listing["query"])

    before = snapshot()
    second = reconcile()
    assert "already applied: 1" in second and "applied now" not in second
    assert snapshot() == before


def test_a_completed_session_without_its_event_is_confirmed_too(
    client, donation_page, fake_stripe
):
    donation, session = start_gift(client, fake_stripe)
    session.update(session_object(donation))  # no event listed: only the session

    reconcile()
    donation.refresh_from_db()
    assert donation.status == Donation.Status.PAID
    stored = WebhookEvent.objects.get()
    assert stored.event_id == f"reconcile:{session['id']}:complete"

    before = snapshot()
    reconcile()
    assert snapshot() == before


def test_missed_invoice_paid_records_the_monthly_instalment(donation_page, fake_stripe):
    parent = DonationFactory(
        page=donation_page,
        frequency="monthly",
        status=Donation.Status.PAID,
        donor_email="donor@example.org",
        receipt_sent_at="2026-01-01T00:00:00Z",
    )
    parent.subscription_reference = f"sub_{parent.provider_reference}"
    parent.save()
    invoice = invoice_object(parent, "in_missed_cycle", status="paid")
    invoice["created"] = int(time.time()) - 3600
    fake_stripe.invoices.append(invoice)
    fake_stripe.invoices.append(
        {**invoice_object(parent, "in_open"), "status": "open", "created": 1}
    )

    reconcile()

    [instalment] = parent.instalments.all()
    assert instalment.invoice_reference == "in_missed_cycle"
    assert instalment.status == Donation.Status.PAID
    assert instalment.amount_minor == parent.amount_minor
    [receipt] = mail.outbox
    assert instalment.reference in receipt.body

    before = snapshot()
    reconcile()
    assert snapshot() == before
    assert parent.instalments.count() == 1


def test_checkouts_past_the_providers_expiry_are_marked_expired(
    client, donation_page, fake_stripe
):
    expired_donation, session = start_gift(client, fake_stripe)
    session.update(status="expired")
    stale = DonationFactory(page=donation_page, provider="stripe")
    Donation.objects.filter(pk=stale.pk).update(
        created_at=stale.created_at - timedelta(hours=30)
    )
    fresh = DonationFactory(page=donation_page, provider="stripe")

    reconcile()

    expired_donation.refresh_from_db()
    stale.refresh_from_db()
    fresh.refresh_from_db()
    assert expired_donation.status == Donation.Status.EXPIRED
    assert stale.status == Donation.Status.EXPIRED
    assert fresh.status == Donation.Status.OPEN


def test_a_provider_that_does_not_answer_fails_the_command_and_changes_nothing(
    donation_page, settings
):
    from bench.server import free_port

    settings.DONATIONS_PROVIDER = "stripe"
    settings.STRIPE_SECRET_KEY = "sk_test_fake"
    settings.STRIPE_API_BASE = f"http://127.0.0.1:{free_port()}"
    settings.DONATIONS_PROVIDER_TIMEOUT = 0.5
    settings.DONATIONS_PROVIDER_RETRIES = 0
    donation = DonationFactory(page=donation_page)

    with pytest.raises(CommandError, match="Reconciliation not done"):
        reconcile()
    donation.refresh_from_db()
    assert donation.status == Donation.Status.OPEN


def test_spent_links_to_manage_a_gift_are_deleted(donation_page, fake_stripe):
    from django.utils import timezone

    from donations.models import ManageLink

    now = timezone.now()
    ManageLink.objects.create(token_hash="a" * 64, expires_at=now - timedelta(days=2))
    fresh = ManageLink.objects.create(token_hash="b" * 64, expires_at=now)

    reconcile()
    assert list(ManageLink.objects.all()) == [fresh]
