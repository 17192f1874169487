"""Stripe Checkout through the official SDK.

Configured by ``STRIPE_SECRET_KEY``, ``STRIPE_WEBHOOK_SECRET`` and, for a local fake
server in tests, ``STRIPE_API_BASE``. Requests time out after
``DONATIONS_PROVIDER_TIMEOUT`` seconds and are retried ``DONATIONS_PROVIDER_RETRIES``
times with the same idempotency key, so Stripe never makes two sessions for one gift.
"""

import json
import logging

import stripe
from django.conf import settings

from . import CheckoutSession, InvalidEvent, Provider, ProviderError, ProviderEvent

logger = logging.getLogger(__name__)

# Stripe Checkout has no Arabic interface: "auto" follows the donor's browser.
CHECKOUT_LOCALES = {"en": "en", "fr": "fr", "de": "de", "tr": "tr"}


def checkout_locale(language):
    return CHECKOUT_LOCALES.get(language, "auto")


def checkout_params(donation, *, success_url, cancel_url, product_name):
    """The Checkout Session for ``donation``: amounts as ``price_data``."""
    monthly = donation.frequency == donation.Frequency.MONTHLY
    metadata = {"donation_id": str(donation.pk)}
    price_data = {
        "currency": donation.currency.lower(),
        "unit_amount": donation.amount_minor,
        "product_data": {"name": product_name},
    }
    params = {
        "mode": "subscription" if monthly else "payment",
        "line_items": [{"price_data": price_data, "quantity": 1}],
        "locale": checkout_locale(donation.language),
        "client_reference_id": str(donation.pk),
        "metadata": metadata,
        "success_url": success_url,
        "cancel_url": cancel_url,
    }
    if monthly:
        price_data["recurring"] = {"interval": "month"}
        params["subscription_data"] = {"metadata": metadata}
    else:
        params["submit_type"] = "donate"
        params["payment_intent_data"] = {"metadata": metadata}
    return params


class StripeProvider(Provider):
    name = "stripe"

    def client(self):
        if not settings.STRIPE_SECRET_KEY:
            raise ProviderError("rejected", "STRIPE_SECRET_KEY is not set")
        options = {
            "max_network_retries": settings.DONATIONS_PROVIDER_RETRIES,
            "http_client": stripe.RequestsClient(
                timeout=settings.DONATIONS_PROVIDER_TIMEOUT
            ),
        }
        if settings.STRIPE_API_BASE:
            options["base_addresses"] = {"api": settings.STRIPE_API_BASE}
        return stripe.StripeClient(settings.STRIPE_SECRET_KEY, **options)

    def start_checkout(self, donation, *, success_url, cancel_url):
        from django.utils.translation import gettext

        params = checkout_params(
            donation,
            success_url=success_url,
            cancel_url=cancel_url,
            product_name=gettext("Donation to Syria Civil Defence"),
        )
        try:
            session = self.client().v1.checkout.sessions.create(
                params, options={"idempotency_key": f"checkout-{donation.token}"}
            )
        except stripe.APIConnectionError as exc:
            kind = "timeout" if "timeout" in str(exc).lower() else "unavailable"
            raise ProviderError(kind, str(exc).strip()) from exc
        except (stripe.APIError, stripe.RateLimitError) as exc:
            raise ProviderError("unavailable", str(exc).strip()) from exc
        except stripe.StripeError as exc:
            logger.error("Stripe refused a checkout session: %s", exc)
            raise ProviderError("rejected", str(exc).strip()) from exc
        data = session.to_dict()
        if not data.get("id") or not data.get("url"):
            raise ProviderError("unavailable", "Stripe answered without a session URL")
        return CheckoutSession(reference=data["id"], url=data["url"])

    def open_portal(self, donation, *, return_url):
        if not donation.customer_reference:
            raise ProviderError("rejected", "the gift has no Stripe customer")
        params = {
            "customer": donation.customer_reference,
            "return_url": return_url,
            "locale": checkout_locale(donation.language),
        }
        try:
            session = self.client().v1.billing_portal.sessions.create(params)
        except stripe.APIConnectionError as exc:
            kind = "timeout" if "timeout" in str(exc).lower() else "unavailable"
            raise ProviderError(kind, str(exc).strip()) from exc
        except (stripe.APIError, stripe.RateLimitError) as exc:
            raise ProviderError("unavailable", str(exc).strip()) from exc
        except stripe.StripeError as exc:
            logger.error("Stripe refused a customer portal session: %s", exc)
            raise ProviderError("rejected", str(exc).strip()) from exc
        url = session.to_dict().get("url")
        if not url:
            raise ProviderError("unavailable", "Stripe answered without a portal URL")
        return url

    # The reconciliation's view of the account --------------------------------------

    # The event types ``donations.webhooks`` acts on (Stripe filters the list by them).
    EVENT_TYPES = (
        "checkout.session.completed",
        "checkout.session.async_payment_succeeded",
        "checkout.session.async_payment_failed",
        "checkout.session.expired",
        "invoice.paid",
        "charge.refunded",
        "customer.subscription.updated",
        "customer.subscription.deleted",
    )

    def _list(self, service, since, **params):
        params = {"created": {"gte": int(since.timestamp())}, "limit": 100, **params}
        try:
            page = service.list(params)
            items = [item.to_dict() for item in page.auto_paging_iter()]
        except stripe.APIConnectionError as exc:
            raise ProviderError("unavailable", str(exc).strip()) from exc
        except stripe.StripeError as exc:
            raise ProviderError("rejected", str(exc).strip()) from exc
        return sorted(items, key=lambda item: item.get("created") or 0)

    def recent_events(self, since):
        events = self._list(
            self.client().v1.events, since, types=list(self.EVENT_TYPES)
        )
        return [
            ProviderEvent(id=event["id"], type=event["type"], payload=event)
            for event in events
            if event.get("id") and event.get("type")
        ]

    def recent_checkout_sessions(self, since):
        return self._list(self.client().v1.checkout.sessions, since)

    def recent_invoices(self, since):
        return self._list(self.client().v1.invoices, since)

    def parse_event(self, payload, signature):
        secret = settings.STRIPE_WEBHOOK_SECRET
        if not secret:
            logger.error(
                "A Stripe webhook arrived but STRIPE_WEBHOOK_SECRET is not set"
            )
            raise InvalidEvent("no webhook secret configured")
        return verify_event(payload, signature, secret)


def verify_event(payload, signature, secret):
    """A ``ProviderEvent`` from a body signed the way Stripe signs webhooks."""
    try:
        stripe.Webhook.construct_event(payload, signature, secret)
        data = json.loads(payload)
    except stripe.SignatureVerificationError as exc:
        raise InvalidEvent(f"bad signature: {exc}") from exc
    except (ValueError, UnicodeDecodeError) as exc:
        raise InvalidEvent(f"not a JSON event: {exc}") from exc
    if (
        not isinstance(data, dict)
        or not isinstance(data.get("id"), str)
        or not isinstance(data.get("type"), str)
        or not isinstance(data.get("data"), dict)
    ):
        raise InvalidEvent("the event has no id, type or data")
    return ProviderEvent(id=data["id"], type=data["type"], payload=data)
