"""Webhook events: stored once, applied once, whatever the order and the retries.

``receive`` is the one road for every event, whether Stripe posted it or the local test
checkout built it: the provider verifies and parses the body, the event is stored
(unique per provider and id), then ``apply_event`` changes the donation it concerns,
inside one transaction that holds a lock on the event row and the donation row.

Donation statuses only move forward (``Donation.advance``), so an event that comes late
(``expired`` after ``completed``) or early (``async_payment_succeeded`` before
``completed``) leaves each gift in the right state. Amounts are never taken from our
own form at this stage: what the provider reports is compared with the donation, and a
difference sends the gift to review instead of confirming it.
"""

import logging
from dataclasses import dataclass
from datetime import UTC, datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from . import receipts
from .models import Donation, WebhookEvent

logger = logging.getLogger(__name__)

APPLIED = "applied"
DUPLICATE = "duplicate"
FAILED = "failed"


@dataclass
class Receipt:
    result: str
    event: WebhookEvent


def receive(provider, body, signature):
    """Verify, store and apply one webhook body. Raises ``InvalidEvent`` (nothing is
    written) for a body the provider does not vouch for."""
    return receive_event(provider, provider.parse_event(body, signature))


def receive_event(provider, event):
    """Store and apply one verified ``ProviderEvent`` (from a webhook, or fetched
    from the provider's API by the reconciliation), then send the receipt of a gift
    it confirmed."""
    receipt = _store_and_apply(provider, event)
    donation = receipt.event.donation
    if donation is not None and donation.needs_receipt:
        receipts.send_receipt(donation)
    return receipt


def _store_and_apply(provider, event):
    with transaction.atomic():
        try:
            with transaction.atomic():
                WebhookEvent.objects.create(
                    provider=provider.name,
                    event_id=event.id,
                    type=event.type,
                    payload=event.payload,
                )
            created = True
        except IntegrityError:
            created = False  # delivered before, or at this very moment
        row = WebhookEvent.objects.select_for_update().get(
            provider=provider.name, event_id=event.id
        )
        if not created:
            row.deliveries += 1
            row.save(update_fields=["deliveries"])
        if row.processed_at is not None:
            return Receipt(DUPLICATE, row)
        try:
            with transaction.atomic():
                donation, outcome = apply_event(row)
        except Exception as exc:
            logger.exception("Webhook event %s could not be applied", row.event_id)
            row.error = f"{type(exc).__name__}: {exc}"[:2000]
            row.save(update_fields=["error"])
            return Receipt(FAILED, row)
        row.donation = donation
        row.outcome = outcome[:255]
        row.error = ""
        row.processed_at = timezone.now()
        row.save(update_fields=["donation", "outcome", "error", "processed_at"])
    return Receipt(APPLIED, row)


# Applying events ---------------------------------------------------------------------


def apply_event(event):
    """Apply a stored event to the donation it concerns: ``(donation, outcome)``."""
    handler = HANDLERS.get(event.type)
    if handler is None:
        return None, "ignored: not an event we act on"
    obj = (event.payload.get("data") or {}).get("object") or {}
    created = event.payload.get("created")
    occurred = (
        datetime.fromtimestamp(created, tz=UTC) if isinstance(created, int) else None
    )
    return handler(event.provider, obj, occurred)


def _metadata_donation_id(*metadatas):
    for metadata in metadatas:
        value = (metadata or {}).get("donation_id")
        if value and str(value).isdigit():
            return int(value)
    return None


def _locked(provider):
    return Donation.objects.select_for_update().filter(provider=provider)


def _session_donation(provider, session):
    """The donation a checkout session was made for, locked for update."""
    reference = session.get("id") or ""
    donation = None
    if reference:
        donation = _locked(provider).filter(provider_reference=reference).first()
    if donation is None:
        pk = _metadata_donation_id(session.get("metadata"))
        if pk is not None:
            donation = _locked(provider).filter(pk=pk, parent__isnull=True).first()
        if donation is not None and donation.provider_reference not in ("", reference):
            logger.warning(
                "Session %s names donation %s, which belongs to session %s",
                reference,
                pk,
                donation.provider_reference,
            )
            return None
        if donation is not None and reference:
            donation.provider_reference = reference
    return donation


def _amounts_match(donation, amount, currency):
    donation.reported_amount_minor = amount if isinstance(amount, int) else None
    donation.reported_currency = (currency or "").upper()[:3]
    return (
        isinstance(amount, int)
        and amount == donation.amount_minor
        and (currency or "").upper() == donation.currency
    )


def _keep_donor_details(donation, session):
    details = session.get("customer_details") or {}
    if details.get("email"):
        donation.donor_email = str(details["email"])[:254]
    if details.get("name"):
        donation.donor_name = str(details["name"])[:200]


def _confirm(donation, amount, currency, what):
    """Confirm ``donation`` if the provider's amount is ours; otherwise flag it."""
    if not _amounts_match(donation, amount, currency):
        logger.warning(
            "Donation %s: the provider reported %s %s, we expected %s %s",
            donation.pk,
            amount,
            currency,
            donation.amount_minor,
            donation.currency,
        )
        donation.advance(Donation.Status.NEEDS_REVIEW)
        donation.last_error = (
            f"Amount mismatch: provider reported {amount} {currency}, "
            f"expected {donation.amount_minor} {donation.currency.lower()}"
        )
        return f"{what}: amount mismatch, needs review"
    changed = donation.advance(Donation.Status.PAID)
    return f"{what}: confirmed" if changed else f"{what}: already {donation.status}"


def session_completed(provider, session, occurred=None):
    donation = _session_donation(provider, session)
    if donation is None:
        return None, "no matching donation"
    _keep_donor_details(donation, session)
    if session.get("payment_intent"):
        donation.payment_reference = str(session["payment_intent"])
    if session.get("customer"):
        customer = session["customer"]
        customer = customer.get("id") if isinstance(customer, dict) else customer
        donation.customer_reference = str(customer or "")[:255]
    if session.get("subscription"):
        donation.subscription_reference = str(session["subscription"])
        if donation.subscription_status != Donation.SubscriptionStatus.CANCELLED:
            donation.subscription_status = Donation.SubscriptionStatus.ACTIVE
    status = session.get("payment_status")
    if status == "paid":
        outcome = _confirm(
            donation, session.get("amount_total"), session.get("currency"), "completed"
        )
    elif status == "unpaid":
        _amounts_match(donation, session.get("amount_total"), session.get("currency"))
        donation.advance(Donation.Status.PROCESSING)
        outcome = "completed: payment still processing"
    else:
        donation.advance(Donation.Status.NEEDS_REVIEW)
        outcome = f"completed with payment status {status!r}: needs review"
    donation.save()
    return donation, outcome


def async_payment_succeeded(provider, session, occurred=None):
    donation = _session_donation(provider, session)
    if donation is None:
        return None, "no matching donation"
    _keep_donor_details(donation, session)
    if session.get("payment_intent"):
        donation.payment_reference = str(session["payment_intent"])
    outcome = _confirm(
        donation,
        session.get("amount_total"),
        session.get("currency"),
        "async payment succeeded",
    )
    donation.save()
    return donation, outcome


def async_payment_failed(provider, session, occurred=None):
    donation = _session_donation(provider, session)
    if donation is None:
        return None, "no matching donation"
    changed = donation.advance(Donation.Status.FAILED)
    donation.save()
    return donation, "payment failed" if changed else f"already {donation.status}"


def session_expired(provider, session, occurred=None):
    donation = _session_donation(provider, session)
    if donation is None:
        return None, "no matching donation"
    changed = donation.advance(Donation.Status.EXPIRED)
    donation.save()
    return donation, "expired" if changed else f"already {donation.status}"


def _invoice_subscription(invoice):
    """``(subscription id, metadata)`` from an invoice, old or new API shape."""
    details = (invoice.get("parent") or {}).get("subscription_details") or {}
    legacy = invoice.get("subscription_details") or {}
    subscription = invoice.get("subscription") or details.get("subscription") or ""
    if isinstance(subscription, dict):
        subscription = subscription.get("id") or ""
    lines = ((invoice.get("lines") or {}).get("data")) or []
    metadatas = [details.get("metadata"), legacy.get("metadata")]
    metadatas += [line.get("metadata") for line in lines if isinstance(line, dict)]
    return str(subscription), metadatas


def _invoice_payment_intent(invoice):
    if invoice.get("payment_intent"):
        return str(invoice["payment_intent"])
    for payment in ((invoice.get("payments") or {}).get("data")) or []:
        intent = (payment.get("payment") or {}).get("payment_intent")
        if intent:
            return str(intent)
    return ""


def _subscription_donation(provider, subscription, metadatas):
    """The monthly gift that started ``subscription``, locked for update."""
    monthly = _locked(provider).filter(
        parent__isnull=True, frequency=Donation.Frequency.MONTHLY
    )
    donation = None
    if subscription:
        donation = monthly.filter(subscription_reference=subscription).first()
    if donation is None:
        pk = _metadata_donation_id(*metadatas)
        if pk is not None:
            donation = monthly.filter(pk=pk).first()
        if donation is not None and donation.subscription_reference not in (
            "",
            subscription,
        ):
            return None
        if donation is not None and subscription:
            donation.subscription_reference = subscription
    return donation


def invoice_paid(provider, invoice, occurred=None):
    """A monthly payment. The first one is the gift the donor made at checkout;
    each later one is recorded as its own gift, linked to the first."""
    invoice_id = str(invoice.get("id") or "")
    subscription, metadatas = _invoice_subscription(invoice)
    if not invoice_id or not (subscription or _metadata_donation_id(*metadatas)):
        return None, "ignored: not an invoice for a monthly gift"
    parent = _subscription_donation(provider, subscription, metadatas)
    if parent is None:
        return None, "no matching monthly donation"
    amount, currency = invoice.get("amount_paid"), invoice.get("currency")
    intent = _invoice_payment_intent(invoice)

    first = invoice.get("billing_reason") == "subscription_create"
    if first and parent.invoice_reference in ("", invoice_id):
        parent.invoice_reference = invoice_id
        if intent and not parent.payment_reference:
            parent.payment_reference = intent
        if parent.subscription_status != Donation.SubscriptionStatus.CANCELLED:
            parent.subscription_status = Donation.SubscriptionStatus.ACTIVE
        outcome = _confirm(parent, amount, currency, "first instalment")
        parent.save()
        return parent, outcome
    parent.save()  # keeps a subscription id learnt from the invoice

    instalment = _locked(provider).filter(invoice_reference=invoice_id).first()
    if instalment is not None:
        return instalment, "instalment already recorded"
    instalment = Donation(
        parent=parent,
        page_id=parent.page_id,
        amount_minor=parent.amount_minor,
        currency=parent.currency,
        frequency=Donation.Frequency.MONTHLY,
        language=parent.language,
        provider=provider,
        invoice_reference=invoice_id,
        subscription_reference=parent.subscription_reference,
        payment_reference=intent,
        donor_email=parent.donor_email,
        donor_name=parent.donor_name,
        status=Donation.Status.OPEN,
    )
    outcome = _confirm(instalment, amount, currency, "instalment")
    instalment.save()
    return instalment, outcome


def charge_refunded(provider, charge, occurred=None):
    intent = charge.get("payment_intent") or ""
    if isinstance(intent, dict):
        intent = intent.get("id") or ""
    donation = None
    if intent:
        donation = _locked(provider).filter(payment_reference=intent).first()
    if donation is None and charge.get("invoice"):
        donation = (
            _locked(provider).filter(invoice_reference=str(charge["invoice"])).first()
        )
    if donation is None:
        pk = _metadata_donation_id(charge.get("metadata"))
        if pk is not None:
            donation = _locked(provider).filter(pk=pk, parent__isnull=True).first()
    if donation is None:
        return None, "no matching donation"
    refunded = charge.get("amount_refunded")
    if isinstance(refunded, int):
        donation.amount_refunded_minor = max(donation.amount_refunded_minor, refunded)
    if charge.get("refunded"):
        donation.advance(Donation.Status.REFUNDED)
        outcome = "refunded in full"
    else:
        outcome = "partly refunded"
    donation.save()
    return donation, outcome


def subscription_deleted(provider, subscription, occurred=None):
    sub_id = str(subscription.get("id") or "")
    parent = _subscription_donation(provider, sub_id, [subscription.get("metadata")])
    if parent is None:
        return None, "no matching monthly donation"
    parent.subscription_status = Donation.SubscriptionStatus.CANCELLED
    parent.subscription_changed_at = occurred or timezone.now()
    parent.save()
    return parent, "monthly gift cancelled"


def _subscription_amount(subscription):
    """The monthly amount a subscription now charges, in minor units, or None."""
    items = ((subscription.get("items") or {}).get("data")) or []
    if not items or not isinstance(items[0], dict):
        return None
    price = items[0].get("price") or items[0].get("plan") or {}
    unit = price.get("unit_amount", price.get("amount"))
    quantity = items[0].get("quantity") or 1
    if isinstance(unit, int) and isinstance(quantity, int):
        return unit * quantity
    return None


def subscription_updated(provider, subscription, occurred=None):
    """The donor changed the gift on the provider's page: a new amount, a
    cancellation at the end of the period, or the undoing of one. Events may come
    out of order: one older than the last change applied is ignored."""
    sub_id = str(subscription.get("id") or "")
    parent = _subscription_donation(provider, sub_id, [subscription.get("metadata")])
    if parent is None:
        return None, "no matching monthly donation"
    if parent.subscription_status == Donation.SubscriptionStatus.CANCELLED:
        return parent, "already cancelled"
    last = parent.subscription_changed_at
    if occurred is not None and last is not None and occurred < last:
        return parent, "older than the last change: ignored"
    parent.subscription_changed_at = occurred or timezone.now()
    status = subscription.get("status")
    if status in ("canceled", "incomplete_expired"):
        parent.subscription_status = Donation.SubscriptionStatus.CANCELLED
        outcome = "monthly gift cancelled"
    elif subscription.get("cancel_at_period_end") or subscription.get("cancel_at"):
        parent.subscription_status = Donation.SubscriptionStatus.ENDING
        outcome = "monthly gift ends at the end of the period"
    else:
        parent.subscription_status = Donation.SubscriptionStatus.ACTIVE
        outcome = "monthly gift active"
    amount = _subscription_amount(subscription)
    if amount is not None and amount != parent.amount_minor:
        parent.subscription_amount_minor = amount
        outcome += f", now {amount} a month"
    elif amount == parent.amount_minor:
        parent.subscription_amount_minor = None
    parent.save()
    return parent, outcome


HANDLERS = {
    "checkout.session.completed": session_completed,
    "checkout.session.async_payment_succeeded": async_payment_succeeded,
    "checkout.session.async_payment_failed": async_payment_failed,
    "checkout.session.expired": session_expired,
    "invoice.paid": invoice_paid,
    "charge.refunded": charge_refunded,
    "customer.subscription.updated": subscription_updated,
    "customer.subscription.deleted": subscription_deleted,
}
