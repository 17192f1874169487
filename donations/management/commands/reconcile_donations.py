from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from donations.providers import PROVIDERS, ProviderError, get_provider
from donations.reconcile import reconcile


class Command(BaseCommand):
    help = (
        "Ask the payment provider for the events, checkout sessions and invoices of "
        "the last days and apply what the webhooks missed; mark checkouts left open "
        "past the provider's expiry as expired; send receipts not sent yet. Run it "
        "hourly. Running it again changes nothing more."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days", type=int, default=3, help="How far back to look (default 3)."
        )
        parser.add_argument(
            "--provider",
            choices=sorted(PROVIDERS),
            default=None,
            help="The provider to ask (default: DONATIONS_PROVIDER).",
        )

    def handle(self, *args, days, provider=None, **options):
        if not 1 <= days <= 30:
            raise CommandError("--days must be between 1 and 30.")
        try:
            provider = get_provider(provider)
            counts = reconcile(provider, days=days)
        except (ImproperlyConfigured, ProviderError) as exc:
            raise CommandError(f"Reconciliation not done: {exc}") from exc
        summary = ", ".join(f"{key}: {value}" for key, value in sorted(counts.items()))
        self.stdout.write(f"Reconciled with {provider.name} ({days} days). {summary}")
