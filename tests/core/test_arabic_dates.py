"""Dates on Arabic pages use the month names Syrian readers use (كانون الثاني …)."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.test import override_settings
from django.utils import formats, translation

from tests.memorial.factories import FallenVolunteerFactory, MemorialPageFactory

pytestmark = pytest.mark.django_db

LEVANTINE = [
    "كانون الثاني",
    "شباط",
    "آذار",
    "نيسان",
    "أيار",
    "حزيران",
    "تموز",
    "آب",
    "أيلول",
    "تشرين الأول",
    "تشرين الثاني",
    "كانون الأول",
]


@pytest.mark.parametrize("month", range(1, 13))
def test_every_month_has_its_levantine_name_in_every_date_format(month):
    day = datetime.date(2016, month, 12)
    with translation.override("ar"):
        for format_string in ("j F Y", "F Y", "E", "N", "DATE_FORMAT"):
            shown = formats.date_format(day, format_string)
            assert LEVANTINE[month - 1] in shown, (format_string, shown)


def test_english_dates_are_unchanged():
    with translation.override("en"):
        assert formats.date_format(datetime.date(2016, 10, 12), "j F Y") == (
            "12 October 2016"
        )


@pytest.fixture
def person(home):
    MemorialPageFactory(parent=home)
    return FallenVolunteerFactory(
        name_ar="خالد عمر",
        slug="khaled-omar",
        date_of_death=datetime.date(2016, 10, 12),
    )


def test_arabic_person_page_gives_the_date_of_death_with_syrian_month_names(
    client, person
):
    response = client.get("/ar/شهداء-الدفاع-المدني/khaled-omar/")
    text = BeautifulSoup(response.content, "html.parser").get_text()
    assert "12 تشرين الأول 2016" in text
    assert "أكتوبر" not in text


def test_another_arabic_audience_can_have_the_standard_month_names(client, person):
    with override_settings(LOCALE_PATHS=[settings.BASE_DIR / "locale"]):
        response = client.get("/ar/شهداء-الدفاع-المدني/khaled-omar/")
        text = BeautifulSoup(response.content, "html.parser").get_text()
    assert "أكتوبر" in text
    assert "تشرين الأول" not in text
