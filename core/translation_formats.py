"""The files an offline translator works in: PO, XLIFF 1.2 and XLIFF 2.0.

Each format is a writer and a reader over the same units (``translation_exchange``
decides what the units are and checks what comes back): the writer turns the units of
one or more pages into a file; the reader turns a file back into ``Entry`` rows, each
with the line it starts on, the page it belongs to, its id, the English it was exported
with and the translation. A reader judges only the file's shape; everything about the
content is checked once, by the exchange, whatever the format.
"""

from dataclasses import dataclass

import polib
from django.conf import settings
from django.utils.translation import gettext as _
from lxml import etree


@dataclass
class Entry:
    line: int
    page_id: str
    key: str
    source: str
    target: str


@dataclass
class Parsed:
    language: str
    page_ids: list
    entries: list
    kind: str = "page"


# What a file holds: pages, or memorial records (which are not pages). The PO header
# naming the objects' ids, and the prefix of XLIFF's ``original``, say which.
KINDS = {"page": "X-Page-Id", "memorial-record": "X-Memorial-Record-Id"}


def _title(obj):
    return getattr(obj, "title", None) or str(obj)


class Unreadable(Exception):
    """The file is not one of this format (the message says why, translated)."""


# PO ---------------------------------------------------------------------------------


class PoFormat:
    """One entry per text: ``msgctxt`` is its id (prefixed with ``<page id>:`` when
    the file holds several pages), ``msgid`` the English, ``msgstr`` the translation;
    the page ids and language are in the header."""

    name = "po"
    label = "PO"
    extension = "po"
    content_type = "text/x-gettext-translation"

    def write(self, pages, language, kind="page"):
        several = len(pages) > 1
        ids = ", ".join(str(page.pk) for page, _units in pages)
        po = polib.POFile(wrapwidth=0)
        po.metadata = {
            "Project-Id-Version": f"{kind}s {ids}",
            "Language": language,
            "MIME-Version": "1.0",
            "Content-Type": "text/plain; charset=utf-8",
            "Content-Transfer-Encoding": "8bit",
            KINDS[kind]: ids,
        }
        for page, units in pages:
            for unit in units:
                po.append(
                    polib.POEntry(
                        msgctxt=f"{page.pk}:{unit.key}" if several else unit.key,
                        msgid=unit.source,
                        msgstr=unit.translation,
                        comment=f"{_title(page)}: {unit.label}",
                    )
                )
        return str(po)

    def read(self, text):
        try:
            po = polib.pofile(text)
        except (OSError, ValueError) as error:
            raise Unreadable(
                _("This is not a PO file: %(error)s") % {"error": error}
            ) from error
        kind = next((k for k, h in KINDS.items() if h in po.metadata), "page")
        page_ids = [
            pk.strip() for pk in po.metadata.get(KINDS[kind], "").split(",") if pk
        ]
        entries = []
        for entry in po:
            if entry.obsolete:
                continue
            page_id, key = (page_ids or [""])[0], entry.msgctxt or ""
            if len(page_ids) > 1:
                page_id, _sep, key = key.partition(":")
            entries.append(
                Entry(entry.linenum, page_id, key, entry.msgid, entry.msgstr)
            )
        return Parsed(po.metadata.get("Language", ""), page_ids, entries, kind)


# XLIFF ------------------------------------------------------------------------------

XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def _parse_xml(text):
    """The root element of ``text``: no DTD, no entities, no network."""
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        return etree.fromstring(text.encode("utf-8"), parser)
    except etree.XMLSyntaxError as error:
        raise Unreadable(
            _("This is not an XLIFF file: %(error)s") % {"error": error}
        ) from error


def _is_segment(child):
    """A CAT tool's sentence marker (XLIFF 1.2 ``<mrk mtype="seg">``) holding text."""
    return (
        isinstance(child.tag, str)
        and etree.QName(child).localname == "mrk"
        and child.get("mtype") == "seg"
        and not len(child)
    )


def _text(element, line):
    """The text of a ``<source>`` or ``<target>``: rich text travels escaped, so an
    element inside one (other than a tool's sentence markers, whose text is kept) is
    inline markup this site cannot take back."""
    if element is None:
        return ""
    parts = [element.text or ""]
    for child in element:
        if not _is_segment(child):
            raise Unreadable(
                _(
                    "Line %(line)s: the text holds XML elements; keep the HTML tags "
                    "as text (escaped), as they were exported."
                )
                % {"line": line}
            )
        parts += [child.text or "", child.tail or ""]
    return "".join(parts)


def _page_id(original):
    """``(kind, id)`` of a ``<file original="page/12">``."""
    kind, _sep, pk = original.rpartition("/")
    return kind, pk


def _kind(kinds):
    """The one kind of object a file's ``<file>`` elements hold ("" if mixed)."""
    return kinds.pop() if len(kinds) == 1 else ("page" if not kinds else "")


def _serialize(root):
    return etree.tostring(
        root, xml_declaration=True, encoding="UTF-8", pretty_print=True
    ).decode("utf-8")


class Xliff12Format:
    """XLIFF 1.2: a ``<file original="page/<id>">`` per page, a ``<trans-unit>`` per
    text, its ``id`` the text's id; HTML is kept as escaped text
    (``datatype="html"``)."""

    name = "xliff"
    label = "XLIFF 1.2"
    extension = "xlf"
    content_type = "application/x-xliff+xml"
    namespace = "urn:oasis:names:tc:xliff:document:1.2"

    def write(self, pages, language, kind="page"):
        ns = f"{{{self.namespace}}}"
        root = etree.Element(ns + "xliff", nsmap={None: self.namespace})
        root.set("version", "1.2")
        for page, units in pages:
            file = etree.SubElement(root, ns + "file")
            file.set("original", f"{kind}/{page.pk}")
            file.set("source-language", settings.LANGUAGE_CODE)
            file.set("target-language", language)
            file.set("datatype", "html")
            file.set("product-name", _title(page))
            body = etree.SubElement(file, ns + "body")
            for unit in units:
                element = etree.SubElement(body, ns + "trans-unit")
                element.set("id", unit.key)
                element.set("resname", unit.key)
                element.set(XML_SPACE, "preserve")
                etree.SubElement(element, ns + "source").text = unit.source
                target = etree.SubElement(element, ns + "target")
                target.text = unit.translation
                target.set("state", "translated" if unit.translation else "new")
                etree.SubElement(
                    element, ns + "note"
                ).text = f"{_title(page)}: {unit.label}"
        return _serialize(root)

    def read(self, text):
        root = _parse_xml(text)
        ns = f"{{{self.namespace}}}"
        if root.tag != ns + "xliff" or root.get("version") != "1.2":
            raise Unreadable(_("This is not an XLIFF 1.2 file."))
        languages, kinds, page_ids, entries = set(), set(), [], []
        for file in root.iter(ns + "file"):
            kind, page_id = _page_id(file.get("original", ""))
            kinds.add(kind)
            page_ids.append(page_id)
            languages.add(file.get("target-language", ""))
            for unit in file.iter(ns + "trans-unit"):
                line = unit.sourceline
                entries.append(
                    Entry(
                        line,
                        page_id,
                        unit.get("id", ""),
                        _text(unit.find(ns + "source"), line),
                        _text(unit.find(ns + "target"), line),
                    )
                )
        language = languages.pop() if len(languages) == 1 else ""
        return Parsed(language, page_ids, entries, _kind(kinds))


class Xliff20Format:
    """XLIFF 2.0: ``trgLang`` on the root, a ``<file>`` per page, a ``<unit>`` per
    text (``name`` holds the text's id: ids of 2.0 may not contain "/")."""

    name = "xliff2"
    label = "XLIFF 2.0"
    extension = "xlf"
    content_type = "application/xliff+xml"
    namespace = "urn:oasis:names:tc:xliff:document:2.0"

    def write(self, pages, language, kind="page"):
        ns = f"{{{self.namespace}}}"
        root = etree.Element(ns + "xliff", nsmap={None: self.namespace})
        root.set("version", "2.0")
        root.set("srcLang", settings.LANGUAGE_CODE)
        root.set("trgLang", language)
        for page, units in pages:
            file = etree.SubElement(root, ns + "file")
            file.set("id", f"{kind}{page.pk}")
            file.set("original", f"{kind}/{page.pk}")
            for number, unit in enumerate(units, start=1):
                element = etree.SubElement(file, ns + "unit")
                element.set("id", f"u{number}")
                element.set("name", unit.key)
                notes = etree.SubElement(element, ns + "notes")
                etree.SubElement(
                    notes, ns + "note"
                ).text = f"{_title(page)}: {unit.label}"
                segment = etree.SubElement(element, ns + "segment")
                segment.set("state", "translated" if unit.translation else "initial")
                source = etree.SubElement(segment, ns + "source")
                source.text = unit.source
                source.set(XML_SPACE, "preserve")
                target = etree.SubElement(segment, ns + "target")
                target.text = unit.translation
                target.set(XML_SPACE, "preserve")
        return _serialize(root)

    def read(self, text):
        root = _parse_xml(text)
        ns = f"{{{self.namespace}}}"
        if root.tag != ns + "xliff" or root.get("version") != "2.0":
            raise Unreadable(_("This is not an XLIFF 2.0 file."))
        kinds, page_ids, entries = set(), [], []
        for file in root.iter(ns + "file"):
            kind, page_id = _page_id(file.get("original", ""))
            kinds.add(kind)
            page_ids.append(page_id)
            for unit in file.iter(ns + "unit"):
                line = unit.sourceline
                segments = unit.findall(ns + "segment")
                if len(segments) != 1:
                    raise Unreadable(
                        _("Line %(line)s: a unit must keep its one segment.")
                        % {"line": line}
                    )
                entries.append(
                    Entry(
                        line,
                        page_id,
                        unit.get("name", ""),
                        _text(segments[0].find(ns + "source"), line),
                        _text(segments[0].find(ns + "target"), line),
                    )
                )
        return Parsed(root.get("trgLang", ""), page_ids, entries, _kind(kinds))


FORMATS = {f.name: f for f in (PoFormat(), Xliff12Format(), Xliff20Format())}


def detect(text):
    """The format of an uploaded file, from its first characters."""
    head = text.lstrip("\ufeff \t\r\n")[:2000]
    if head.startswith("<"):
        return (
            FORMATS["xliff2"] if Xliff20Format.namespace in head else FORMATS["xliff"]
        )
    return FORMATS["po"]
