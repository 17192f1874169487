import pytest
from django.test import Client

from tests.donations.factories import DonationPageFactory
from tests.donations.fake_stripe import FakeStripe
from tests.donations.helpers import WEBHOOK_SECRET


@pytest.fixture(autouse=True)
def _donations_settings(settings):
    """The test provider by default (as `make run` has it) and a known webhook key."""
    settings.DONATIONS_PROVIDER = "test"
    settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
    settings.DONATIONS_RATE_LIMIT = 10


@pytest.fixture
def donation_page(home):
    return DonationPageFactory(parent=home)


@pytest.fixture
def fake_stripe(settings):
    """The stripe provider talking to a fake Stripe API: short timeout, no retries."""
    with FakeStripe(slow_seconds=1.5) as fake:
        settings.DONATIONS_PROVIDER = "stripe"
        settings.STRIPE_SECRET_KEY = "sk_test_fake"
        settings.STRIPE_API_BASE = fake.url
        settings.DONATIONS_PROVIDER_TIMEOUT = 0.5
        settings.DONATIONS_PROVIDER_RETRIES = 0
        yield fake


@pytest.fixture
def webhook_client():
    """Providers send no CSRF token: the webhook must not need one."""
    return Client(enforce_csrf_checks=True)
