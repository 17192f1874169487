"""Email receipts: one per confirmed gift, in the language the donor gave in.

``send_receipt`` is called after a webhook (or the reconciliation) has confirmed a gift;
the redirect back from the payment page never sends one. The donation row records the
receipt (``receipt_sent_at``), so a repeated event sends nothing more; a mail server
that fails is recorded (``receipt_error``) and ``send_pending_receipts`` tries again.
"""

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from wagtail.models import Site

from core.models import SiteSettings

from .models import Donation

logger = logging.getLogger(__name__)


def organisation_details(donation):
    """Name, postal address and contact address for the foot of a receipt, in the
    active language: the site settings where an editor filled them in, otherwise
    ``DONATIONS_ORGANISATION_*`` settings."""
    site = donation.page.get_site() if donation.page_id else None
    site = site or Site.objects.filter(is_default_site=True).first()
    site_settings = SiteSettings.for_site(site) if site else None
    return {
        "name": _("Syria Civil Defence"),
        "address": (site_settings and site_settings.address)
        or settings.DONATIONS_ORGANISATION_ADDRESS,
        "email": (site_settings and site_settings.contact_email)
        or settings.DONATIONS_ORGANISATION_EMAIL,
        "registration": settings.DONATIONS_ORGANISATION_REGISTRATION,
        "site_url": site.root_url if site else settings.WAGTAILADMIN_BASE_URL,
    }


def manage_url(donation):
    """Where a monthly donor asks for the link to change or cancel the gift."""
    if donation.frequency != Donation.Frequency.MONTHLY or not donation.page_id:
        return ""
    page = donation.page.specific
    return page.get_full_url() + page.reverse_subpage("manage")


def build_receipt(donation):
    """The receipt for ``donation`` as an email (plain text and HTML)."""
    with translation.override(donation.language or settings.LANGUAGE_CODE):
        language = translation.get_language()
        confirmed = timezone.localtime(donation.confirmed_at or timezone.now())
        context = {
            "donation": donation,
            "language": language,
            "bidi": "rtl" if translation.get_language_bidi() else "ltr",
            "amount": donation.amount_display,
            "currency": donation.currency,
            "date": date_format(confirmed, "DATE_FORMAT"),
            "reference": donation.reference,
            "frequency": donation.get_frequency_display(),
            "monthly": donation.frequency == Donation.Frequency.MONTHLY,
            "instalment": donation.parent_id is not None,
            "organisation": organisation_details(donation),
            "manage_url": manage_url(donation),
        }
        subject = _("Your receipt from Syria Civil Defence (%(reference)s)") % {
            "reference": donation.reference
        }
        text = render_to_string("donations/email/receipt.txt", context)
        html = render_to_string("donations/email/receipt.html", context)
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=settings.DONATIONS_RECEIPT_FROM or None,
        to=[donation.donor_email],
        headers={"Content-Language": language},
    )
    message.attach_alternative(html, "text/html")
    return message


def send_receipt(donation):
    """Send the receipt for ``donation`` unless it has gone already. True when sent.

    The row is locked while the mail server is asked, so two deliveries of the same
    event at once send one receipt. A failure is recorded on the row, never raised:
    the gift itself is confirmed whatever the mail server says.
    """
    with transaction.atomic():
        donation = (
            Donation.objects.select_for_update(of=("self",))
            .select_related("page")
            .get(pk=donation.pk)
        )
        if not donation.needs_receipt:
            return False
        donation.receipt_attempts += 1
        try:
            build_receipt(donation).send()
        except Exception as exc:
            logger.warning(
                "Receipt for donation %s not sent (attempt %s): %s",
                donation.pk,
                donation.receipt_attempts,
                exc,
            )
            donation.receipt_error = f"{type(exc).__name__}: {exc}"[:2000]
            donation.save(update_fields=["receipt_attempts", "receipt_error"])
            return False
        donation.receipt_sent_at = timezone.now()
        donation.receipt_error = ""
        donation.save(
            update_fields=["receipt_attempts", "receipt_error", "receipt_sent_at"]
        )
    return True


def pending_receipts():
    return Donation.objects.filter(
        status=Donation.Status.PAID,
        receipt_sent_at__isnull=True,
        personal_data_erased_at__isnull=True,
    ).exclude(donor_email="")


def send_pending_receipts(limit=500):
    """Try again every receipt not sent yet: ``(sent, failed)``."""
    sent = failed = 0
    for donation in pending_receipts().order_by("pk")[:limit]:
        if send_receipt(donation):
            sent += 1
        else:
            failed += 1
    return sent, failed
