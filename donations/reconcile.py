"""Reconciliation: what the provider recorded that our webhooks missed.

A webhook can fail to arrive (an outage longer than the provider's retries, a wrong
secret). ``reconcile`` asks the provider for the events, checkout sessions and
invoices of the last days and hands whatever we have not applied to
``webhooks.receive_event``, the same road a webhook takes: the same locks, the same
forward-only statuses, the same receipts. Running it again changes nothing more.

Checkouts still open after the provider's own expiry are marked expired, receipts
the mail server refused are sent again, and spent links to manage a gift are deleted.
"""

import logging
from collections import Counter
from datetime import timedelta

from django.db.models import Q
from django.utils import timezone

from . import receipts, webhooks
from .models import Donation, ManageLink, WebhookEvent
from .providers import ProviderEvent

logger = logging.getLogger(__name__)

UNSETTLED = (Donation.Status.PENDING, Donation.Status.OPEN, Donation.Status.PROCESSING)
OUTCOMES = {
    webhooks.APPLIED: "applied now",
    webhooks.DUPLICATE: "already applied",
    webhooks.FAILED: "failed (see the webhook events)",
}
SESSION_EVENTS = {
    # (session status, payment status) -> the event Stripe would have sent
    ("complete", "paid"): "checkout.session.completed",
    ("complete", "no_payment_required"): "checkout.session.completed",
    ("complete", "unpaid"): "checkout.session.completed",
    ("expired", "unpaid"): "checkout.session.expired",
}


def _already_applied(provider, event_id):
    return WebhookEvent.objects.filter(
        provider=provider.name, event_id=event_id, processed_at__isnull=False
    ).exists()


def _apply(provider, event, counts):
    if _already_applied(provider, event.id):
        counts["already applied"] += 1
        return
    receipt = webhooks.receive_event(provider, event)
    counts[OUTCOMES[receipt.result]] += 1
    logger.info("Reconciled %s %s: %s", event.type, event.id, receipt.event.outcome)


def _found_event(provider, event_type, obj, suffix):
    """A ``ProviderEvent`` for an object the provider listed, with an id of its own
    (``reconcile:<object id>:<state>``) so that applying it twice is a duplicate."""
    return ProviderEvent(
        id=f"reconcile:{obj.get('id')}:{suffix}",
        type=event_type,
        payload={
            "id": f"reconcile:{obj.get('id')}:{suffix}",
            "object": "event",
            "type": event_type,
            "reconciled": True,
            "data": {"object": obj},
        },
    )


def _session_unsettled(provider, session):
    reference = session.get("id") or ""
    pk = (session.get("metadata") or {}).get("donation_id") or ""
    match = Q(provider_reference=reference) if reference else Q(pk__in=[])
    if str(pk).isdigit():
        match |= Q(pk=int(pk), provider_reference="")
    return Donation.objects.filter(
        match, provider=provider.name, status__in=UNSETTLED
    ).exists()


def _invoice_recorded(provider, invoice):
    return Donation.objects.filter(
        provider=provider.name, invoice_reference=str(invoice.get("id") or "")
    ).exists()


def expire_stale_checkouts(provider, now):
    """Checkouts the provider has certainly closed: open past its expiry (with an
    hour's margin). A late "completed" event still confirms one: statuses only move
    forward, and "expired" comes before "confirmed"."""
    cutoff = now - provider.checkout_lifetime - timedelta(hours=1)
    stale = Donation.objects.filter(
        provider=provider.name,
        parent__isnull=True,
        status__in=(Donation.Status.PENDING, Donation.Status.OPEN),
        created_at__lt=cutoff,
    )
    return stale.update(
        status=Donation.Status.EXPIRED,
        last_error="Expired: still open past the provider's checkout expiry",
        updated_at=now,
    )


def reconcile(provider, days=3, now=None):
    """Apply what the provider recorded in the last ``days`` and we missed.

    Returns counts by outcome. Raises ``ProviderError`` when the provider does not
    answer (nothing half-applied: each event is its own transaction).
    """
    now = now or timezone.now()
    since = now - timedelta(days=days)
    counts = Counter()
    for event in provider.recent_events(since):
        _apply(provider, event, counts)
    for session in provider.recent_checkout_sessions(since):
        key = (session.get("status"), session.get("payment_status"))
        event_type = SESSION_EVENTS.get(key)
        if event_type and _session_unsettled(provider, session):
            _apply(
                provider, _found_event(provider, event_type, session, key[0]), counts
            )
    for invoice in provider.recent_invoices(since):
        if invoice.get("status") == "paid" and not _invoice_recorded(provider, invoice):
            _apply(
                provider,
                _found_event(provider, "invoice.paid", invoice, "paid"),
                counts,
            )
    counts["expired"] = expire_stale_checkouts(provider, now)
    # Links to manage a monthly gift are of no use a day after they expired.
    ManageLink.objects.filter(expires_at__lt=now - timedelta(days=1)).delete()
    counts["receipts sent"], counts["receipts failed"] = (
        receipts.send_pending_receipts()
    )
    return counts
