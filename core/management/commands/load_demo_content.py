from urllib.parse import urlsplit

from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Site

from core import demo_content


class Command(BaseCommand):
    help = (
        "Build the demo site in English and Arabic: home, about section and every "
        "section's pages. Creates only what is missing, so it is safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--site",
            help="Where the site is served (http://127.0.0.1:8000): the default site "
            "takes its host name and port, so links in emails (receipts) open there.",
        )

    def handle(self, *args, site=None, **options):
        context = demo_content.run(stdout=self.stdout)
        if site:
            address = urlsplit(site)
            if not address.hostname:
                raise CommandError(
                    f"--site {site!r}: give an address like http://host:port"
                )
            default = Site.objects.get(is_default_site=True)
            default.hostname = address.hostname
            default.port = address.port or (443 if address.scheme == "https" else 80)
            default.save()
        if context.created:
            self.stdout.write(
                self.style.SUCCESS(f"Created: {', '.join(sorted(context.created))}")
            )
        else:
            self.stdout.write("Demo content already present; nothing changed.")
