"""One rule for spreadsheet cells that would run as formulas."""

import datetime

import pytest

from core.spreadsheets import escape_formula, unescape_formula


@pytest.mark.parametrize(
    "value", ["=1+1", "+1", "-1+2", "@SUM(A1)", "\t=1", "\r=1", "=HYPERLINK(x)"]
)
def test_formula_cells_become_text_and_read_back(value):
    assert escape_formula(value) == f"'{value}"
    assert unescape_formula(escape_formula(value)) == value


@pytest.mark.parametrize(
    "value", ["Khaled Omar", "خالد عمر", "", "a=b", "'quoted", 5, -3, None]
)
def test_other_cells_are_left_alone(value):
    assert escape_formula(value) == value
    assert unescape_formula(value) == value


def test_dates_are_left_alone():
    date = datetime.date(2016, 5, 12)
    assert escape_formula(date) is date
