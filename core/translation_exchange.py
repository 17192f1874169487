"""Offline translation: pages' translatable text out as PO or XLIFF and back.

``units`` is the one definition of what is translatable; the formats
(``translation_formats``: PO, XLIFF 1.2, XLIFF 2.0) only write and read those units.
Each unit is one piece of text: its id names where it lives (a field,
``introduction``; a row, ``questions.12.question``; a block in a StreamField,
``body/<block id>/text``), with the English as it was exported and the translation.
Importing checks everything, in whichever format, before saving anything: an id that is
not on the page, English changed since the export, broken rich-text markup and
placeholders that differ from the English are reported by line; with no error, the
translations of each page are saved together as one new draft revision (every page of
the file or none), which then goes through the workflow.

An Arabic StreamField that is still empty is started from the English one's blocks
(same blocks, text emptied) so each block's translation has a place; one whose blocks
differ from the English reports the entries it has no block for.
"""

import copy
import re
from dataclasses import dataclass
from html.parser import HTMLParser

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from modelcluster.models import get_all_child_relations
from wagtail import blocks
from wagtail.fields import RichTextField, StreamField

from .shared_values import is_shared
from .translation_formats import FORMATS, Unreadable, _title, detect
from .translation_status import translated_fields

PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*\}")
VOID_TAGS = {"br", "hr", "img", "embed", "input", "meta", "link"}


@dataclass
class Unit:
    key: str
    label: str
    source: str
    translation: str
    rich: bool


def _localized(base, language):
    return f"{base}_{language.replace('-', '_')}"


def _raw(stream):
    return list(stream.get_prep_value()) if stream is not None else []


def _leaves(block, raw, path):
    """``(path, text, rich)`` for each text in a StreamField's raw data."""
    if isinstance(block, blocks.StreamBlock):
        for child in raw or []:
            child_block = block.child_blocks.get(child.get("type"))
            if child_block is not None and child.get("id"):
                yield from _leaves(
                    child_block, child.get("value"), [*path, child["id"]]
                )
    elif isinstance(block, blocks.StructBlock):
        for name, child_block in block.child_blocks.items():
            yield from _leaves(child_block, (raw or {}).get(name), [*path, name])
    elif isinstance(block, blocks.ListBlock):
        for item in raw or []:
            if isinstance(item, dict) and item.get("id"):
                yield from _leaves(
                    block.child_block, item.get("value"), [*path, item["id"]]
                )
    elif is_shared(block):  # a value every language shares: not translated
        return
    elif isinstance(block, blocks.RichTextBlock):
        yield path, raw or "", True
    elif isinstance(block, blocks.CharBlock | blocks.TextBlock):
        yield path, raw or "", False


def _find(raw, path):
    """The (container, key) holding the text at ``path`` in raw data, or None."""
    container, key = None, None
    node = raw
    for component in path:
        if isinstance(node, list):
            match = next(
                (
                    item
                    for item in node
                    if isinstance(item, dict) and item.get("id") == component
                ),
                None,
            )
            if match is None:
                return None
            container, key = match, "value"
        elif isinstance(node, dict) and component in node:
            container, key = node, component
        else:
            return None
        node = container[key]
    return container, key


def _blank_copy(block, raw):
    """``raw`` with every text emptied (the English blocks as the Arabic's start)."""
    raw = copy.deepcopy(raw)
    for path, _text, _rich in list(_leaves(block, raw, [])):
        found = _find(raw, path)
        if found:
            found[0][found[1]] = ""
    return raw


def _object_units(obj, language, prefix, label_prefix):
    """The translatable texts of one object (a page or one of its rows)."""
    source_language = settings.LANGUAGE_CODE
    model = type(obj)
    for base in translated_fields(model):
        field = model._meta.get_field(base)
        label = f"{label_prefix}{field.verbose_name}"
        if isinstance(field, StreamField):
            source = _raw(getattr(obj, _localized(base, source_language)))
            target = _raw(getattr(obj, _localized(base, language)))
            for path, text, rich in _leaves(field.stream_block, source, []):
                if not text:
                    continue
                found = _find(target, path)
                translation = found[0][found[1]] if found else ""
                key = prefix + "/".join([base, *path])
                yield Unit(key, label, text, translation or "", rich)
        else:
            source = getattr(obj, _localized(base, source_language)) or ""
            if source:
                yield Unit(
                    prefix + base,
                    label,
                    source,
                    getattr(obj, _localized(base, language)) or "",
                    isinstance(field, RichTextField),
                )


def withheld_fields(obj):
    """The translated fields of ``obj`` that never leave the admin in a file.

    A memorial record's file holds the texts a translator needs and no more: its
    photo's description only when the family agreed to show the photo. What is for
    staff alone (the source note, the consent, the external id, the date of birth)
    and the other spellings are not translated fields, so never in a file."""
    from memorial.models import Consent, FallenVolunteer

    if isinstance(obj, FallenVolunteer) and obj.consent != Consent.NAME_AND_PHOTO:
        return {"photo_alt"}
    return set()


def units(page, language):
    """Every translatable text of ``page`` (as its latest draft has it) and of its
    rows (FAQ questions and their answers' blocks, categories...)."""
    withheld = withheld_fields(page)
    for unit in _object_units(page, language, "", ""):
        if unit.key.split("/")[0] not in withheld:
            yield unit
    for relation in get_all_child_relations(type(page)):
        accessor = relation.get_accessor_name()
        for child in getattr(page, accessor).all():
            if child.pk is not None:
                yield from _object_units(
                    child, language, f"{accessor}.{child.pk}.", f"{str(child)[:80]}: "
                )


def export_file(pages, language, fmt, kind="page"):
    """The file (text) in format ``fmt`` of ``pages``' translatable text for
    ``language`` (each page as given: pass the latest drafts); ``kind``: what they
    are, ``"page"`` or ``"memorial-record"``."""
    return fmt.write(
        [(page, list(units(page, language))) for page in pages], language, kind
    )


def export_po(page, language):
    """The PO file (text) of ``page``'s translatable text for ``language``."""
    return export_file([page], language, FORMATS["po"])


class _Markup(HTMLParser):
    """Collects what is wrong with a piece of rich text's tags."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.open = []
        self.problems = []

    def handle_starttag(self, tag, attrs):
        if tag not in VOID_TAGS:
            self.open.append(tag)

    def handle_endtag(self, tag):
        if tag in VOID_TAGS:
            return
        if not self.open:
            self.problems.append(_("“</%(tag)s>” closes nothing open") % {"tag": tag})
        elif self.open[-1] != tag:
            self.problems.append(
                _("“</%(tag)s>” comes before “</%(open)s>”")
                % {"tag": tag, "open": self.open[-1]}
            )
        else:
            self.open.pop()


def markup_problem(text):
    """A short description of broken markup in ``text``, or None."""
    parser = _Markup()
    parser.feed(text)
    parser.close()
    if parser.problems:
        return parser.problems[0]
    if parser.open:
        return _("“<%(tag)s>” is never closed") % {"tag": parser.open[-1]}
    if "<" in re.sub(r"<[^<>]*>", "", text):
        return _("a “<” starts a tag that never ends")
    return None


class ImportFailed(Exception):
    def __init__(self, errors):
        super().__init__("; ".join(errors))
        self.errors = errors


def _hold_rows(page):
    """Keep ``page``'s rows in memory, so what is put on them is what is saved."""
    for relation in get_all_child_relations(type(page)):
        accessor = relation.get_accessor_name()
        setattr(page, accessor, list(getattr(page, accessor).all()))


def _check(page, language, entries, kind="page"):
    """The changes ``entries`` make to ``page`` and what is wrong with them."""
    _hold_rows(page)
    current = {unit.key: unit for unit in units(page, language)}
    changes, errors, seen = [], [], {}
    for entry in entries:
        if not entry.target:
            continue
        line = entry.line
        unit = current.get(entry.key)
        if entry.key in seen:
            errors.append(
                _("Line %(line)s: “%(id)s” is already translated on line %(first)s.")
                % {"line": line, "id": entry.key, "first": seen[entry.key]}
            )
            continue
        seen[entry.key] = line
        if unit is None:
            message = (
                _("Line %(line)s: “%(id)s” is not in this record.")
                if kind == "memorial-record"
                else _("Line %(line)s: “%(id)s” is not on this page.")
            )
            errors.append(message % {"line": line, "id": entry.key})
            continue
        if entry.source != unit.source:
            errors.append(
                _(
                    "Line %(line)s: the English of “%(id)s” has changed since the "
                    "export; export again."
                )
                % {"line": line, "id": entry.key}
            )
            continue
        if unit.rich:
            problem = markup_problem(entry.target)
            if problem:
                errors.append(
                    _("Line %(line)s: broken markup: %(problem)s.")
                    % {"line": line, "problem": problem}
                )
                continue
        if sorted(PLACEHOLDER.findall(entry.target)) != sorted(
            PLACEHOLDER.findall(entry.source)
        ):
            errors.append(
                _("Line %(line)s: the placeholders differ from the English.")
                % {"line": line}
            )
            continue
        if entry.target != unit.translation:
            changes.append((line, unit, entry.target))
    errors.extend(_apply(page, language, changes))
    return changes, errors


KIND_NAMES = {
    "page": _lazy("This file holds memorial records, not pages."),
    "memorial-record": _lazy("This file holds pages, not memorial records."),
}


def import_file(text, language, resolve, user=None, fmt=None, kind="page"):
    """Check a file (PO or XLIFF, ``fmt`` or recognised from ``text``) in
    ``language`` and save each page's translations as one new draft revision, all
    pages or none. ``resolve(page_ids)`` gives ``({page id: latest draft},
    errors)`` for the pages the file names that may be changed here. Returns the
    revisions saved; raises ImportFailed with every problem (by line) otherwise."""
    fmt = fmt or detect(text)
    try:
        parsed = fmt.read(text)
    except Unreadable as error:
        raise ImportFailed([str(error)]) from error
    if parsed.kind != kind and parsed.kind in KIND_NAMES:
        raise ImportFailed([str(KIND_NAMES[kind])])
    pages, errors = resolve(parsed.page_ids)
    if parsed.language != language:
        errors.append(
            _("This file is in “%(file)s”, not “%(language)s”.")
            % {"file": parsed.language, "language": language}
        )
    changed = []
    for page_id, page in pages.items():
        entries = [entry for entry in parsed.entries if entry.page_id == page_id]
        changes, page_errors = _check(page, language, entries, kind)
        if len(pages) > 1:
            page_errors = [f"{_title(page)}: {error}" for error in page_errors]
        errors.extend(page_errors)
        if changes:
            changed.append(page)
    errors.extend(
        _("Line %(line)s: the file names no page for this text.") % {"line": e.line}
        for e in parsed.entries
        if e.target and e.page_id not in parsed.page_ids
    )
    if errors:
        raise ImportFailed(errors)
    with transaction.atomic():
        return [page.save_revision(user=user, log_action=True) for page in changed]


def import_po(page, language, text, user=None, fmt=None):
    """Check a file for ``page`` alone in ``language`` and save its translations as
    one draft revision (None when it changes nothing); raises ImportFailed."""

    def resolve(page_ids):
        if page_ids != [str(page.pk)]:
            return {}, [_("This file was exported from another page.")]
        return {str(page.pk): page}, []

    revisions = import_file(text, language, resolve, user, fmt or FORMATS["po"])
    return revisions[0] if revisions else None


def import_page_file(page, language, text, user=None):
    """``import_po`` for a file of any format."""
    return import_po(page, language, text, user, detect(text))


def _place(page, key):
    """The object (the page or one of its rows), field and block path of ``key``."""
    head, *path = key.split("/")
    if "." not in head:
        return page, head, path
    accessor, pk, base = head.split(".")
    child = next(c for c in getattr(page, accessor).all() if str(c.pk) == pk)
    return child, base, path


def _apply(page, language, changes):
    """Put the translations on ``page`` and its rows (in memory); the entries that
    have no place."""
    errors = []
    streams = {}
    for line, unit, text in changes:
        obj, base, path = _place(page, unit.key)
        if not path:
            setattr(obj, _localized(base, language), text)
            continue
        field = type(obj)._meta.get_field(base)
        if (id(obj), base) not in streams:
            target = _raw(getattr(obj, _localized(base, language)))
            if not target:
                source = _raw(getattr(obj, _localized(base, settings.LANGUAGE_CODE)))
                target = _blank_copy(field.stream_block, source)
            streams[id(obj), base] = (obj, target)
        found = _find(streams[id(obj), base][1], path)
        if found is None:
            errors.append(
                _(
                    "Line %(line)s: the %(language)s “%(field)s” has no block "
                    "“%(id)s”: its blocks differ from the English."
                )
                % {
                    "line": line,
                    "language": language,
                    "field": field.verbose_name,
                    "id": unit.key,
                }
            )
            continue
        found[0][found[1]] = text
    for (_obj_id, base), (obj, raw) in streams.items():
        setattr(obj, _localized(base, language), raw)
    return errors
