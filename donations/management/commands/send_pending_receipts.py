from django.core.management.base import BaseCommand

from donations.receipts import send_pending_receipts


class Command(BaseCommand):
    help = (
        "Send the receipts of confirmed gifts whose receipt has not gone yet (the mail "
        "server was down). Safe to run as often as you like: each receipt goes once."
    )

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=500)

    def handle(self, *args, limit, **options):
        sent, failed = send_pending_receipts(limit=limit)
        self.stdout.write(f"Receipts sent: {sent}; not sent (will retry): {failed}")
