"""Payment providers behind one small interface.

A provider starts a hosted checkout for a ``Donation`` and turns a signed webhook
request into a verified ``ProviderEvent``. Everything else (storing events, applying
them to donations) is shared, in ``donations.webhooks``. ``DONATIONS_PROVIDER`` names
the provider new donations use.

- ``stripe``: Stripe Checkout through the official SDK.
- ``test``: a local stand-in checkout page; refused under production settings unless
  ``DONATIONS_ALLOW_TEST_PROVIDER`` is set.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

PROVIDERS = {
    "stripe": "donations.providers.stripe.StripeProvider",
    "test": "donations.providers.testing.TestProvider",
}


class ProviderError(Exception):
    """The provider could not start a checkout: down, slow or refusing.

    ``kind`` is ``"timeout"``, ``"unavailable"`` (connection failed, 5xx, rate limited)
    or ``"rejected"`` (the provider refused the request: our configuration is wrong).
    """

    def __init__(self, kind, detail):
        super().__init__(f"{kind}: {detail}")
        self.kind = kind
        self.detail = detail


class InvalidEvent(Exception):
    """A webhook request that is not a correctly signed event from the provider."""


@dataclass(frozen=True)
class CheckoutSession:
    reference: str
    url: str


@dataclass(frozen=True)
class ProviderEvent:
    id: str
    type: str
    payload: dict

    @property
    def object(self):
        return (self.payload.get("data") or {}).get("object") or {}


class Provider:
    name = ""
    is_test = False
    # How long a hosted checkout stays open before the provider expires it.
    checkout_lifetime = timedelta(hours=24)

    def start_checkout(self, donation, *, success_url, cancel_url):
        """Ask for a hosted checkout; return a ``CheckoutSession`` or raise
        ``ProviderError``."""
        raise NotImplementedError

    def parse_event(self, payload, signature):
        """Verify and parse a webhook body; return a ``ProviderEvent`` or raise
        ``InvalidEvent``."""
        raise NotImplementedError

    def open_portal(self, donation, *, return_url):
        """The address of the provider's page where the donor of ``donation`` (a
        monthly gift) changes or cancels it; raise ``ProviderError``."""
        raise NotImplementedError

    # What the provider recorded, for the reconciliation. Each returns a list (oldest
    # first) or raises ``ProviderError``. A provider without an API returns nothing.

    def recent_events(self, since):
        """``ProviderEvent`` objects the provider created since ``since``."""
        return []

    def recent_checkout_sessions(self, since):
        """Checkout sessions (dicts, as webhooks carry them) created since ``since``."""
        return []

    def recent_invoices(self, since):
        """Invoices (dicts) created since ``since``."""
        return []


def get_provider(name=None):
    """The provider called ``name`` (default: ``DONATIONS_PROVIDER``).

    Raises ``ImproperlyConfigured`` for an unknown provider or one that may not run
    here (the test provider under production settings).
    """
    name = name or settings.DONATIONS_PROVIDER
    if name not in PROVIDERS:
        raise ImproperlyConfigured(f"Unknown donations provider {name!r}.")
    return import_string(PROVIDERS[name])()
