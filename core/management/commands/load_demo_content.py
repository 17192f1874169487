from django.core.management.base import BaseCommand

from core import demo_content


class Command(BaseCommand):
    help = (
        "Build the demo site in English and Arabic: home, about section and every "
        "section's pages. Creates only what is missing, so it is safe to run again."
    )

    def handle(self, *args, **options):
        context = demo_content.run(stdout=self.stdout)
        if context.created:
            self.stdout.write(
                self.style.SUCCESS(f"Created: {', '.join(sorted(context.created))}")
            )
        else:
            self.stdout.write("Demo content already present; nothing changed.")
