"""Monthly donors change or cancel their gift on the provider's own page.

A donor asks with an email address. Whether or not we know it, the request takes the
same road and the same time: a ``ManageLink`` row is written, and the email (only
for an address with an active monthly gift) goes from a background thread, so the
answer never waits for the mail server. The link is single-use and expires; opening
it shows our own page first (in the donor's language), and only its button asks the
provider for a portal session.
"""

import hashlib
import logging
import secrets
import threading
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .models import Donation, ManageLink
from .ratelimit import hit

logger = logging.getLogger(__name__)


def token_hash(token):
    return hashlib.sha256(token.encode()).hexdigest()


def monthly_gifts_for(email):
    """The active monthly gifts given with ``email`` (at most five)."""
    return list(
        Donation.objects.filter(
            parent__isnull=True,
            frequency=Donation.Frequency.MONTHLY,
            donor_email__iexact=email,
            status__in=[Donation.Status.PAID, Donation.Status.NEEDS_REVIEW],
            subscription_status__in=[
                Donation.SubscriptionStatus.ACTIVE,
                Donation.SubscriptionStatus.ENDING,
            ],
            personal_data_erased_at__isnull=True,
        )
        .exclude(customer_reference="")
        .order_by("-created_at")[:5]
    )


def _within_allowance(email):
    """At most ``DONATIONS_MANAGE_LINKS_PER_HOUR`` emails to one address an hour, so
    the form cannot be used to flood someone's inbox. A cache that cannot count
    allows the request."""
    key = "donations:manage:" + token_hash(email.lower())[:32]
    count = hit(key, 3600)
    return count is None or count <= settings.DONATIONS_MANAGE_LINKS_PER_HOUR


def request_links(email, link_url):
    """Write one link per active monthly gift of ``email`` (or one unusable row when
    there is none) and send them in one email, in the active language.
    ``link_url(token)`` is the absolute address of a link."""
    lifetime = timedelta(minutes=settings.DONATIONS_MANAGE_LINK_MINUTES)
    allowed = _within_allowance(email)
    gifts = monthly_gifts_for(email)
    links = []
    for gift in gifts or [None]:
        token = secrets.token_urlsafe(32)
        ManageLink.objects.create(
            token_hash=token_hash(token),
            donation=gift,
            expires_at=timezone.now() + lifetime,
        )
        if gift is not None:
            links.append({"gift": gift, "url": link_url(token)})
    message = None
    if links and allowed:
        message = link_email(email, links)
    send_in_background(message)


def link_email(email, links):
    context = {
        "links": links,
        "minutes": settings.DONATIONS_MANAGE_LINK_MINUTES,
        "language": translation.get_language(),
        "bidi": "rtl" if translation.get_language_bidi() else "ltr",
    }
    message = EmailMultiAlternatives(
        subject=_("Your link to manage your monthly gift"),
        body=render_to_string("donations/email/manage_link.txt", context),
        from_email=settings.DONATIONS_RECEIPT_FROM or None,
        to=[email],
        headers={"Content-Language": context["language"]},
    )
    message.attach_alternative(
        render_to_string("donations/email/manage_link.html", context), "text/html"
    )
    return message


def _send(message):
    if message is None:
        return
    try:
        message.send()
    except Exception as exc:
        logger.warning("Link to manage a monthly gift not sent: %s", exc)


def send_in_background(message):
    """Send ``message`` (or nothing, for an unknown address) after the database
    transaction, from a thread: the donor's answer is the same either way."""
    thread = threading.Thread(target=_send, args=(message,), daemon=True)
    transaction.on_commit(thread.start)
    return thread


def usable_link(token, lock=False):
    """The ``ManageLink`` for ``token`` if it names a gift, is unused and unexpired."""
    links = ManageLink.objects.select_related("donation", "donation__page")
    if lock:
        links = links.select_for_update(of=("self",))
    return links.filter(
        token_hash=token_hash(token or ""),
        donation__isnull=False,
        used_at__isnull=True,
        expires_at__gt=timezone.now(),
    ).first()
