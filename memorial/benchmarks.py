"""Import benchmark for ``make bench``: 10,000 rows through the real import path.

``import_10000_rows()`` builds a CSV file in memory, checks it (a dry run), imports it
into the current database (a first import: every row added), imports it again
unchanged (every row compared, nothing written) and once more with every row changed
(every row updated), then deletes the records it made. It returns the timings in
seconds: wall-clock (``*_s``) and this process's CPU time (``*_cpu_s``), which a
machine busy with other work changes less.

Alone, against a database of your own with the demo content loaded::

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/wh_bench \
    DJANGO_SETTINGS_MODULE=whitehelmets.settings.production \
    SECRET_KEY=$(openssl rand -hex 32) \
    ALLOWED_HOSTS=localhost REDIS_URL=redis://127.0.0.1:6379/9 \
    .venv/bin/python -m memorial.benchmarks
"""

import csv
import io
import time

from django.db import transaction

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


def _timed(data, **kwargs):
    """``(wall seconds, CPU seconds, result)`` of one import of ``data``."""
    from . import importing

    started, cpu = time.perf_counter(), time.process_time()
    result = importing.import_file(data, **kwargs)
    elapsed = time.perf_counter() - started
    cpu = time.process_time() - cpu
    if not result.ok:
        raise RuntimeError(result.summary())
    return round(elapsed, 3), round(cpu, 3), result


def _clean():
    from .models import FallenVolunteer

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
        dry_run_s, dry_run_cpu, dry = _timed(data, dry_run=True)
        first_s, first_cpu, first = _timed(data)
        unchanged_s, unchanged_cpu, unchanged = _timed(data)
        changed_s, changed_cpu, updated = _timed(changed)
        assert _revisions_written() == 2 * rows  # one per record added or changed
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
        "dry_run_cpu_s": dry_run_cpu,
        "first_import_cpu_s": first_cpu,
        "unchanged_reimport_cpu_s": unchanged_cpu,
        "changed_reimport_cpu_s": changed_cpu,
    }


def _revisions_written():
    from wagtail.models import Revision

    from .models import FallenVolunteer

    records = FallenVolunteer.objects.filter(external_id__startswith=PREFIX)
    return Revision.objects.filter(
        content_type=FallenVolunteer.get_content_type(),
        object_id__in=[str(pk) for pk in records.values_list("pk", flat=True)],
    ).count()


if __name__ == "__main__":  # (models load after django.setup())
    import json

    import django

    django.setup()
    print(json.dumps(import_10000_rows(), indent=2))
