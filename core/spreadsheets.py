"""Spreadsheet cells that are shown as text, never run as formulas.

A cell written by a visitor or imported from a list (a name, a note) that starts with
``=``, ``+``, ``-``, ``@``, a tab or a carriage return is run as a formula by Excel,
LibreOffice and Google Sheets when a staff export is opened ("CSV injection"): it can
fetch a URL with the other cells' contents or run a command. Every staff export writes
its cells through ``escape_formula``, which puts an apostrophe before such a value (the
spreadsheets' own sign for "this is text"); imports take it off again with
``unescape_formula``.

Wagtail's listing exports ("Download CSV" / "Download XLSX", from
``SpreadsheetExportMixin``) do not escape CSV cells (XLSX cells only when they start
with ``=``): a viewset's index view gets the same escaping from
``FormulaSafeExportMixin``.
"""

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def escape_formula(value):
    """``value`` as a cell never run as a formula; values that are not text (numbers,
    dates, None) are returned unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return f"'{value}"
    return value


def unescape_formula(value):
    """Undo ``escape_formula`` on a cell read back from a spreadsheet."""
    if isinstance(value, str) and value[:2] in {f"'{p}" for p in FORMULA_PREFIXES}:
        return value[1:]
    return value


class FormulaSafeExportMixin:
    """For a view using Wagtail's ``SpreadsheetExportMixin`` (a viewset's index
    view): every exported cell, CSV and XLSX, goes through ``escape_formula``.

    Put it before the index view class: ``class IndexView(FormulaSafeExportMixin,
    SnippetIndexView)``, then ``index_view_class = IndexView`` on the viewset.
    """

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        return escape_formula(value)
