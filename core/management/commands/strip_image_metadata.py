"""Clean the images stored before uploads were cleaned (see core/images.py)."""

from django.core.management.base import BaseCommand
from wagtail.images import get_image_model

from core import images


class Command(BaseCommand):
    help = (
        "Remove EXIF, XMP, IPTC, GPS and comments from every stored image (turned "
        "upright), give it a random file name and delete its old renditions. Safe to "
        "run again: clean images are left alone."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Only count the images that would be cleaned.",
        )

    def handle(self, *args, dry_run=False, **options):
        queryset = get_image_model().objects.order_by("pk")
        total = queryset.count()
        changed = 0
        failed = 0
        for image in queryset.iterator(chunk_size=100):
            try:
                changed += images.clean_image(image, dry_run=dry_run)
            except (OSError, images.UnreadableImage) as error:
                failed += 1
                self.stderr.write(f"Image {image.pk} ({image.file.name}): {error}")
        if dry_run:
            self.stdout.write(f"{changed} of {total} images would be cleaned.")
        else:
            self.stdout.write(f"Cleaned {changed} of {total} images.")
        if failed:
            self.stderr.write(f"{failed} images could not be read; see above.")
