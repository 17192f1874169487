from django.core.management.base import BaseCommand

from core.translation_status import record_all, translated_models


class Command(BaseCommand):
    help = (
        "Work out the translation status of every page and translated snippet as it "
        "stands (content imported or saved before statuses were kept). Safe to re-run: "
        "outdated translations stay outdated."
    )

    def handle(self, *args, **options):
        count = record_all(translated_models())
        self.stdout.write(f"Translation status recorded for {count} objects.")
