from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from donations.retention import apply_retention


class Command(BaseCommand):
    help = (
        "Erase donors' personal data (names, email addresses, personal details in "
        "stored webhook events) older than DONATIONS_RETENTION_DAYS. Amounts, "
        "currencies, dates and provider references are kept for the accounts."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Override DONATIONS_RETENTION_DAYS for this run.",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Count what would be erased; change nothing.",
        )

    def handle(self, *args, days=None, dry_run=False, **options):
        days = settings.DONATIONS_RETENTION_DAYS if days is None else days
        if days < 1:
            raise CommandError("The retention period must be at least one day.")
        donations, events = apply_retention(days, dry_run=dry_run)
        verb = "Would erase" if dry_run else "Erased"
        self.stdout.write(
            f"{verb} personal data from {donations} donation(s) and "
            f"{events} webhook event(s) older than {days} day(s)."
        )
