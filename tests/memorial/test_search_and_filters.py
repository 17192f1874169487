"""Filters and name search on the memorial page, in Arabic and English spellings."""

import datetime

import pytest
from bs4 import BeautifulSoup

from memorial import names
from memorial.models import Cause, FallenVolunteer, Governorate
from tests.memorial.factories import FallenVolunteerFactory

AR_BASE = "/ar/شهداء-الدفاع-المدني/"


def names_on(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    return sorted(a.get_text() for a in page.select(".memorial-card__name a"))


@pytest.mark.parametrize(
    ("stored", "typed"),
    [
        ("أحمد", "احمد"),
        ("احمد", "أحمد"),
        ("إبراهيم", "ابراهيم"),
        ("آمنة", "امنه"),
        ("فاطمة", "فاطمه"),
        ("فاطمه", "فاطمة"),
        ("مُحَمَّد", "محمد"),
        ("محمد", "مُحمّد"),
        ("مصطفى", "مصطفي"),
        ("هانئ", "هاني"),
        ("مؤمن", "مومن"),
        ("عـلـي", "علي"),
        ("ٱلحسن", "الحسن"),
        ("José Müller", "jose muller"),
        ("OMAR", "omar"),
        ("Sample volunteer 001", "SAMPLE VOLUNTEER ٠٠١"),
    ],
)
def test_name_keys_match_whatever_the_spelling(stored, typed):
    key = names.search_key(stored)
    assert all(term in key for term in names.query_terms(typed))


def test_every_word_of_the_query_must_match():
    key = names.search_key("Khaled Omar", "Abu Ahmad")
    assert all(term in key for term in names.query_terms("omar khaled"))
    assert not all(term in key for term in names.query_terms("omar hassan"))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("احمد", ["أحمد الحلبي"]),
        ("الحلبى", ["أحمد الحلبي"]),
        ("فاطمه", ["فاطمة السيد"]),
        ("سيّد", ["فاطمة السيد"]),
        ("Fatima", ["فاطمة السيد"]),
        ("FATMA", ["فاطمة السيد"]),
        ("nobody", []),
    ],
)
def test_arabic_page_search_matches_spellings(memorial, client, query, expected):
    FallenVolunteerFactory(name_en="Ahmad al-Halabi", name_ar="أحمد الحلبي")
    FallenVolunteerFactory(
        name_en="Fatima al-Sayed", name_ar="فاطمة السيد", other_names="Fatma Alsayed"
    )
    assert names_on(client, AR_BASE, q=query) == expected


def test_english_search_is_case_insensitive(memorial, client):
    FallenVolunteerFactory(name_en="Ahmad al-Halabi", name_ar="أحمد الحلبي")
    assert names_on(client, "/en/memorial/", q="AHMAD") == ["Ahmad al-Halabi"]
    assert names_on(client, "/en/memorial/", q="halabi ahmad") == ["Ahmad al-Halabi"]


def test_search_key_follows_edits(memorial):
    person = FallenVolunteerFactory(name_ar="خالد")
    person.name_ar = "سامر"
    person.save()
    assert FallenVolunteer.objects.matching("سامر").get() == person
    assert not FallenVolunteer.objects.matching("خالد").exists()


def test_filters_by_year_governorate_and_cause(memorial, client):
    FallenVolunteerFactory(
        name_en="A",
        date_of_death=datetime.date(2016, 3, 1),
        governorate=Governorate.ALEPPO,
        cause=Cause.DOUBLE_TAP,
    )
    FallenVolunteerFactory(
        name_en="B",
        date_of_death=datetime.date(2016, 12, 31),
        governorate=Governorate.IDLIB,
        cause=Cause.AIRSTRIKE,
    )
    FallenVolunteerFactory(
        name_en="C",
        date_of_death=datetime.date(2017, 1, 1),
        governorate=Governorate.ALEPPO,
        cause=Cause.CHEMICAL,
    )
    url = "/en/memorial/"
    assert names_on(client, url, year=2016) == ["A", "B"]
    assert names_on(client, url, governorate="aleppo") == ["A", "C"]
    assert names_on(client, url, cause="airstrike") == ["B"]
    assert names_on(client, url, year=2016, governorate="aleppo") == ["A"]
    assert names_on(client, url, year=2012) == []


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"year": "banana"}, "is not a year we can show"),
        ({"year": "1990"}, "is not a year we can show"),
        ({"governorate": "narnia"}, "is not one of Syria's governorates"),
        ({"cause": "<script>"}, "is not one of the causes"),
        ({"q": "x" * 300}, "at most 100 characters"),
    ],
)
def test_bad_filters_get_a_clear_message_not_an_error(
    memorial, client, params, message
):
    FallenVolunteerFactory(name_en="Shown anyway")
    response = client.get("/en/memorial/", params)
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    alert = page.select_one(".memorial-filters__errors[role=alert]")
    assert message in alert.get_text()
    assert "<script>" not in response.content.decode().split("<main", 1)[1]
    # The bad filter is ignored: the list is still shown.
    assert [a.get_text() for a in page.select(".memorial-card__name a")] == [
        "Shown anyway"
    ]


def test_bad_filter_message_is_in_arabic_on_the_arabic_page(memorial, client):
    response = client.get(AR_BASE, {"governorate": "narnia"})
    alert = BeautifulSoup(response.content, "html.parser").select_one("[role=alert]")
    assert "ليست من محافظات سوريا" in alert.get_text()


def test_arabic_filter_labels_and_choices(memorial, client):
    page = BeautifulSoup(client.get(AR_BASE).content, "html.parser")
    labels = [label.get_text() for label in page.select(".memorial-filters label")]
    assert labels == ["الاسم", "السنة", "المحافظة", "السبب"]
    options = [o.get_text() for o in page.select("select[name=cause] option")]
    assert "الضربة المزدوجة" in options
    governorates = page.select("select[name=governorate] option")
    assert len(governorates) == 15  # "all" and Syria's 14 governorates
