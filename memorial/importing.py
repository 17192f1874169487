"""Import memorial records from a CSV file (the format is in docs/memorial-import.md).

file → ``parse`` (rows with their line numbers) → ``validate`` (every error of every row
collected) → ``plan`` (what would be created, updated or left alone) → ``write`` (one
transaction). A file with any bad row changes nothing. The admin upload view and the
``import_memorial`` command both call ``import_file``.

A row is matched to a record by its ``external_id``: importing the same list again
updates the records instead of adding new ones, and rows whose values have not changed
are left alone. Each record written gets a revision, so its history in the admin shows
the import; with ``publish`` the records go live at once, otherwise new and changed
records are saved as drafts for review, except that a consent lowered by the file
(withdrawn) changes the live record at once, as a draft saved in the admin does.
"""

import csv
import datetime
import html
import io
import logging
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, override
from wagtail.images import get_image_model
from wagtail.models import Revision

from core.spreadsheets import unescape_formula

from . import names
from .models import (
    EARLIEST_DATE,
    Cause,
    Consent,
    FallenVolunteer,
    Governorate,
    withdraws_consent,
)

logger = logging.getLogger(__name__)

LANGUAGES = [code for code, _name in settings.LANGUAGES]
TRANSLATED = ["name", "place", "centre", "role", "tribute", "photo_alt"]
PROGRESS_EVERY = 1000
BATCH_SIZE = 500
# Dates typed with Arabic-Indic or Persian digits read as the same date.
ASCII_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
# What the memorial page's person URLs accept (memorial/models.py).
ADDRESS = re.compile(r"[-a-z0-9]+")


def columns():
    """Every column of the format, in the order exports write them."""
    result = ["external_id", "slug"]
    result += [f"name_{code}" for code in LANGUAGES]
    result += ["other_names", "date_of_death", "date_is_approximate", "date_of_birth"]
    result += ["governorate"]
    for name in ("place", "centre", "role"):
        result += [f"{name}_{code}" for code in LANGUAGES]
    result += ["cause"]
    result += [f"tribute_{code}" for code in LANGUAGES]
    result += ["photo_id"]
    result += [f"photo_alt_{code}" for code in LANGUAGES]
    result += ["consent", "source_note", "is_sample"]
    return result


REQUIRED = [
    "external_id",
    f"name_{settings.MODELTRANSLATION_DEFAULT_LANGUAGE}",
    "date_of_death",
    "governorate",
    "cause",
    "consent",
]
# Columns written straight to a model field of the same name.
PLAIN_TEXT = ["other_names", "source_note"] + [
    f"{name}_{code}"
    for name in ("name", "place", "centre", "role", "photo_alt")
    for code in LANGUAGES
]
# Written by the staff export for information, ignored on import.
IGNORED = {"status"}
TRUE = {"1", "yes", "y", "true", "نعم"}
FALSE = {"", "0", "no", "n", "false", "لا"}


@dataclass
class RowError:
    line: int
    column: str
    message: str

    def __str__(self):
        where = _("line %(line)s") % {"line": self.line}
        if self.column:
            where = f"{where}, {self.column}"
        return f"{where}: {self.message}"


@dataclass
class ImportResult:
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list = field(default_factory=list)
    dry_run: bool = False
    published: bool = True

    @property
    def ok(self):
        return not self.errors

    def summary(self):
        if self.errors:
            return ngettext(
                "%(count)s problem found; nothing was imported. Correct the file "
                "and import it again.",
                "%(count)s problems found; nothing was imported. Correct the file "
                "and import it again.",
                len(self.errors),
            ) % {"count": len(self.errors)}
        values = {
            "rows": self.rows,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
        }
        if self.dry_run:
            return (
                _(
                    "Checked %(rows)s rows: %(created)s would be added, %(updated)s "
                    "updated and %(unchanged)s are unchanged. Nothing was saved."
                )
                % values
            )
        return (
            _(
                "Imported %(rows)s rows: %(created)s added, %(updated)s updated and "
                "%(unchanged)s unchanged."
            )
            % values
        )


class ImportFileError(Exception):
    """The file as a whole cannot be read (not UTF-8, no header...)."""

    def __init__(self, errors):
        super().__init__(str(errors[0]))
        self.errors = errors


# Parsing


def parse(data):
    """``(header, [(line, {column: value}), ...])`` from the bytes of a CSV file."""
    if isinstance(data, bytes):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            line = data[: error.start].count(b"\n") + 1
            raise ImportFileError(
                [
                    RowError(
                        line,
                        "",
                        _(
                            "The file is not UTF-8 text. Save it as “CSV UTF-8” and "
                            "import it again."
                        ),
                    )
                ]
            ) from error
    else:
        text = data.lstrip("\ufeff")
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader, None)
    except csv.Error as error:
        raise ImportFileError([RowError(1, "", str(error))]) from error
    if not header or not any(cell.strip() for cell in header):
        raise ImportFileError(
            [
                RowError(
                    1, "", _("The file is empty: the first line must name the columns.")
                )
            ]
        )
    header = [cell.strip().lower() for cell in header]
    rows = []
    previous_end = reader.line_num
    while True:
        start = previous_end + 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            raise ImportFileError(
                [
                    RowError(
                        start,
                        "",
                        _("The row cannot be read: %(error)s") % {"error": error},
                    )
                ]
            ) from error
        previous_end = reader.line_num
        if not any(cell.strip() for cell in cells):
            continue  # blank line
        if len(cells) != len(header):
            rows.append((start, {"__cells__": cells}))
            continue
        rows.append((start, dict(zip(header, cells, strict=True))))
    return header, rows


# Validation


def _lookup(choices):
    table = {}
    for code, label in choices:
        table[names.normalise(code)] = code
        table[names.normalise(code.replace("_", " "))] = code
        for language in LANGUAGES:
            with override(language):
                table[names.normalise(str(label))] = code
    return table


def _field_lengths():
    lengths = {}
    for model_field in FallenVolunteer._meta.fields:
        if getattr(model_field, "max_length", None):
            lengths[model_field.name] = model_field.max_length
    return lengths


def _unescape(value):
    """Undo the quote an export puts before a value a spreadsheet would run."""
    return unescape_formula(value.strip())


def text_to_richtext(text):
    """Plain text (paragraphs split by blank lines) as rich text HTML."""
    paragraphs = [part.strip() for part in re.split(r"\n\s*\n", text) if part.strip()]
    return "".join(
        "<p>{}</p>".format(
            "<br/>".join(html.escape(line) for line in part.splitlines())
        )
        for part in paragraphs
    )


def richtext_to_text(value):
    """Rich text HTML as plain text: paragraphs split by blank lines."""
    value = re.sub(r"<br\s*/?>", "\n", value or "")
    value = re.sub(r"</(p|h[1-6]|li|ul|ol)>", "\n\n", value)
    text = html.unescape(strip_tags(value))
    paragraphs = [
        "\n".join(line.strip() for line in part.strip().splitlines())
        for part in re.split(r"\n\s*\n", text)
    ]
    return "\n\n".join(part for part in paragraphs if part)


@dataclass
class CleanRow:
    line: int
    values: dict


def validate(header, rows, progress=None):
    """``(clean_rows, errors)``: every problem of every row, with its line number."""
    errors = []
    known = set(columns()) | IGNORED
    for name in header:
        if name not in known:
            errors.append(
                RowError(
                    1,
                    name,
                    _("Unknown column. The columns are described in the import guide."),
                )
            )
    for name in REQUIRED:
        if name not in header:
            errors.append(RowError(1, name, _("This required column is missing.")))
    duplicates = {name for name in header if header.count(name) > 1}
    for name in sorted(duplicates):
        errors.append(RowError(1, name, _("This column appears more than once.")))
    if errors:
        return [], errors

    governorates = _lookup(Governorate.choices)
    causes = _lookup(Cause.choices)
    consents = _lookup(Consent.choices)
    lengths = _field_lengths()
    earliest = datetime.date.fromisoformat(EARLIEST_DATE)
    today = timezone.localdate()
    seen_ids = {}
    seen_slugs = {}
    clean = []
    photo_ids = {}

    def too_long(line, column, value):
        limit = lengths.get(column)
        if limit and len(value) > limit:
            errors.append(
                RowError(
                    line,
                    column,
                    _(
                        "The text is too long (%(length)s characters; at most "
                        "%(limit)s)."
                    )
                    % {"length": len(value), "limit": limit},
                )
            )
            return True
        return False

    def date(line, row, column, required):
        raw = _unescape(row.get(column, "")).translate(ASCII_DIGITS)
        if not raw:
            if required:
                errors.append(RowError(line, column, _("A date is required.")))
            return None
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw):
            errors.append(
                RowError(
                    line,
                    column,
                    _("“%(value)s” is not a date written as YYYY-MM-DD.")
                    % {"value": raw},
                )
            )
            return None
        try:
            return datetime.date.fromisoformat(raw)
        except ValueError:
            errors.append(
                RowError(
                    line, column, _("“%(value)s” is not a real date.") % {"value": raw}
                )
            )
            return None

    def boolean(line, row, column):
        raw = _unescape(row.get(column, "")).lower()
        if raw in TRUE:
            return True
        if raw not in FALSE:
            errors.append(
                RowError(
                    line,
                    column,
                    _("“%(value)s” is not yes or no.") % {"value": raw},
                )
            )
        return False

    def choice(line, row, column, table, message):
        raw = _unescape(row.get(column, ""))
        if not raw:
            errors.append(RowError(line, column, _("A value is required.")))
            return None
        code = table.get(names.normalise(raw))
        if code is None:
            errors.append(
                RowError(
                    line,
                    column,
                    message
                    % {
                        "value": raw,
                        "codes": ", ".join(sorted(set(table.values()))),
                    },
                )
            )
        return code

    for number, (line, row) in enumerate(rows, start=1):
        if progress and number % PROGRESS_EVERY == 0:
            progress("validate", number, len(rows))
        if "__cells__" in row:
            errors.append(
                RowError(
                    line,
                    "",
                    _("The row has %(found)s cells; the header has %(expected)s.")
                    % {"found": len(row["__cells__"]), "expected": len(header)},
                )
            )
            continue
        values = {}
        external_id = _unescape(row.get("external_id", ""))
        if not external_id:
            errors.append(RowError(line, "external_id", _("An id is required.")))
        elif too_long(line, "external_id", external_id):
            pass
        elif external_id in seen_ids:
            errors.append(
                RowError(
                    line,
                    "external_id",
                    _("The id “%(value)s” is already used on line %(line)s.")
                    % {"value": external_id, "line": seen_ids[external_id]},
                )
            )
        else:
            seen_ids[external_id] = line
        values["external_id"] = external_id

        slug = _unescape(row.get("slug", "")).lower()
        if slug:
            if too_long(line, "slug", slug):
                pass
            elif not ADDRESS.fullmatch(slug):
                errors.append(
                    RowError(
                        line,
                        "slug",
                        _(
                            "“%(value)s” cannot be used in an address: use lower-case "
                            "letters a–z, digits and hyphens."
                        )
                        % {"value": slug},
                    )
                )
            elif slug in seen_slugs:
                errors.append(
                    RowError(
                        line,
                        "slug",
                        _("The address “%(value)s” is already used on line %(line)s.")
                        % {"value": slug, "line": seen_slugs[slug]},
                    )
                )
            else:
                seen_slugs[slug] = line
        values["slug"] = slug

        for column in PLAIN_TEXT:
            if column not in header:
                continue
            value = _unescape(row.get(column, ""))
            too_long(line, column, value)
            values[column] = value
        for column in REQUIRED:
            if column.startswith("name_") and not values.get(column):
                errors.append(RowError(line, column, _("A name is required.")))

        values["date_of_death"] = date(line, row, "date_of_death", required=True)
        dod = values["date_of_death"]
        if dod and not earliest <= dod <= today:
            errors.append(
                RowError(
                    line,
                    "date_of_death",
                    _("The date must be between %(first)s and today.")
                    % {"first": EARLIEST_DATE},
                )
            )
        if "date_of_birth" in header:
            values["date_of_birth"] = date(line, row, "date_of_birth", required=False)
            dob = values["date_of_birth"]
            if dob and dod and dob >= dod:
                errors.append(
                    RowError(
                        line,
                        "date_of_birth",
                        _("The date of birth must be before the date of death."),
                    )
                )
            elif dob and dob.year < 1900:
                errors.append(
                    RowError(
                        line, "date_of_birth", _("The date of birth is too early.")
                    )
                )
        if "date_is_approximate" in header:
            values["date_is_approximate"] = boolean(line, row, "date_is_approximate")
        if "is_sample" in header:
            values["is_sample"] = boolean(line, row, "is_sample")

        values["governorate"] = choice(
            line,
            row,
            "governorate",
            governorates,
            _("“%(value)s” is not one of Syria's governorates. Use one of: %(codes)s."),
        )
        values["cause"] = choice(
            line,
            row,
            "cause",
            causes,
            _("“%(value)s” is not a known cause. Use one of: %(codes)s."),
        )
        values["consent"] = choice(
            line,
            row,
            "consent",
            consents,
            _("“%(value)s” is not a known consent. Use one of: %(codes)s."),
        )

        for code in LANGUAGES:
            column = f"tribute_{code}"
            if column in header:
                values[column] = _unescape(row.get(column, ""))

        if "photo_id" in header:
            raw = _unescape(row.get("photo_id", ""))
            if raw and not raw.isdigit():
                errors.append(
                    RowError(
                        line,
                        "photo_id",
                        _("“%(value)s” is not an image number.") % {"value": raw},
                    )
                )
                values["photo_id"] = None
            else:
                values["photo_id"] = int(raw) if raw else None
                if raw:
                    photo_ids.setdefault(int(raw), line)
        clean.append(CleanRow(line, values))

    if photo_ids:
        found = set(
            get_image_model()
            .objects.filter(pk__in=list(photo_ids))
            .values_list("pk", flat=True)
        )
        for row in clean:
            photo = row.values.get("photo_id")
            if photo and photo not in found:
                errors.append(
                    RowError(
                        row.line,
                        "photo_id",
                        _("There is no image number %(value)s in the image library.")
                        % {"value": photo},
                    )
                )
    if seen_slugs:
        taken = _existing(
            "slug", list(seen_slugs), ("slug", "external_id")
        )  # slug -> external_id
        for row in clean:
            slug = row.values["slug"]
            if slug and slug in taken and taken[slug] != row.values["external_id"]:
                errors.append(
                    RowError(
                        row.line,
                        "slug",
                        _("The address “%(value)s” belongs to another record.")
                        % {"value": slug},
                    )
                )
    return clean, errors


def _existing(field_name, values, fields):
    """``{value: other}`` (or whole objects when ``fields`` is None), in batches."""
    found = {}
    for start in range(0, len(values), BATCH_SIZE):
        batch = values[start : start + BATCH_SIZE]
        queryset = FallenVolunteer.objects.filter(**{f"{field_name}__in": batch})
        if fields is None:
            for obj in queryset:
                found[getattr(obj, field_name)] = obj
        else:
            for key, other in queryset.values_list(*fields):
                found[key] = other
    return found


# Planning and writing


@dataclass
class Plan:
    create: list = field(default_factory=list)
    update: list = field(default_factory=list)
    unchanged: int = 0


def _apply(obj, values):
    """Set ``values`` on ``obj``; True when anything changed."""
    changed = False
    for name, value in values.items():
        if name == "slug" and not value:
            continue  # an existing record keeps its address
        if name == "external_id":
            continue
        if name.startswith("tribute_"):
            # Compared as text: formatting made in the admin survives a re-import
            # of an unchanged tribute.
            new = text_to_richtext(value)
            if richtext_to_text(getattr(obj, name) or "") != richtext_to_text(new):
                setattr(obj, name, new)
                changed = True
            continue
        current = getattr(obj, name)
        if current is None and value == "":
            continue  # an empty translation is stored as NULL
        if current != value:
            setattr(obj, name, value)
            changed = True
    return changed


def plan(clean_rows):
    existing = _existing(
        "external_id", [row.values["external_id"] for row in clean_rows], None
    )
    result = Plan()
    for row in clean_rows:
        obj = existing.get(row.values["external_id"])
        if obj is None:
            obj = FallenVolunteer(external_id=row.values["external_id"])
            _apply(obj, row.values)
            obj.update_search_key()
            result.create.append(obj)
        else:
            before = obj.search_key
            changed = _apply(obj, row.values)
            obj.update_search_key()
            if changed or obj.search_key != before:
                result.update.append(obj)
            else:
                result.unchanged += 1
    return result


WRITE_FIELDS = [
    "slug",
    "other_names",
    "date_of_death",
    "date_is_approximate",
    "date_of_birth",
    "governorate",
    "cause",
    "photo",
    "consent",
    "source_note",
    "is_sample",
    "search_key",
    "updated_at",
] + [f"{name}_{code}" for name in TRANSLATED for code in LANGUAGES]


def write(the_plan, publish=True, user=None, progress=None):
    """Write the plan in one transaction, with a revision for every record written."""
    now = timezone.now()
    total = len(the_plan.create) + len(the_plan.update)
    with transaction.atomic():
        # New records: a temporary unique address until their id is known.
        for obj in the_plan.create:
            obj.created_at = obj.updated_at = now
            if not obj.slug:
                obj.slug = f"import-{uuid.uuid4().hex}"
                obj._needs_slug = True
            obj.live = publish
            obj.has_unpublished_changes = not publish
            if publish:
                obj.first_published_at = obj.last_published_at = now
        created = []
        for start in range(0, len(the_plan.create), BATCH_SIZE):
            batch = the_plan.create[start : start + BATCH_SIZE]
            created += FallenVolunteer.objects.bulk_create(batch)
            if progress:
                progress("write", len(created), total)
        if any(obj.pk is None for obj in created):  # a database without RETURNING
            by_id = dict(
                FallenVolunteer.objects.filter(
                    external_id__in=[obj.external_id for obj in created]
                ).values_list("external_id", "pk")
            )
            for obj in created:
                obj.pk = obj.id = by_id[obj.external_id]
        taken = set()
        if any(getattr(obj, "_needs_slug", False) for obj in created):
            taken = set(
                FallenVolunteer.objects.filter(slug__startswith="v-").values_list(
                    "slug", flat=True
                )
            )
        for obj in created:
            if getattr(obj, "_needs_slug", False):
                slug = f"v-{obj.pk:06d}"
                suffix = 2
                while slug in taken:
                    slug = f"v-{obj.pk:06d}-{suffix}"
                    suffix += 1
                taken.add(slug)
                obj.slug = slug

        # Updated records: a live record saved as a draft keeps its public values.
        row_updates, draft_only = [], []
        for obj in the_plan.update:
            obj.updated_at = now
            if publish:
                obj.live = True
                obj.has_unpublished_changes = False
                obj.last_published_at = now
                obj.first_published_at = obj.first_published_at or now
                row_updates.append(obj)
            elif obj.live:
                obj.has_unpublished_changes = True
                draft_only.append(obj)
            else:
                obj.has_unpublished_changes = True
                row_updates.append(obj)

        revisions = _revisions([*created, *the_plan.update], user, now)
        for obj, revision in zip([*created, *the_plan.update], revisions, strict=True):
            obj.latest_revision = revision
            if publish:
                obj.live_revision = revision

        publishing = ["live", "has_unpublished_changes", "latest_revision"]
        publishing += ["live_revision", "first_published_at", "last_published_at"]
        # One UPDATE per record: linear in the number of rows, where bulk_update's
        # CASE expressions grow with the square of the batch.
        _update_each(created, ["slug", "latest_revision", "live_revision"])
        done = len(created)
        fields = WRITE_FIELDS + publishing
        for start in range(0, len(row_updates), BATCH_SIZE):
            batch = row_updates[start : start + BATCH_SIZE]
            _update_each(batch, fields)
            done += len(batch)
            if progress:
                progress("write", done, total)
        _update_each(draft_only, ["has_unpublished_changes", "latest_revision"])
        # A withdrawal takes effect now, draft or not (memorial/models.py).
        live_consents = _existing(
            "pk", [obj.pk for obj in draft_only], ("pk", "consent")
        )
        for obj in draft_only:
            if withdraws_consent(live_consents.get(obj.pk), obj.consent):
                FallenVolunteer.withdraw_live_consent(obj.pk, obj.consent)
        transaction.on_commit(records_changed)
    logger.info(
        "Memorial import: %s added, %s updated, %s unchanged (publish=%s)",
        len(created),
        len(the_plan.update),
        the_plan.unchanged,
        publish,
    )


def _update_each(objects, fields):
    columns = [FallenVolunteer._meta.get_field(name).attname for name in fields]
    for obj in objects:
        FallenVolunteer.objects.filter(pk=obj.pk).update(
            **{column: getattr(obj, column) for column in columns}
        )


def _revisions(objects, user, now):
    if not objects:
        return []
    content_type = FallenVolunteer.get_content_type()
    base_content_type = FallenVolunteer.get_base_content_type()
    revisions = [
        Revision(
            content_type=content_type,
            base_content_type=base_content_type,
            object_id=str(obj.pk),
            created_at=now,
            user=user if user is not None and user.is_authenticated else None,
            object_str=str(obj)[:255],
            content=obj.serializable_data(),
        )
        for obj in objects
    ]
    saved = []
    for start in range(0, len(revisions), BATCH_SIZE):
        saved += Revision.objects.bulk_create(revisions[start : start + BATCH_SIZE])
    if any(revision.pk is None for revision in saved):  # no RETURNING
        ids = {
            revision.object_id: revision
            for revision in Revision.objects.filter(
                content_type=content_type,
                created_at=now,
                object_id__in=[str(obj.pk) for obj in objects],
            )
        }
        saved = [ids[str(obj.pk)] for obj in objects]
    return saved


def records_changed():
    """Bulk writes send no signals: refresh the figures and the page cache."""
    from core import cache as page_cache

    from . import queries

    queries.invalidate()
    page_cache.invalidate()


def import_file(
    data,
    *,
    dry_run=False,
    publish=True,
    user=None,
    progress: Callable | None = None,
):
    """Check and import a CSV file (bytes or text); all or nothing.

    ``progress(stage, done, total)`` is called every ``PROGRESS_EVERY`` rows.
    """
    result = ImportResult(dry_run=dry_run, published=publish)
    try:
        header, rows = parse(data)
    except ImportFileError as error:
        result.errors = error.errors
        return result
    result.rows = len(rows)
    clean, errors = validate(header, rows, progress=progress)
    if not rows and not errors:
        errors = [RowError(2, "", _("The file has a header but no rows."))]
    if errors:
        result.errors = sorted(errors, key=lambda error: error.line)
        return result
    the_plan = plan(clean)
    result.created = len(the_plan.create)
    result.updated = len(the_plan.update)
    result.unchanged = the_plan.unchanged
    if not dry_run:
        write(the_plan, publish=publish, user=user, progress=progress)
    return result
