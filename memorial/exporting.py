"""Exports of the memorial records.

* Open data (public, from the memorial page): published records whose families agreed
  to publication, public fields only, as CSV and JSON. Never the consent, the source
  note, the external id, the full date of birth or the photo.
* Staff (admin, permission-checked): every record, drafts included, in the import
  format (docs/memorial-import.md), so a list can be exported, corrected and imported
  again.
"""

import csv
import io
import json

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import override

from core.spreadsheets import escape_formula

from . import queries
from .importing import columns, richtext_to_text
from .models import Cause, FallenVolunteer, Governorate

LANGUAGES = [code for code, _name in settings.LANGUAGES]
STAFF_EXTRA = ["status"]


def _labels(choices):
    labels = {}
    for language in LANGUAGES:
        with override(language):
            labels[language] = {code: str(label) for code, label in choices}
    return labels


def public_columns():
    result = ["slug", "url"]
    result += [f"name_{code}" for code in LANGUAGES]
    result += ["other_names", "date_of_death", "date_is_approximate", "birth_year"]
    result += ["governorate"] + [f"governorate_{code}" for code in LANGUAGES]
    for name in ("place", "centre", "role"):
        result += [f"{name}_{code}" for code in LANGUAGES]
    result += ["cause"] + [f"cause_{code}" for code in LANGUAGES]
    result += [f"tribute_{code}" for code in LANGUAGES]
    result += ["is_sample"]
    return result


def public_records(page, request):
    """Public fields of every record a visitor may see, in the page's order."""
    base = request.build_absolute_uri(page.get_url(request=request))
    governorates = _labels(Governorate.choices)
    causes = _labels(Cause.choices)
    people = FallenVolunteer.objects.public().order_by("date_of_death", "pk")
    records = []
    for person in people:
        record = {"slug": person.slug, "url": f"{base}{person.slug}/"}
        for code in LANGUAGES:
            record[f"name_{code}"] = getattr(person, f"name_{code}") or ""
        record["other_names"] = person.other_names
        record["date_of_death"] = person.date_of_death.isoformat()
        record["date_is_approximate"] = person.date_is_approximate
        record["birth_year"] = person.birth_year
        record["governorate"] = person.governorate
        for code in LANGUAGES:
            record[f"governorate_{code}"] = governorates[code][person.governorate]
        for name in ("place", "centre", "role"):
            for code in LANGUAGES:
                record[f"{name}_{code}"] = getattr(person, f"{name}_{code}") or ""
        record["cause"] = person.cause
        for code in LANGUAGES:
            record[f"cause_{code}"] = causes[code][person.cause]
        for code in LANGUAGES:
            record[f"tribute_{code}"] = richtext_to_text(
                getattr(person, f"tribute_{code}") or ""
            )
        record["is_sample"] = person.is_sample
        records.append(record)
    return records


def staff_records():
    """Every record, drafts included, in the import format."""
    records = []
    for person in FallenVolunteer.objects.order_by("pk"):
        record = {}
        for column in columns():
            if column.startswith("tribute_"):
                value = richtext_to_text(getattr(person, column) or "")
            elif column == "photo_id":
                value = person.photo_id or ""
            elif column in ("date_of_death", "date_of_birth"):
                value = getattr(person, column)
                value = value.isoformat() if value else ""
            else:
                value = getattr(person, column)
            record[column] = "" if value is None else value
        record["status"] = _status(person)
        records.append(record)
    return records


def _status(person):
    if not person.live:
        return "draft"
    if person.has_unpublished_changes:
        return "live+draft"
    return "live"


def _safe(value):
    """A cell a spreadsheet shows as text, never runs as a formula."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return escape_formula("" if value is None else str(value))


def to_csv(records, fieldnames):
    buffer = io.StringIO()
    buffer.write("\ufeff")  # spreadsheets then read the file as UTF-8
    # CRLF ends a row (RFC 4180), so a value holding either character is quoted.
    writer = csv.DictWriter(buffer, fieldnames=fieldnames, lineterminator="\r\n")
    writer.writeheader()
    for record in records:
        writer.writerow({key: _safe(record.get(key)) for key in fieldnames})
    return buffer.getvalue()


def _attachment(content, content_type, filename):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _date():
    return timezone.localdate().isoformat()


def public_csv_response(page, request):
    content = to_csv(public_records(page, request), public_columns())
    return _attachment(content, "text/csv; charset=utf-8", "memorial.csv")


def public_json_response(page, request):
    records = public_records(page, request)
    data = {
        "title": page.title,
        "url": request.build_absolute_uri(page.get_url(request=request)),
        "generated": _date(),
        "total_lost": queries.total_lost(),
        "published_records": len(records),
        "note": (
            "total_lost counts every volunteer on the memorial; records whose "
            "families did not agree to publication are counted but not listed."
        ),
        "records": records,
    }
    content = json.dumps(data, ensure_ascii=False, indent=1)
    response = HttpResponse(content, content_type="application/json; charset=utf-8")
    response["Access-Control-Allow-Origin"] = "*"  # open data: readable from anywhere
    return response


def staff_csv_response():
    content = to_csv(staff_records(), columns() + STAFF_EXTRA)
    return _attachment(
        content, "text/csv; charset=utf-8", f"memorial-all-records-{_date()}.csv"
    )


def staff_json_response():
    content = json.dumps(
        {"generated": _date(), "records": staff_records()},
        ensure_ascii=False,
        indent=1,
    )
    return _attachment(
        content,
        "application/json; charset=utf-8",
        f"memorial-all-records-{_date()}.json",
    )
