"""Donor data retention: personal fields go, the accounting record stays.

See docs/donor-data.md. ``apply_retention`` is what the
``apply_donor_data_retention`` command runs (daily, from cron or a scheduler).
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from .models import Donation, WebhookEvent

# Keys in stored provider payloads that can hold a person's details.
PERSONAL_KEYS = {
    "address",
    "billing_details",
    "customer_address",
    "customer_details",
    "customer_email",
    "customer_name",
    "customer_phone",
    "customer_shipping",
    "email",
    "name",
    "phone",
    "receipt_email",
    "shipping",
    "shipping_details",
}
ERASED = "[erased]"


def redact(value):
    """``value`` with every personal key's content replaced by ``"[erased]"``."""
    if isinstance(value, dict):
        return {
            key: (ERASED if key in PERSONAL_KEYS and item else redact(item))
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [redact(item) for item in value]
    return value


@transaction.atomic
def apply_retention(days, dry_run=False, now=None):
    """Erase personal data older than ``days``: ``(donations, events)`` counts."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=days)
    donations = Donation.objects.filter(
        created_at__lt=cutoff, personal_data_erased_at__isnull=True
    )
    events = WebhookEvent.objects.filter(
        received_at__lt=cutoff, personal_data_erased_at__isnull=True
    )
    counts = (donations.count(), events.count())
    if dry_run:
        return counts
    donations.update(donor_email="", donor_name="", personal_data_erased_at=now)
    for event in events.select_for_update().iterator(chunk_size=500):
        event.payload = redact(event.payload)
        event.personal_data_erased_at = now
        event.save(update_fields=["payload", "personal_data_erased_at"])
    return counts
