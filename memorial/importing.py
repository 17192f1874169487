"""Import memorial records from a CSV file (the format is in docs/memorial-import.md and
in the admin's column guide, both made from ``COLUMNS``).

file → ``parse`` (rows with their line numbers) → ``validate`` (every error of every row
collected) → ``plan`` (what would be created, updated or left alone) → ``write`` (one
transaction). A file with any bad row changes nothing. The admin upload view and the
``import_memorial`` command both call ``import_file``.

Each row is checked by the admin's own form of a record
(``memorial.forms.FallenVolunteerForm``, built once per file for the columns it has),
so a value the admin refuses is refused in a file, with the same message. What is
checked here is only what belongs to a file: its columns, the way values are written
in it (dates as YYYY-MM-DD, yes or no, codes or names), ids and addresses repeated
within the file, and addresses taken by other records, checked for the whole file at
once.

A row is matched to a record by its ``external_id``: importing the same list again
updates the records instead of adding new ones, and rows whose values have not changed
are left alone. Each record written gets a revision, so its history in the admin shows
the import; with ``publish`` the records go live at once, otherwise new and changed
records are saved as drafts for review, except that a consent lowered by the file
(withdrawn) changes the live record at once, as a draft saved in the admin does.
Records are written in bulk (a few statements per thousand rows), so no model signal
is sent: ``records_changed`` refreshes what the signals would have.
"""

import csv
import datetime
import functools
import html
import io
import logging
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

from django import forms
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import connection, models, transaction
from django.db.models.base import ModelState
from django.utils import timezone
from django.utils.encoding import is_protected_type
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from django.utils.translation import get_language_info, ngettext, override
from django.utils.translation import gettext as _
from modelcluster.models import get_field_value
from wagtail.admin.panels import get_form_for_model
from wagtail.models import Revision

from core.spreadsheets import unescape_formula

from . import names
from .forms import FallenVolunteerForm
from .models import Cause, Consent, FallenVolunteer, Governorate, withdraws_consent

logger = logging.getLogger(__name__)

LANGUAGES = [code for code, _name in settings.LANGUAGES]
DEFAULT_LANGUAGE = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
TRANSLATED = ["name", "place", "centre", "role", "tribute", "photo_alt"]
PROGRESS_EVERY = 1000
BATCH_SIZE = 1000
# Dates typed with Arabic-Indic or Persian digits read as the same date.
ASCII_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
TRUE = {"1", "yes", "y", "true", "نعم"}
FALSE = {"", "0", "no", "n", "false", "لا"}


# The columns: one definition for the importer, the export, the guide and the sample


@dataclass(frozen=True)
class Column:
    """One column of the file.

    ``field`` is the record's field it fills (checked by the record's form), ``kind``
    how its values are written, ``examples`` three values of the sample file (people
    who never existed).
    """

    name: str
    field: str | None
    kind: str  # text, multiline, richtext, date, boolean, choice, image, ignored
    required: bool = False
    choices: type | None = None
    language: str | None = None
    examples: tuple = ("", "", "")

    @cached_property
    def model_field(self):
        name = self.field or self.name
        try:
            return FallenVolunteer._meta.get_field(name)
        except FieldDoesNotExist:  # a column with no field: "status"
            return None

    @property
    def label(self):
        """The field's name as the admin shows it, with its language."""
        if self.model_field is None:
            return _("Status")
        label = str(self.model_field.verbose_name)
        label = label[:1].upper() + label[1:]
        if self.language:
            language = get_language_info(self.language)["name_translated"]
            label = f"{label} ({language})"
        return label

    @property
    def description(self):
        if self.kind == "ignored":
            return _("Written by the staff export for information; ignored on import.")
        if self.name == "external_id":
            return _(
                "The record's id in your list: a file with the same id updates the "
                "record instead of adding another. Each id once per file."
            )
        text = str(self.model_field.help_text or "")
        if self.name == "slug":
            text += " " + _("Empty: made for a new record, kept for an existing one.")
        return text.strip()

    @property
    def format(self):
        limit = getattr(self.model_field, "max_length", None)
        if self.kind == "date":
            return _(
                "A date written as YYYY-MM-DD, such as 2016-05-12 (Arabic-Indic digits "
                "are read too)."
            )
        if self.kind == "boolean":
            return _("yes or no (also 1 or 0, نعم or لا); empty means no.")
        if self.kind == "choice":
            return _(
                "One of the codes below; the English or Arabic name is accepted too."
            )
        if self.kind == "image":
            return _(
                "The number of an image in the admin's image library (Images); empty "
                "for none."
            )
        if self.kind == "richtext":
            return _("Plain text; a blank line starts a new paragraph.")
        if self.kind == "ignored":
            return "—"
        if self.name == "slug":
            return _(
                "Lower-case letters a–z, digits and hyphens, at most %(limit)s "
                "characters."
            ) % {"limit": limit}
        if limit:
            return _("Text, at most %(limit)s characters.") % {"limit": limit}
        return _("Text of any length.")

    def codes(self):
        """``[(code, label), ...]`` in the admin's language."""
        if self.choices is None:
            return []
        return [(code, str(label)) for code, label in self.choices.choices]


def _translated(name, kind, examples, required_default=False):
    return [
        Column(
            f"{name}_{code}",
            f"{name}_{code}",
            kind,
            required=required_default and code == DEFAULT_LANGUAGE,
            language=code,
            examples=examples.get(code, ("", "", "")),
        )
        for code in LANGUAGES
    ]


COLUMNS = [
    Column(
        "external_id",
        "external_id",
        "text",
        required=True,
        examples=("EXAMPLE-001", "EXAMPLE-002", "EXAMPLE-003"),
    ),
    Column("slug", "slug", "text"),
    *_translated(
        "name",
        "text",
        {
            "en": (
                "Sample Volunteer One",
                "Sample Volunteer Two",
                "Sample Volunteer Three",
            ),
            "ar": ("متطوع تجريبي أول", "متطوعة تجريبية ثانية", "متطوع تجريبي ثالث"),
        },
        required_default=True,
    ),
    Column(
        "other_names",
        "other_names",
        "multiline",
        examples=("Sample Volunteer 1, Volunteer One", "", ""),
    ),
    Column(
        "date_of_death",
        "date_of_death",
        "date",
        required=True,
        examples=("2016-05-12", "2018-02-01", "2014-07-30"),
    ),
    Column(
        "date_is_approximate",
        "date_is_approximate",
        "boolean",
        examples=("no", "yes", ""),
    ),
    Column("date_of_birth", "date_of_birth", "date", examples=("1990-01-01", "", "")),
    Column(
        "governorate",
        "governorate",
        "choice",
        required=True,
        choices=Governorate,
        examples=("idlib", "rif_dimashq", "Aleppo"),
    ),
    *_translated(
        "place",
        "text",
        {"en": ("Sample Town", "Example Village", ""), "ar": ("بلدة تجريبية", "", "")},
    ),
    *_translated(
        "centre",
        "text",
        {"en": ("Example Centre", "", ""), "ar": ("مركز تجريبي", "", "")},
    ),
    *_translated(
        "role", "text", {"en": ("Rescuer", "Paramedic", ""), "ar": ("منقذ", "", "")}
    ),
    Column(
        "cause",
        "cause",
        "choice",
        required=True,
        choices=Cause,
        examples=("double_tap", "airstrike", "shelling"),
    ),
    *_translated(
        "tribute",
        "richtext",
        {
            "en": ("A fictitious tribute for this sample file.", "", ""),
            "ar": ("كلمة وفاء متخيلة لهذا الملف النموذجي.", "", ""),
        },
    ),
    Column("photo_id", "photo", "image"),
    *_translated("photo_alt", "text", {}),
    Column(
        "consent",
        "consent",
        "choice",
        required=True,
        choices=Consent,
        examples=("none", "none", "none"),
    ),
    Column(
        "source_note",
        "source_note",
        "multiline",
        examples=("Sample row: not a real person.",) * 3,
    ),
    Column("is_sample", "is_sample", "boolean", examples=("yes", "yes", "yes")),
]
# Written by the staff export for information, ignored on import.
IGNORED_COLUMNS = [Column("status", None, "ignored")]
BY_NAME = {column.name: column for column in COLUMNS + IGNORED_COLUMNS}
IGNORED = {column.name for column in IGNORED_COLUMNS}
REQUIRED = [column.name for column in COLUMNS if column.required]
# Filled through the record's form (``is_sample`` is not editable in the admin).
FORM_COLUMNS = [column for column in COLUMNS if column.name != "is_sample"]


def columns():
    """Every column of the format, in the order exports write them."""
    return [column.name for column in COLUMNS]


def guide():
    """The columns as the admin's column guide shows them (in the active language)."""
    return [
        {
            "name": column.name,
            "label": column.label,
            "required": column.required,
            "format": column.format,
            "description": column.description,
            "codes": column.codes(),
        }
        for column in COLUMNS + IGNORED_COLUMNS
    ]


def sample_csv():
    """A small file in the import format: every column, three fictitious people."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns())
    for number in range(3):
        writer.writerow([column.examples[number] for column in COLUMNS])
    return "\ufeff" + buffer.getvalue()  # a BOM: spreadsheets then read UTF-8


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
    """``{normalised code or name in any language: code}``."""
    table = {"": ""}
    for code, label in choices.choices:
        table[names.normalise(code)] = code
        table[names.normalise(code.replace("_", " "))] = code
        for language in LANGUAGES:
            with override(language):
                table[names.normalise(str(label))] = code
    return table


def _unescape(value):
    """Undo the quote an export puts before a value a spreadsheet would run."""
    value = value.strip()
    return unescape_formula(value) if value[:1] == "'" else value


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


class SharedFields(dict):
    """A form's fields that every row's form uses as they are: Django copies a form's
    fields for each instance, and nothing in a row's check changes them."""

    def __deepcopy__(self, memo):
        return self


class RowForm(FallenVolunteerForm):
    """The admin's form of a record, for one row of a file."""

    def validate_unique(self):
        """Ids and addresses are checked for the whole file at once (``validate``)."""

    def _clean_fields(self):
        """Django's, without a bound field for each value: a row's values are read
        from its dict as they are (no widget, no prefix, never disabled); each field's
        ``clean`` and the form's ``clean_<field>`` run as in the admin."""
        for name, form_field in self.fields.items():
            try:
                self.cleaned_data[name] = form_field.clean(self.data.get(name))
                clean = getattr(self, f"clean_{name}", None)
                if clean is not None:
                    self.cleaned_data[name] = clean()
            except ValidationError as error:
                self.add_error(name, error)


def row_form_class(header):
    """The record's admin form for the columns of ``header``, built once per file:
    every value read as the text (or date, or yes/no) the file holds."""
    fields = [
        column.field
        for column in FORM_COLUMNS
        if column.name in header and column.field is not None
    ]
    form_class = get_form_for_model(
        FallenVolunteer,
        form_class=RowForm,
        fields=fields,
        widgets={name: forms.TextInput for name in fields},
    )
    for form_field in form_class.base_fields.values():
        form_field.help_text = ""  # never shown; translated again for each row
    form_class.base_fields = SharedFields(form_class.base_fields)
    return form_class


@dataclass
class CleanRow:
    line: int
    obj: FallenVolunteer
    changed: bool = True
    live_consent: str | None = None


def _header_errors(header):
    errors = []
    for name in header:
        if name not in BY_NAME:
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
    return errors


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


# What a row's form may change, compared to tell an unchanged row.
COMPARED = [
    model_field.attname
    for model_field in FallenVolunteer._meta.concrete_fields
    if model_field.name
    in {column.field for column in COLUMNS if column.field} | {"search_key"}
]


CONSENT_INDEX = COMPARED.index("consent")


def _new_record(blank):
    """A new record with the defaults of ``blank``: a copy, as making each of 10,000
    records works out every translated field's default again."""
    obj = FallenVolunteer.__new__(FallenVolunteer)
    obj.__dict__.update(blank.__dict__)
    obj._state = ModelState()
    return obj


def _snapshot(obj):
    return [getattr(obj, name) for name in COMPARED]


def validate(header, rows, progress=None):
    """``(clean_rows, errors)``: every problem of every row, with its line number.

    Each clean row carries its record (new, or the existing one with the file's
    values set) and whether anything changed.
    """
    errors = _header_errors(header)
    if errors:
        return [], errors
    form_class = row_form_class(header)
    lookups = {
        column.name: _lookup(column.choices)
        for column in COLUMNS
        if column.choices is not None and column.name in header
    }
    dates = [c.name for c in COLUMNS if c.kind == "date" and c.name in header]
    booleans = [c.name for c in COLUMNS if c.kind == "boolean" and c.name in header]
    tributes = [c.name for c in COLUMNS if c.kind == "richtext" and c.name in header]
    plain = [
        c.name
        for c in FORM_COLUMNS
        if c.kind in ("text", "multiline", "image") and c.name in header
    ]
    field_columns = {c.field: c.name for c in COLUMNS if c.field}

    blank = FallenVolunteer()
    ids = [_unescape(row.get("external_id", "")) for _line, row in rows]
    existing = _existing("external_id", [value for value in ids if value], None)
    seen_ids = {}
    seen_slugs = {}
    clean = []
    # Tributes are often the same from row to row (empty, or a set phrase).
    as_text = functools.lru_cache(maxsize=1024)(richtext_to_text)

    for number, ((line, row), external_id) in enumerate(
        zip(rows, ids, strict=True), start=1
    ):
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
        row_errors = []
        data = {}
        # How the file writes values: read into what the form expects.
        for name in plain:
            data[name] = _unescape(row[name])
        data["photo"] = data.pop("photo_id", None)
        for name in dates:
            raw = _unescape(row[name]).translate(ASCII_DIGITS)
            if raw and not ISO_DATE.fullmatch(raw):
                row_errors.append(
                    RowError(
                        line,
                        name,
                        _("“%(value)s” is not a date written as YYYY-MM-DD.")
                        % {"value": raw},
                    )
                )
                raw = ""
            data[name] = raw
        for name in booleans:
            raw = _unescape(row[name]).lower()
            if raw not in TRUE and raw not in FALSE:
                row_errors.append(
                    RowError(
                        line,
                        name,
                        _("“%(value)s” is not yes or no.") % {"value": raw},
                    )
                )
            data[name] = raw in TRUE
        for name, table in lookups.items():
            raw = _unescape(row[name])
            if raw not in table:  # (each spelling normalised once per file)
                table[raw] = table.get(names.normalise(raw), raw)
            data[name] = table[raw]
        for name in tributes:
            data[name] = text_to_richtext(_unescape(row[name]))
        is_sample = data.pop("is_sample", None)

        if not external_id:
            row_errors.append(RowError(line, "external_id", _("An id is required.")))
        elif external_id in seen_ids:
            row_errors.append(
                RowError(
                    line,
                    "external_id",
                    _("The id “%(value)s” is already used on line %(line)s.")
                    % {"value": external_id, "line": seen_ids[external_id]},
                )
            )
        else:
            seen_ids[external_id] = line
        slug = data.get("slug")
        if slug:
            if slug in seen_slugs:
                row_errors.append(
                    RowError(
                        line,
                        "slug",
                        _("The address “%(value)s” is already used on line %(line)s.")
                        % {"value": slug, "line": seen_slugs[slug]},
                    )
                )
            else:
                seen_slugs[slug] = line

        obj = existing.get(external_id)
        before = None
        if obj is None:
            obj = _new_record(blank)
        else:
            before = _snapshot(obj)
            old_tributes = {name: getattr(obj, name) for name in tributes}
            if not slug:
                data["slug"] = obj.slug  # an existing record keeps its address
        form = form_class(data, instance=obj)
        if not form.is_valid():
            reported = {error.column for error in row_errors}
            for name, messages in form.errors.items():
                column = field_columns.get(name, "") if name != "__all__" else ""
                if column in reported:
                    continue  # already said how the file wrote it
                row_errors.append(RowError(line, column, " ".join(messages)))
        if row_errors:
            errors += row_errors
            continue
        if is_sample is not None:
            obj.is_sample = is_sample
        # The id as the file has it: the key the next import matches on.
        obj.external_id = external_id
        if before is None:
            obj.update_search_key()
            clean.append(CleanRow(line, obj))
            continue
        for name, old in old_tributes.items():
            # Compared as text: formatting made in the admin survives a re-import of
            # an unchanged tribute.
            new = getattr(obj, name)
            if old != new and as_text(old or "") == as_text(new):
                setattr(obj, name, old)
        for name, old in zip(COMPARED, before, strict=True):
            # Spaces around a value that the form takes off are no change either.
            new = getattr(obj, name)
            if isinstance(old, str) and new is not None and old.strip() == new != old:
                setattr(obj, name, old)
        obj.update_search_key()
        changed = _snapshot(obj) != before
        clean.append(
            CleanRow(line, obj, changed=changed, live_consent=before[CONSENT_INDEX])
        )

    if seen_slugs:
        taken = _existing("slug", list(seen_slugs), ("slug", "external_id"))
        for row in clean:
            slug = row.obj.slug
            if slug and slug in taken and taken[slug] != row.obj.external_id:
                message = row.obj.unique_error_message(FallenVolunteer, ["slug"])
                errors.append(RowError(row.line, "slug", " ".join(message.messages)))
    return clean, errors


# Planning and writing


@dataclass
class Plan:
    create: list = field(default_factory=list)
    update: list = field(default_factory=list)
    unchanged: int = 0
    # pk → the consent the record has now (a draft may withdraw it).
    live_consents: dict = field(default_factory=dict)


def plan(clean_rows):
    result = Plan()
    for row in clean_rows:
        if row.obj.pk is None:
            result.create.append(row.obj)
        elif row.changed:
            result.update.append(row.obj)
            result.live_consents[row.obj.pk] = row.live_consent
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
PUBLISHING = [
    "live",
    "has_unpublished_changes",
    "latest_revision",
    "live_revision",
    "first_published_at",
    "last_published_at",
]


def _update_rows(objects, fields):
    """``UPDATE`` each of ``objects``' rows with its values of ``fields``, each row by
    its key, so the cost grows with the number of rows, not with its square. On
    PostgreSQL the values are copied into a temporary table and one ``UPDATE ...
    FROM`` writes them all; elsewhere one statement is sent for each row."""
    if not objects:
        return
    meta = FallenVolunteer._meta
    model_fields = [meta.get_field(name) for name in fields]
    quote = connection.ops.quote_name
    table, pk = quote(meta.db_table), quote(meta.pk.column)
    columns = [quote(model_field.column) for model_field in model_fields]
    readers = [_db_value(model_field, new=False) for model_field in model_fields]
    params = [[read(obj) for read in readers] + [obj.pk] for obj in objects]
    with connection.cursor() as cursor:
        if connection.vendor != "postgresql":
            sql = "UPDATE {} SET {} WHERE {} = %s".format(
                table, ", ".join(f"{column} = %s" for column in columns), pk
            )
            for start in range(0, len(params), BATCH_SIZE):
                cursor.executemany(sql, params[start : start + BATCH_SIZE])
            return
        values = quote("memorial_import_values")
        cursor.execute(
            f"CREATE TEMPORARY TABLE {values} ON COMMIT DROP AS "
            f"SELECT {', '.join(columns)}, {pk} FROM {table} WITH NO DATA"
        )
        update = (
            "UPDATE {} AS record SET {} FROM {} AS new WHERE record.{} = new.{}".format(
                table,
                ", ".join(f"{column} = new.{column}" for column in columns),
                values,
                pk,
                pk,
            )
        )
        # A thousand rows a statement: each stays well within the statement time-out.
        for start in range(0, len(params), BATCH_SIZE):
            _copy(cursor, values, [*columns, pk], params[start : start + BATCH_SIZE])
            cursor.execute(update)
            cursor.execute(f"TRUNCATE {values}")
        cursor.execute(f"DROP TABLE {values}")


def _copy(cursor, table, columns, rows):
    """``COPY`` ``rows`` (lists of values ready for the database) into ``table``:
    PostgreSQL's fastest way in, each value escaped by psycopg's C code. A thousand
    rows a statement, each well within the statement time-out."""
    sql = "COPY {} ({}) FROM STDIN".format(table, ", ".join(columns))
    for start in range(0, len(rows), BATCH_SIZE):
        with cursor.cursor.copy(sql) as copy:
            for row in rows[start : start + BATCH_SIZE]:
                copy.write_row(row)


# Values Django's fields send to PostgreSQL as they are (by internal type).
AS_THEY_ARE = {
    "CharField": (str,),
    "SlugField": (str,),
    "TextField": (str,),
    "BooleanField": (bool,),
    "IntegerField": (int,),
    "PositiveIntegerField": (int,),
    "PositiveSmallIntegerField": (int,),
    "SmallIntegerField": (int,),
    "BigIntegerField": (int,),
    "AutoField": (int,),
    "BigAutoField": (int,),
    "ForeignKey": (int,),
    "DateField": (datetime.date,),
}


def _django_methods(model_field, *names):
    """True when ``model_field``'s class uses Django's own ``names`` methods."""
    return all(
        getattr(type(model_field), name).__module__.startswith("django.db.models.")
        for name in names
    )


def _db_value(model_field, new=True):
    """``obj →`` the value of ``model_field`` sent to the database: for a ``new``
    row ``get_db_prep_save(pre_save(obj, True))`` (as ``bulk_create``), otherwise
    ``get_db_prep_save`` of the value the record holds. A value Django would send
    unchanged is read and sent as it is (the generic path costs a few calls for each
    of 10,000 × 50 values)."""

    def generic(obj):
        if new:
            value = model_field.pre_save(obj, True)
        else:
            value = getattr(obj, model_field.attname)
        return model_field.get_db_prep_save(value, connection)

    types = AS_THEY_ARE.get(model_field.get_internal_type())
    if (
        types is None
        or connection.vendor != "postgresql"
        or getattr(model_field, "auto_now", False)
        or getattr(model_field, "auto_now_add", False)
        or not _django_methods(
            model_field,
            "pre_save",
            "get_db_prep_save",
            "get_db_prep_value",
            "get_prep_value",
            "to_python",
        )
    ):
        return generic
    if model_field.remote_field is not None and not _django_methods(
        model_field.target_field,
        "get_db_prep_save",
        "get_db_prep_value",
        "get_prep_value",
        "to_python",
    ):
        return generic
    attname = model_field.attname

    def read(obj):
        value = getattr(obj, attname)
        if value is None or type(value) in types:
            return value
        return generic(obj)

    return read


def _insert(model, objects):
    """Insert ``objects`` (new, with no key) and give each its key.

    On PostgreSQL the keys are taken from the table's sequence and the rows sent with
    ``COPY``; elsewhere ``bulk_create`` writes them, a thousand at a time.
    """
    if not objects:
        return []
    if connection.vendor != "postgresql":
        saved = []
        for start in range(0, len(objects), BATCH_SIZE):
            saved += model.objects.bulk_create(objects[start : start + BATCH_SIZE])
        return saved
    meta = model._meta
    quote = connection.ops.quote_name
    model_fields = [
        model_field for model_field in meta.concrete_fields if model_field != meta.pk
    ]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) "
            "FROM generate_series(1, %s)",
            [meta.db_table, meta.pk.column, len(objects)],
        )
        keys = sorted(key for (key,) in cursor.fetchall())
        readers = [_db_value(model_field) for model_field in model_fields]
        rows = []
        for obj, key in zip(objects, keys, strict=True):
            rows.append([key] + [read(obj) for read in readers])
            obj.pk = key
            obj._state.adding = False
            obj._state.db = connection.alias
        _copy(
            cursor,
            quote(meta.db_table),
            [quote(meta.pk.column)]
            + [quote(model_field.column) for model_field in model_fields],
            rows,
        )
    return objects


def _new_addresses(created):
    """``v-000123`` for the new records given no address (never one already taken)."""
    needing = [obj for obj in created if getattr(obj, "_needs_slug", False)]
    wanted = [f"v-{obj.pk:06d}" for obj in needing]
    taken = set(_existing("slug", wanted, ("slug", "pk")))
    for obj, slug in zip(needing, wanted, strict=True):
        candidate, suffix = slug, 2
        while candidate in taken or (
            candidate != slug
            and FallenVolunteer.objects.filter(slug=candidate).exists()
        ):
            candidate = f"{slug}-{suffix}"
            suffix += 1
        taken.add(candidate)
        obj.slug = candidate


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
        created = _insert(FallenVolunteer, the_plan.create)
        if progress and created:
            progress("write", len(created), total)
        if any(obj.pk is None for obj in created):  # a database without RETURNING
            by_id = dict(
                FallenVolunteer.objects.filter(
                    external_id__in=[obj.external_id for obj in created]
                ).values_list("external_id", "pk")
            )
            for obj in created:
                obj.pk = obj.id = by_id[obj.external_id]
        _new_addresses(created)

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

        written = [*created, *the_plan.update]
        revisions = _revisions(written, user, now)
        for obj, revision in zip(written, revisions, strict=True):
            obj.latest_revision = revision
            if publish:
                obj.live_revision = revision

        _update_rows(created, ["slug", "latest_revision", "live_revision"])
        _update_rows(row_updates, WRITE_FIELDS + PUBLISHING)
        _update_rows(draft_only, ["has_unpublished_changes", "latest_revision"])
        if progress and the_plan.update:
            progress("write", total, total)
        # A withdrawal takes effect now, draft or not (memorial/models.py).
        for obj in draft_only:
            if withdraws_consent(the_plan.live_consents.get(obj.pk), obj.consent):
                FallenVolunteer.withdraw_live_consent(obj.pk, obj.consent)
        transaction.on_commit(records_changed)
    logger.info(
        "Memorial import: %s added, %s updated, %s unchanged (publish=%s)",
        len(created),
        len(the_plan.update),
        the_plan.unchanged,
        publish,
    )


def _revisions(objects, user, now):
    if not objects:
        return []
    content_type = FallenVolunteer.get_content_type()
    base_content_type = FallenVolunteer.get_base_content_type()
    user = user if user is not None and user.is_authenticated else None
    revisions = [
        Revision(
            content_type=content_type,
            base_content_type=base_content_type,
            object_id=str(obj.pk),
            created_at=now,
            user=user,
            object_str=str(obj)[:255],
            content=revision_content(obj),
        )
        for obj in objects
    ]
    saved = _insert(Revision, revisions)
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


def _plain(model_field):
    """True when a field's value is serialised as ``get_field_value`` would, read
    once: a column of the record itself, no value of its own made on save, written
    as its value or its text."""
    cls = type(model_field)
    return (
        model_field.remote_field is None
        and cls.pre_save is models.Field.pre_save
        and cls.value_to_string is models.Field.value_to_string
    )


SERIALISED = [
    (model_field.name, model_field, _plain(model_field))
    for model_field in FallenVolunteer._meta.fields
    if model_field.serialize
]


def revision_content(obj):
    """``obj.serializable_data()`` (a revision's content): the same dictionary, with
    each plain value read once (the generic path reads each translated field through
    its language fallbacks twice, for 10,000 records)."""
    content = {"pk": obj.pk}
    for name, model_field, plain in SERIALISED:
        if plain:
            value = getattr(obj, model_field.attname)
            if not (value is None or is_protected_type(value)):
                value = str(value)
        else:
            value = get_field_value(model_field, obj)
        content[name] = value
    return content


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
