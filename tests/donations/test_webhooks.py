"""Stripe webhooks at /donations/webhooks/stripe/: signed payloads built here."""

import json
import threading
import time

import pytest
from django.db import connection, connections

from donations.models import Donation, WebhookEvent
from tests.donations.factories import DonationFactory
from tests.donations.helpers import (
    WEBHOOK_URL,
    invoice_object,
    make_event,
    post_event,
    session_object,
    signature_header,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def donation():
    return DonationFactory(amount_minor=5000, currency="USD")


@pytest.fixture
def monthly():
    return DonationFactory(
        amount_minor=2000, currency="GBP", frequency=Donation.Frequency.MONTHLY
    )


def status_of(donation):
    donation.refresh_from_db()
    return donation.status


def test_completed_session_confirms_the_gift(webhook_client, donation):
    response = post_event(
        webhook_client,
        make_event("checkout.session.completed", session_object(donation)),
    )

    assert response.status_code == 200
    assert response.json() == {"received": True, "duplicate": False}
    donation.refresh_from_db()
    assert donation.status == Donation.Status.PAID
    assert donation.confirmed_at is not None
    assert donation.payment_reference == f"pi_{donation.provider_reference}"
    assert (donation.donor_email, donation.donor_name) == (
        "donor@example.org",
        "Rana Haddad",
    )
    stored = WebhookEvent.objects.get()
    assert stored.type == "checkout.session.completed"
    assert stored.donation == donation
    assert stored.processed_at is not None
    assert stored.payload["data"]["object"]["id"] == donation.provider_reference


@pytest.mark.parametrize(
    "header",
    [
        None,  # no header at all
        "t=123,v1=deadbeef",
        "garbage",
    ],
)
def test_bad_signature_is_refused_and_changes_nothing(webhook_client, donation, header):
    body = json.dumps(
        make_event("checkout.session.completed", session_object(donation))
    )
    kwargs = {"HTTP_STRIPE_SIGNATURE": header} if header else {}
    response = webhook_client.post(
        WEBHOOK_URL, data=body, content_type="application/json", **kwargs
    )

    assert response.status_code == 400
    assert status_of(donation) == Donation.Status.OPEN
    assert WebhookEvent.objects.count() == 0


def test_payload_signed_with_another_secret_is_refused(webhook_client, donation):
    payload = make_event("checkout.session.completed", session_object(donation))
    response = post_event(webhook_client, payload, secret="whsec_someone_else")

    assert response.status_code == 400
    assert status_of(donation) == Donation.Status.OPEN
    assert WebhookEvent.objects.count() == 0


def test_tampered_body_is_refused(webhook_client, donation):
    body = json.dumps(
        make_event("checkout.session.completed", session_object(donation))
    )
    header = signature_header(body)
    tampered = body.replace('"amount_total": 5000', '"amount_total": 1')
    response = post_event(webhook_client, tampered, header=header)

    assert response.status_code == 400
    assert WebhookEvent.objects.count() == 0


def test_old_signature_timestamp_is_refused(webhook_client, donation):
    body = json.dumps(
        make_event("checkout.session.completed", session_object(donation))
    )
    header = signature_header(body, timestamp=int(time.time()) - 3600)
    response = post_event(webhook_client, body, header=header)

    assert response.status_code == 400
    assert status_of(donation) == Donation.Status.OPEN


def test_webhook_accepts_only_post(client):
    assert client.get(WEBHOOK_URL).status_code == 405


def test_replayed_event_is_stored_once_and_applied_once(webhook_client, monthly):
    monthly.status = Donation.Status.PAID
    monthly.subscription_reference = f"sub_{monthly.provider_reference}"
    monthly.save()
    payload = make_event(
        "invoice.paid", invoice_object(monthly, "in_cycle_1"), event_id="evt_replay"
    )

    first = post_event(webhook_client, payload)
    second = post_event(webhook_client, payload)
    third = post_event(webhook_client, payload)

    assert first.json()["duplicate"] is False
    assert second.status_code == third.status_code == 200
    assert second.json()["duplicate"] is True
    assert monthly.instalments.count() == 1
    event = WebhookEvent.objects.get()
    assert event.deliveries == 3


def test_expired_after_completed_leaves_the_gift_confirmed(webhook_client, donation):
    session = session_object(donation)
    post_event(webhook_client, make_event("checkout.session.completed", session))
    response = post_event(
        webhook_client,
        make_event("checkout.session.expired", {**session, "status": "expired"}),
    )

    assert response.status_code == 200
    assert status_of(donation) == Donation.Status.PAID


def test_async_success_before_completed_confirms_and_stays_confirmed(
    webhook_client, donation
):
    session = session_object(donation)
    post_event(
        webhook_client, make_event("checkout.session.async_payment_succeeded", session)
    )
    assert status_of(donation) == Donation.Status.PAID

    unpaid = {**session, "payment_status": "unpaid"}
    post_event(webhook_client, make_event("checkout.session.completed", unpaid))
    assert status_of(donation) == Donation.Status.PAID


def test_delayed_payment_goes_processing_then_confirmed(webhook_client, donation):
    session = session_object(donation, payment_status="unpaid")
    post_event(webhook_client, make_event("checkout.session.completed", session))
    assert status_of(donation) == Donation.Status.PROCESSING

    paid = {**session, "payment_status": "paid"}
    post_event(
        webhook_client, make_event("checkout.session.async_payment_succeeded", paid)
    )
    assert status_of(donation) == Donation.Status.PAID


def test_delayed_payment_that_fails_is_marked_failed(webhook_client, donation):
    session = session_object(donation, payment_status="unpaid")
    post_event(webhook_client, make_event("checkout.session.completed", session))
    post_event(
        webhook_client, make_event("checkout.session.async_payment_failed", session)
    )

    assert status_of(donation) == Donation.Status.FAILED


def test_expired_session_marks_an_open_gift_expired(webhook_client, donation):
    session = session_object(donation, status="expired", payment_status="unpaid")
    post_event(webhook_client, make_event("checkout.session.expired", session))

    assert status_of(donation) == Donation.Status.EXPIRED


@pytest.mark.parametrize(
    "overrides",
    [{"amount_total": 500}, {"currency": "eur"}, {"amount_total": None}],
    ids=["amount", "currency", "missing"],
)
def test_amount_mismatch_is_flagged_never_confirmed(
    webhook_client, donation, overrides
):
    session = session_object(donation, **overrides)
    response = post_event(
        webhook_client, make_event("checkout.session.completed", session)
    )

    assert response.status_code == 200
    donation.refresh_from_db()
    assert donation.status == Donation.Status.NEEDS_REVIEW
    assert donation.confirmed_at is None
    assert "mismatch" in donation.last_error
    # A later correct event cannot confirm it silently either.
    post_event(
        webhook_client,
        make_event(
            "checkout.session.async_payment_succeeded", session_object(donation)
        ),
    )
    assert status_of(donation) == Donation.Status.NEEDS_REVIEW


def test_monthly_instalments_are_separate_gifts_linked_to_the_subscription(
    webhook_client, monthly
):
    session = session_object(monthly)
    post_event(webhook_client, make_event("checkout.session.completed", session))
    first = invoice_object(monthly, "in_first", billing_reason="subscription_create")
    post_event(webhook_client, make_event("invoice.paid", first))
    for number in (2, 3):
        post_event(
            webhook_client,
            make_event("invoice.paid", invoice_object(monthly, f"in_{number}")),
        )

    monthly.refresh_from_db()
    assert monthly.status == Donation.Status.PAID
    assert monthly.subscription_status == Donation.SubscriptionStatus.ACTIVE
    assert monthly.invoice_reference == "in_first"
    instalments = list(monthly.instalments.order_by("invoice_reference"))
    assert [i.invoice_reference for i in instalments] == ["in_2", "in_3"]
    for instalment in instalments:
        assert instalment.status == Donation.Status.PAID
        assert instalment.amount_minor == 2000
        assert instalment.currency == "GBP"
        assert instalment.subscription_reference == f"sub_{monthly.provider_reference}"
        assert instalment.payment_reference == f"pi_{instalment.invoice_reference}"
    # Three monthly gifts confirmed in all: the first and two instalments.
    assert Donation.objects.confirmed().count() == 3


def test_the_same_invoice_in_two_events_is_one_instalment(webhook_client, monthly):
    post_event(
        webhook_client,
        make_event("checkout.session.completed", session_object(monthly)),
    )
    invoice = invoice_object(monthly, "in_twice")
    post_event(webhook_client, make_event("invoice.paid", invoice, event_id="evt_a"))
    post_event(webhook_client, make_event("invoice.paid", invoice, event_id="evt_b"))

    assert monthly.instalments.count() == 1


def test_first_invoice_before_session_completed_confirms_once(webhook_client, monthly):
    first = invoice_object(monthly, "in_first", billing_reason="subscription_create")
    post_event(webhook_client, make_event("invoice.paid", first))
    assert status_of(monthly) == Donation.Status.PAID
    post_event(
        webhook_client,
        make_event("checkout.session.completed", session_object(monthly)),
    )

    monthly.refresh_from_db()
    assert monthly.status == Donation.Status.PAID
    assert monthly.instalments.count() == 0
    assert monthly.subscription_reference == f"sub_{monthly.provider_reference}"


def test_instalment_in_the_legacy_invoice_shape(webhook_client, monthly):
    post_event(
        webhook_client,
        make_event("checkout.session.completed", session_object(monthly)),
    )
    legacy = {
        "id": "in_legacy",
        "object": "invoice",
        "billing_reason": "subscription_cycle",
        "amount_paid": 2000,
        "currency": "gbp",
        "subscription": f"sub_{monthly.provider_reference}",
        "payment_intent": "pi_legacy",
    }
    post_event(webhook_client, make_event("invoice.paid", legacy))

    instalment = monthly.instalments.get()
    assert instalment.payment_reference == "pi_legacy"
    assert instalment.status == Donation.Status.PAID


def test_instalment_with_a_different_amount_needs_review(webhook_client, monthly):
    post_event(
        webhook_client,
        make_event("checkout.session.completed", session_object(monthly)),
    )
    invoice = invoice_object(monthly, "in_odd", amount_paid=99)
    post_event(webhook_client, make_event("invoice.paid", invoice))

    instalment = monthly.instalments.get()
    assert instalment.status == Donation.Status.NEEDS_REVIEW
    assert instalment.reported_amount_minor == 99


def test_cancelled_subscription_is_recorded(webhook_client, monthly):
    post_event(
        webhook_client,
        make_event("checkout.session.completed", session_object(monthly)),
    )
    subscription = {
        "id": f"sub_{monthly.provider_reference}",
        "object": "subscription",
        "status": "canceled",
        "metadata": {"donation_id": str(monthly.pk)},
    }
    post_event(
        webhook_client, make_event("customer.subscription.deleted", subscription)
    )

    monthly.refresh_from_db()
    assert monthly.subscription_status == Donation.SubscriptionStatus.CANCELLED
    assert monthly.status == Donation.Status.PAID  # the gifts made stay made


def test_full_refund_marks_the_gift_refunded(webhook_client, donation):
    post_event(
        webhook_client,
        make_event("checkout.session.completed", session_object(donation)),
    )
    charge = {
        "id": "ch_1",
        "object": "charge",
        "payment_intent": f"pi_{donation.provider_reference}",
        "amount": 5000,
        "amount_refunded": 5000,
        "refunded": True,
    }
    post_event(webhook_client, make_event("charge.refunded", charge))

    donation.refresh_from_db()
    assert donation.status == Donation.Status.REFUNDED
    assert donation.amount_refunded_minor == 5000


def test_partial_refund_keeps_the_gift_confirmed(webhook_client, donation):
    post_event(
        webhook_client,
        make_event("checkout.session.completed", session_object(donation)),
    )
    charge = {
        "id": "ch_2",
        "payment_intent": f"pi_{donation.provider_reference}",
        "amount_refunded": 1000,
        "refunded": False,
    }
    post_event(webhook_client, make_event("charge.refunded", charge))

    donation.refresh_from_db()
    assert donation.status == Donation.Status.PAID
    assert donation.amount_refunded_minor == 1000


def test_refund_arriving_before_completion_wins(webhook_client, donation):
    charge = {
        "id": "ch_3",
        "payment_intent": "pi_unknown_yet",
        "metadata": {"donation_id": str(donation.pk)},
        "amount_refunded": 5000,
        "refunded": True,
    }
    post_event(webhook_client, make_event("charge.refunded", charge))
    post_event(
        webhook_client,
        make_event("checkout.session.completed", session_object(donation)),
    )

    assert status_of(donation) == Donation.Status.REFUNDED


def test_unknown_event_types_are_stored_and_ignored(webhook_client, donation):
    response = post_event(
        webhook_client, make_event("customer.created", {"id": "cus_1"})
    )

    assert response.status_code == 200
    event = WebhookEvent.objects.get()
    assert event.processed_at is not None
    assert event.outcome.startswith("ignored")


def test_event_for_an_unknown_session_is_stored_without_effect(webhook_client):
    other = DonationFactory.build(pk=999_999, provider_reference="cs_nobody")
    response = post_event(
        webhook_client, make_event("checkout.session.completed", session_object(other))
    )

    assert response.status_code == 200
    assert WebhookEvent.objects.get().outcome == "no matching donation"
    assert Donation.objects.count() == 0


def test_event_cannot_confirm_a_donation_of_another_session(webhook_client, donation):
    session = session_object(donation, id="cs_someone_else")
    post_event(webhook_client, make_event("checkout.session.completed", session))

    assert status_of(donation) == Donation.Status.OPEN


def test_test_provider_events_cannot_confirm_a_stripe_gift(
    webhook_client, donation, settings
):
    from donations.providers.testing import signing_secret

    payload = make_event("checkout.session.completed", session_object(donation))
    # Signed with the local test key: refused at the Stripe address...
    response = post_event(webhook_client, payload, secret=signing_secret())
    assert response.status_code == 400
    # ...and at the test address it finds no test donation to confirm.
    response = post_event(
        webhook_client,
        payload,
        secret=signing_secret(),
        url="/donations/webhooks/test/",
    )
    assert response.status_code == 200
    assert status_of(donation) == Donation.Status.OPEN


def test_event_that_cannot_be_applied_is_kept_with_its_error_and_answered_500(
    webhook_client, donation
):
    """Signed but malformed: the event is stored with the error, the donation is left
    as it was (the change is rolled back), and Stripe is told to send it again."""
    payload = make_event(
        "checkout.session.completed",
        session_object(donation, customer_details="not an object"),
    )
    response = post_event(webhook_client, payload)

    assert response.status_code == 500
    event = WebhookEvent.objects.get()
    assert event.processed_at is None
    assert "AttributeError" in event.error
    assert status_of(donation) == Donation.Status.OPEN

    again = post_event(webhook_client, payload)
    assert again.status_code == 500
    event.refresh_from_db()
    assert event.deliveries == 2
    assert WebhookEvent.objects.count() == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs row locks (PostgreSQL)"
)
def test_two_copies_at_the_same_moment_apply_once(monthly, settings):
    """Two deliveries of one event race each other: one instalment, one event row."""
    from django.test import Client

    monthly.status = Donation.Status.PAID
    monthly.subscription_reference = f"sub_{monthly.provider_reference}"
    monthly.save()
    payload = make_event(
        "invoice.paid", invoice_object(monthly, "in_race"), event_id="evt_race"
    )
    body = json.dumps(payload)
    header = signature_header(body)
    barrier = threading.Barrier(4)
    results = []

    def deliver():
        try:
            barrier.wait()
            response = Client().post(
                WEBHOOK_URL,
                data=body,
                content_type="application/json",
                HTTP_STRIPE_SIGNATURE=header,
            )
            results.append(response.status_code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=deliver) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert results == [200, 200, 200, 200]
    assert monthly.instalments.count() == 1
    event = WebhookEvent.objects.get()
    assert event.deliveries == 4
