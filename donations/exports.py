"""Spreadsheets for the finance team: the one place donations write CSV.

Amounts are in major units (``12.50``, never ``1250``) and statuses carry the labels
staff see on screen ("Confirmed", not "paid"). A text cell a donor or provider wrote
(a name, a reference) is never run as a formula (``core.spreadsheets``).
"""

import csv

from django.http import StreamingHttpResponse
from django.utils.encoding import force_str

from core.spreadsheets import escape_formula


class _Echo:
    def write(self, value):
        return value


def csv_response(filename, headings, rows):
    """A streamed CSV download: a heading row, then ``rows`` (iterables of cells)."""

    def lines():
        writer = csv.writer(_Echo())
        yield "\ufeff"  # so spreadsheet programs read the file as UTF-8 (Arabic)
        yield writer.writerow([force_str(heading) for heading in headings])
        for row in rows:
            yield writer.writerow(
                [
                    "" if cell is None else force_str(escape_formula(cell))
                    for cell in row
                ]
            )

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response
