"""A local stand-in for a hosted checkout, so the whole flow works with no account.

Its checkout page (``donations:test_checkout``) says plainly that no money moves and
offers "Pay" and "Decline". Either button builds the event Stripe would send, signs it
the way Stripe signs webhooks (with a key derived from ``SECRET_KEY``) and hands it to
the same code that receives real webhooks. It is refused unless ``DEBUG`` is on or
``DONATIONS_ALLOW_TEST_PROVIDER`` is set, whatever the settings module is called: a
site that forgot to choose a provider takes no pretend donations.
"""

import json
import secrets
import time

import stripe
from django.conf import settings
from django.core import signing
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from django.utils import translation
from django.utils.crypto import salted_hmac

from . import CheckoutSession, Provider
from .stripe import verify_event


def test_provider_allowed():
    """Only while developing (DEBUG) or where it is asked for (a staging site)."""
    return bool(settings.DEBUG or settings.DONATIONS_ALLOW_TEST_PROVIDER)


def signing_secret():
    return salted_hmac(
        "donations.providers.testing", "webhook", secret=settings.SECRET_KEY
    ).hexdigest()


def sign(payload, timestamp=None):
    """The ``Stripe-Signature`` header for ``payload`` (a str) with the local key."""
    return stripe.WebhookSignature.generate_signature_header(
        payload, signing_secret(), timestamp=timestamp
    )


class TestProvider(Provider):
    name = "test"
    is_test = True
    __test__ = False  # not a pytest test class

    def __init__(self):
        if not test_provider_allowed():
            raise ImproperlyConfigured(
                "The test donations provider is refused unless DEBUG is on. "
                "Set DONATIONS_PROVIDER=stripe, or DONATIONS_ALLOW_TEST_PROVIDER=true "
                "for a staging site."
            )

    def start_checkout(self, donation, *, success_url, cancel_url):
        reference = f"cs_local_{secrets.token_urlsafe(18)}"
        with translation.override(donation.language):
            url = reverse("donations:test_checkout", args=[reference])
        return CheckoutSession(reference=reference, url=url)

    def parse_event(self, payload, signature):
        return verify_event(payload, signature, signing_secret())

    # The events a real checkout would send ------------------------------------------

    def events_for(self, donation, outcome, email=""):
        """``[(body, signature)]`` for ``outcome`` ("pay" or "decline"); ``email`` is
        the address typed on the test checkout page (where the receipt goes)."""
        session = self.session_object(donation, paid=outcome == "pay", email=email)
        if outcome != "pay":
            return [self.signed("checkout.session.async_payment_failed", session)]
        events = [self.signed("checkout.session.completed", session)]
        if donation.frequency == donation.Frequency.MONTHLY:
            events.append(self.signed("invoice.paid", self.invoice_object(session)))
        return events

    def session_object(self, donation, paid, email=""):
        monthly = donation.frequency == donation.Frequency.MONTHLY
        return {
            "id": donation.provider_reference,
            "object": "checkout.session",
            "amount_total": donation.amount_minor,
            "currency": donation.currency.lower(),
            "mode": "subscription" if monthly else "payment",
            "status": "complete" if paid else "open",
            "payment_status": "paid" if paid else "unpaid",
            "payment_intent": None if monthly else f"pi_local_{secrets.token_hex(8)}",
            "subscription": f"sub_local_{secrets.token_hex(8)}" if monthly else None,
            "customer": f"cus_local_{secrets.token_hex(8)}" if monthly else None,
            "client_reference_id": str(donation.pk),
            "metadata": {"donation_id": str(donation.pk)},
            "customer_details": {"email": email or None, "name": None},
            "livemode": False,
        }

    def invoice_object(self, session):
        return {
            "id": f"in_local_{secrets.token_hex(8)}",
            "object": "invoice",
            "billing_reason": "subscription_create",
            "amount_paid": session["amount_total"],
            "currency": session["currency"],
            "payment_intent": f"pi_local_{secrets.token_hex(8)}",
            "parent": {
                "type": "subscription_details",
                "subscription_details": {
                    "subscription": session["subscription"],
                    "metadata": session["metadata"],
                },
            },
            "livemode": False,
        }

    # The stand-in for the customer portal -------------------------------------------

    PORTAL_SALT = "donations.providers.testing.portal"

    def open_portal(self, donation, *, return_url):
        token = signing.dumps(
            {"donation": donation.pk, "return": return_url}, salt=self.PORTAL_SALT
        )
        with translation.override(donation.language):
            return reverse("donations:test_portal", args=[token])

    def portal_session(self, token, max_age=3600):
        """``(donation id, return URL)`` for a stand-in portal address, or None."""
        try:
            data = signing.loads(token, salt=self.PORTAL_SALT, max_age=max_age)
        except signing.BadSignature:
            return None
        return data.get("donation"), data.get("return")

    def subscription_events(self, donation, action, amount_minor=None):
        """``[(body, signature)]`` for what the donor did on the stand-in portal:
        "cancel", or "change" to ``amount_minor`` a month."""
        subscription = {
            "id": donation.subscription_reference,
            "object": "subscription",
            "customer": donation.customer_reference,
            "status": "canceled" if action == "cancel" else "active",
            "cancel_at_period_end": False,
            "metadata": {"donation_id": str(donation.pk)},
            "items": {
                "data": [
                    {
                        "price": {
                            "unit_amount": amount_minor or donation.amount_minor,
                            "currency": donation.currency.lower(),
                        },
                        "quantity": 1,
                    }
                ]
            },
        }
        if action == "cancel":
            return [self.signed("customer.subscription.deleted", subscription)]
        return [self.signed("customer.subscription.updated", subscription)]

    def signed(self, event_type, obj):
        body = json.dumps(
            {
                "id": f"evt_local_{secrets.token_hex(12)}",
                "object": "event",
                "type": event_type,
                "created": int(time.time()),
                "livemode": False,
                "data": {"object": obj},
            }
        )
        return body.encode(), sign(body)
