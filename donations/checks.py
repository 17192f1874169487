from django.conf import settings
from django.core.checks import Warning, register

from .providers import PROVIDERS
from .providers.testing import test_provider_allowed


@register()
def donations_provider_check(app_configs, **kwargs):
    """Warn when donations would fail at the first donor: a refused or unknown
    provider, or Stripe without its keys."""
    name = settings.DONATIONS_PROVIDER
    if name not in PROVIDERS:
        return [
            Warning(
                f"DONATIONS_PROVIDER is {name!r}; choose one of "
                f"{', '.join(sorted(PROVIDERS))}.",
                id="donations.W001",
            )
        ]
    issues = []
    if name == "test" and not test_provider_allowed():
        issues.append(
            Warning(
                "The test donations provider is refused unless DEBUG is on: "
                "the donation form will say donations are unavailable.",
                hint="Set DONATIONS_PROVIDER=stripe and the Stripe keys, or "
                "DONATIONS_ALLOW_TEST_PROVIDER=true on a staging site.",
                id="donations.W002",
            )
        )
    if name == "stripe":
        missing = [
            key
            for key in ("STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET")
            if not getattr(settings, key)
        ]
        if missing:
            issues.append(
                Warning(
                    f"DONATIONS_PROVIDER is 'stripe' but {', '.join(missing)} "
                    "is not set.",
                    id="donations.W003",
                )
            )
    return issues
