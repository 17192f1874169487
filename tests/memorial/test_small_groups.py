"""Charts and figures never break the records without consent down into groups smaller
than MEMORIAL_MIN_GROUP_SIZE, not even by subtracting one published number from
another (a chart bar minus the count of the list filtered the same way)."""

import datetime
import re

import pytest
from bs4 import BeautifulSoup
from django.utils import translation

from core import figures
from memorial.models import Cause, Consent, Governorate
from tests.memorial.factories import FallenVolunteerFactory

AR_BASE = "/ar/شهداء-الدفاع-المدني/"
BASES = {"en": "/en/memorial/", "ar": AR_BASE}
K = 5


def records(count, consent, governorate, year, cause):
    FallenVolunteerFactory.create_batch(
        count,
        consent=consent,
        governorate=governorate,
        date_of_death=datetime.date(year, 3, 1),
        cause=cause,
    )


@pytest.fixture
def seen(memorial, settings):
    """Idlib: 4 listed and 4 without consent, so its bar said 8 and its list 4."""
    settings.MEMORIAL_MIN_GROUP_SIZE = K
    records(4, Consent.NAME_ONLY, Governorate.IDLIB, 2016, Cause.DOUBLE_TAP)
    records(4, Consent.NONE, Governorate.IDLIB, 2016, Cause.DOUBLE_TAP)
    records(3, Consent.NAME_ONLY, Governorate.ALEPPO, 2014, Cause.AIRSTRIKE)
    records(6, Consent.NONE, Governorate.ALEPPO, 2014, Cause.AIRSTRIKE)
    records(2, Consent.NAME_AND_PHOTO, Governorate.HAMA, 2018, Cause.SHELLING)
    return memorial


@pytest.fixture
def large_groups(memorial, settings):
    """Every group without consent is large enough to be shown where it belongs."""
    settings.MEMORIAL_MIN_GROUP_SIZE = K
    records(4, Consent.NAME_ONLY, Governorate.IDLIB, 2016, Cause.DOUBLE_TAP)
    records(5, Consent.NONE, Governorate.IDLIB, 2016, Cause.DOUBLE_TAP)
    records(3, Consent.NAME_ONLY, Governorate.ALEPPO, 2014, Cause.AIRSTRIKE)
    records(6, Consent.NONE, Governorate.ALEPPO, 2014, Cause.AIRSTRIKE)
    return memorial


# Arabic writes none, one and two in words.
ARABIC_WORDS = {"لم يُعثر على أي سجل": 0, "سجل واحد": 1, "سجلَّين": 2}


def number(text):
    digits = "".join(re.findall(r"\d", text))
    if digits:
        return int(digits)
    return next(value for words, value in ARABIC_WORDS.items() if words in text)


def chart_tables(client, language):
    """``{chart key: {row label: value}}`` from the tables under the charts."""
    page = BeautifulSoup(client.get(BASES[language]).content, "html.parser")
    tables = {}
    for figure in page.select("figure.memorial-chart"):
        key = figure.select_one("figcaption")["id"].removeprefix("chart-")
        key = key.removesuffix("-caption")
        tables[key] = {
            row.th.get_text(strip=True): number(row.td.get_text())
            for row in figure.select("tbody tr")
        }
    return tables


def listed(client, language, **filters):
    """How many people the list says it shows for ``filters``."""
    page = BeautifulSoup(
        client.get(BASES[language], filters).content, "html.parser"
    ).select_one(".memorial-people__summary")
    return number(page.get_text().split("·")[0])


def labels(choices, language):
    with translation.override(language):
        return {str(label): code for code, label in choices}


def derived_groups(client, language):
    """Every count of records without consent a visitor can derive: a chart row
    minus the list filtered by that row, and the "not broken down" rows."""
    tables = chart_tables(client, language)
    with translation.override(language):
        from memorial.queries import NOT_BROKEN_DOWN

        hidden_label = str(NOT_BROKEN_DOWN)
    filters = {
        "year": {label: {"year": label} for label in tables["year"]},
        "governorate": {
            label: {"governorate": code}
            for label, code in labels(Governorate.choices, language).items()
        },
        "cause": {
            label: {"cause": code}
            for label, code in labels(Cause.choices, language).items()
        },
    }
    groups = {}
    for key, table in tables.items():
        for label, value in table.items():
            if label == hidden_label:
                groups[(key, label)] = value
            else:
                groups[(key, label)] = value - listed(
                    client, language, **filters[key][label]
                )
    with translation.override(language):
        double_tap = number(figures.render("memorial.double_tap_count"))
    groups[("figure", "double_tap")] = double_tap - listed(
        client, language, cause="double_tap"
    )
    return tables, groups


@pytest.mark.parametrize("language", ["en", "ar"])
def test_no_small_group_without_consent_can_be_derived(seen, client, language):
    tables, groups = derived_groups(client, language)
    idlib = labels(Governorate.choices, language)
    idlib = next(label for label, code in idlib.items() if code == "idlib")
    assert tables["governorate"][idlib] == 4  # was 8: the list shows 4
    for group, size in groups.items():
        assert size == 0 or size >= K, (group, size)
    # Nothing is lost: every chart still adds up to every volunteer counted.
    for table in tables.values():
        assert sum(table.values()) == 19


@pytest.mark.parametrize("language", ["en", "ar"])
def test_large_groups_without_consent_are_shown_where_they_belong(
    large_groups, client, language
):
    tables, groups = derived_groups(client, language)
    with translation.override(language):
        idlib = str(Governorate.IDLIB.label)
        from memorial.queries import NOT_BROKEN_DOWN

        hidden = str(NOT_BROKEN_DOWN)
    assert tables["governorate"][idlib] == 9
    assert hidden not in tables["governorate"]
    assert sorted(size for size in groups.values() if size) == [5, 5, 5, 5, 6, 6, 6]


def test_the_double_tap_figure_hides_a_small_group_without_consent(seen):
    assert figures.render("memorial.total_lost") == "19"
    assert figures.render("memorial.double_tap_count") == "4"  # was 8
    assert figures.render("memorial.double_tap_share") == "21%"


def test_the_smallest_group_is_a_setting(seen, settings, client):
    settings.MEMORIAL_MIN_GROUP_SIZE = 1
    idlib = str(Governorate.IDLIB.label)
    assert chart_tables(client, "en")["governorate"][idlib] == 8
    assert figures.render("memorial.double_tap_count") == "8"


@pytest.mark.parametrize(
    ("language", "note"),
    [
        ("en", "counted in a bar only where at least 5 of them share it"),
        ("ar", "لا يُحتسبون في عمود إلا إذا اشترك فيه 5 منهم على الأقل"),
    ],
)
def test_the_page_explains_the_rows_not_broken_down(seen, client, language, note):
    html = client.get(BASES[language]).content.decode()
    assert note in html
