"""Import benchmark for ``make bench``: 10,000 rows through the real import path.

``import_10000_rows()`` builds a CSV file in memory, imports it into the current
database (a first import: every row added), imports it again unchanged (every row
compared, nothing written) and once more with every row changed (every row updated),
then deletes the records it made. It returns the timings in seconds.
"""

import csv
import io
import time

from django.db import transaction

from . import importing
from .models import FallenVolunteer

PREFIX = "bench-"


def make_csv(rows=10_000, variant=""):
    governorates = ["idlib", "aleppo", "rif_dimashq", "daraa", "homs", "hama"]
    causes = ["double_tap", "airstrike", "shelling", "chemical", "other"]
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(
        [
            "external_id",
            "name_en",
            "name_ar",
            "other_names",
            "date_of_death",
            "governorate",
            "place_en",
            "cause",
            "tribute_en",
            "consent",
        ]
    )
    for number in range(1, rows + 1):
        writer.writerow(
            [
                f"{PREFIX}{number:05d}",
                f"Benchmark volunteer {number:05d}{variant}",
                f"متطوع للقياس {number:05d}",
                f"Bench {number}",
                f"{2013 + number % 12}-{1 + number % 12:02d}-{1 + number % 28:02d}",
                governorates[number % len(governorates)],
                "Sample town",
                causes[number % len(causes)],
                f"A tribute written for the benchmark.{variant}",
                "name_only",
            ]
        )
    return buffer.getvalue().encode()


def _timed(data):
    started = time.perf_counter()
    result = importing.import_file(data)
    elapsed = time.perf_counter() - started
    if not result.ok:
        raise RuntimeError(result.summary())
    return round(elapsed, 3), result


def _clean():
    with transaction.atomic():
        records = FallenVolunteer.objects.filter(external_id__startswith=PREFIX)
        from wagtail.models import Revision

        Revision.objects.filter(
            content_type=FallenVolunteer.get_content_type(),
            object_id__in=[str(pk) for pk in records.values_list("pk", flat=True)],
        ).delete()
        records.delete()


def import_10000_rows(rows=10_000):
    """``{"rows", "first_import_s", "unchanged_reimport_s", "changed_reimport_s",
    "dry_run_s"}`` for ``rows`` rows (the records made are removed afterwards)."""
    _clean()
    data = make_csv(rows)
    changed = make_csv(rows, variant=" (revised)")
    try:
        started = time.perf_counter()
        dry = importing.import_file(data, dry_run=True)
        dry_run_s = round(time.perf_counter() - started, 3)
        first_s, first = _timed(data)
        unchanged_s, unchanged = _timed(data)
        changed_s, updated = _timed(changed)
    finally:
        _clean()
    assert dry.created == rows and first.created == rows
    assert unchanged.unchanged == rows and updated.updated == rows
    return {
        "rows": rows,
        "dry_run_s": dry_run_s,
        "first_import_s": first_s,
        "unchanged_reimport_s": unchanged_s,
        "changed_reimport_s": changed_s,
    }
