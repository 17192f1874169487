"""``python manage.py import_memorial FILE [--dry-run] [--draft]``

Checks a CSV file of memorial records and imports it, all or nothing, exactly as the
admin's upload page does (docs/memorial-import.md describes the format).
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from memorial import importing


class Command(BaseCommand):
    help = "Import memorial records from a CSV file (all or nothing)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="The CSV file to import.")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Check the file and report what would change, without saving.",
        )
        parser.add_argument(
            "--draft",
            action="store_true",
            help="Save new and changed records as drafts instead of publishing them.",
        )

    def handle(self, *args, file, dry_run, draft, **options):
        try:
            data = file.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}") from error

        def progress(stage, done, total):
            verb = "Checked" if stage == "validate" else "Written"
            self.stdout.write(f"{verb} {done} of {total} rows…")

        result = importing.import_file(
            data,
            dry_run=dry_run,
            publish=not draft,
            progress=progress if options["verbosity"] > 0 else None,
        )
        for error in result.errors:
            self.stderr.write(str(error))
        if not result.ok:
            raise CommandError(result.summary())
        self.stdout.write(self.style.SUCCESS(result.summary()))
