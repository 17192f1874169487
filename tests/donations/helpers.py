"""Signed webhook payloads built the way Stripe builds them."""

import hashlib
import hmac
import itertools
import json
import time

WEBHOOK_SECRET = "whsec_test_secret_for_the_suite"
WEBHOOK_URL = "/donations/webhooks/stripe/"
_ids = itertools.count(1)


def signature_header(body, secret=WEBHOOK_SECRET, timestamp=None):
    """``t=<ts>,v1=<hex HMAC-SHA256(secret, "<ts>.<body>")>``."""
    timestamp = int(time.time()) if timestamp is None else timestamp
    mac = hmac.new(
        secret.encode(), f"{timestamp}.{body}".encode(), hashlib.sha256
    ).hexdigest()
    return f"t={timestamp},v1={mac}"


def make_event(event_type, obj, event_id=None):
    return {
        "id": event_id or f"evt_test_{next(_ids):08d}",
        "object": "event",
        "type": event_type,
        "created": int(time.time()),
        "livemode": False,
        "data": {"object": obj},
    }


def post_event(client, payload, secret=WEBHOOK_SECRET, url=WEBHOOK_URL, header=None):
    body = payload if isinstance(payload, str) else json.dumps(payload)
    return client.post(
        url,
        data=body,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=header or signature_header(body, secret),
    )


def session_object(donation, **overrides):
    """A checkout session as Stripe reports it for ``donation``."""
    monthly = donation.frequency == "monthly"
    session = {
        "id": donation.provider_reference,
        "object": "checkout.session",
        "amount_total": donation.amount_minor,
        "currency": donation.currency.lower(),
        "mode": "subscription" if monthly else "payment",
        "status": "complete",
        "payment_status": "paid",
        "payment_intent": None if monthly else f"pi_{donation.provider_reference}",
        "subscription": f"sub_{donation.provider_reference}" if monthly else None,
        "metadata": {"donation_id": str(donation.pk)},
        "customer_details": {"email": "donor@example.org", "name": "Rana Haddad"},
    }
    session.update(overrides)
    return session


def invoice_object(donation, invoice_id, billing_reason="subscription_cycle", **extra):
    """An invoice in the current API shape (subscription under ``parent``)."""
    invoice = {
        "id": invoice_id,
        "object": "invoice",
        "billing_reason": billing_reason,
        "amount_paid": donation.amount_minor,
        "currency": donation.currency.lower(),
        "parent": {
            "type": "subscription_details",
            "subscription_details": {
                "subscription": f"sub_{donation.provider_reference}",
                "metadata": {"donation_id": str(donation.pk)},
            },
        },
        "payments": {
            "data": [
                {
                    "payment": {
                        "type": "payment_intent",
                        "payment_intent": f"pi_{invoice_id}",
                    }
                }
            ]
        },
    }
    invoice.update(extra)
    return invoice


def submit(client, path, data, **extra):
    """Post the donation form as a browser does: a 303 back to the form (an error,
    the rate limit, the provider down) is followed, and that page is returned; a
    303 to the payment page is returned as it is."""
    from urllib.parse import unquote

    response = client.post(path, data, **extra)
    if response.status_code == 303 and unquote(response["Location"]) == path:
        return client.get(response["Location"], **extra)
    return response
