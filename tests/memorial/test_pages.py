"""The memorial page and a person's page, as visitors see them in both languages."""

import datetime

import pytest
from bs4 import BeautifulSoup
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from memorial.models import Cause, Consent, Governorate
from tests.memorial.factories import FallenVolunteerFactory

AR_BASE = "/ar/شهداء-الدفاع-المدني/"


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def card_names(response):
    return [
        a.get_text(strip=True) for a in soup(response).select(".memorial-card__name a")
    ]


@pytest.fixture
def photo(db):
    return Image.objects.create(title="Portrait", file=get_test_image_file())


def test_memorial_page_lists_people_in_english_and_arabic(memorial, client):
    FallenVolunteerFactory(name_en="Khaled Omar", name_ar="خالد عمر")
    english = client.get("/en/memorial/")
    arabic = client.get(AR_BASE)
    assert english.status_code == arabic.status_code == 200
    assert card_names(english) == ["Khaled Omar"]
    assert card_names(arabic) == ["خالد عمر"]
    assert soup(arabic).html["dir"] == "rtl"
    assert soup(arabic).h1.get_text() == "شهداء الدفاع المدني"


def test_person_page_has_the_same_sub_path_in_both_languages(memorial, client):
    person = FallenVolunteerFactory(
        name_en="Khaled Omar",
        name_ar="خالد عمر",
        slug="v-000042",
        role_en="Rescuer",
        role_ar="منقذ",
        tribute_en="<p>He ran towards the smoke.</p>",
        tribute_ar="<p>ركض نحو الدخان.</p>",
        date_of_birth=datetime.date(1990, 3, 4),
    )
    english = client.get("/en/memorial/v-000042/")
    arabic = client.get(f"{AR_BASE}v-000042/")
    assert english.status_code == arabic.status_code == 200
    assert soup(english).h1.get_text() == "Khaled Omar"
    assert soup(arabic).h1.get_text() == "خالد عمر"
    assert "He ran towards the smoke." in english.text
    assert "ركض نحو الدخان." in arabic.text
    assert "منقذ" in arabic.text
    # The year of birth is public, the full date is not.
    assert "1990" in english.text and "4 March 1990" not in english.text
    switch = {
        a["hreflang"]: a["href"]
        for a in soup(english).select("link[rel=alternate]")
        if a["hreflang"] != "x-default"
    }
    assert switch["ar"].endswith("/v-000042/")
    assert person.slug in switch["en"]


def test_arabic_page_marks_an_english_fallback_name(memorial, client):
    FallenVolunteerFactory(name_en="Only English", name_ar="", slug="only-en")
    response = client.get(f"{AR_BASE}only-en/")
    heading = soup(response).h1
    assert heading.get_text() == "Only English"
    assert heading["lang"] == "en"


def test_unknown_person_is_not_found(memorial, client):
    assert client.get("/en/memorial/nobody/").status_code == 404


def test_charts_are_svg_with_a_table_of_the_same_numbers(memorial, client):
    FallenVolunteerFactory.create_batch(3, date_of_death=datetime.date(2016, 1, 1))
    FallenVolunteerFactory(
        date_of_death=datetime.date(2018, 1, 1),
        governorate=Governorate.ALEPPO,
        cause=Cause.AIRSTRIKE,
    )
    page = soup(client.get("/en/memorial/"))
    charts = page.select("figure.memorial-chart")
    assert len(charts) == 3
    year_chart = charts[0]
    svg = year_chart.find("svg")
    assert svg["role"] == "img"
    assert svg.find("title").get_text() == "Volunteers lost each year"
    bars = [g.find("title").get_text() for g in svg.select("g")]
    assert bars == ["2016: 3", "2017: 0", "2018: 1"]
    rows = [
        [cell.get_text(strip=True) for cell in row.find_all(["th", "td"])]
        for row in year_chart.select("tbody tr")
    ]
    assert rows == [["2016", "3", "75%"], ["2017", "0", "0%"], ["2018", "1", "25%"]]
    cause_rows = [row.th.get_text() for row in charts[2].select("tbody tr")]
    assert cause_rows == ["Double-tap strike", "Airstrike"]
    # The charts need no script (the page's one script only moves the focus).
    assert all("chart" not in tag["src"] for tag in page.find_all("script", src=True))


def test_arabic_charts_are_mirrored_with_arabic_labels(memorial, client):
    FallenVolunteerFactory(governorate=Governorate.RIF_DIMASHQ)
    page = soup(client.get(AR_BASE))
    governorate_chart = page.select("figure.memorial-chart")[1]
    svg = governorate_chart.find("svg")
    assert svg["direction"] == "rtl"
    label = svg.select_one(".memorial-chart__label")
    assert label.get_text() == "ريف دمشق"
    bar = svg.select_one("rect")
    # Mirrored: the label starts at the right edge and the bar ends there.
    assert float(label["x"]) == float(bar["x"]) + float(bar["width"]) == 320


def test_photo_is_shown_only_with_photo_consent(memorial, client, photo):
    FallenVolunteerFactory(
        name_en="With photo",
        slug="with-photo",
        photo=photo,
        photo_alt_en="Smiling in his helmet",
        consent=Consent.NAME_AND_PHOTO,
    )
    FallenVolunteerFactory(
        name_en="Name only",
        slug="name-only",
        photo=photo,
        consent=Consent.NAME_ONLY,
        date_of_death=datetime.date(2015, 1, 1),
    )
    page = soup(client.get("/en/memorial/"))
    cards = page.select(".memorial-card")
    assert cards[0].find("img")["alt"] == "Smiling in his helmet"
    assert cards[0].find("img")["loading"] == "lazy"
    assert cards[1].find("img") is None
    assert soup(client.get("/en/memorial/with-photo/")).select_one(
        ".memorial-person__image"
    )
    name_only = client.get("/en/memorial/name-only/")
    assert soup(name_only).find("main").find("img") is None
    assert "/media/images/" not in name_only.content.decode()


def test_sample_records_are_announced(memorial, client):
    FallenVolunteerFactory(is_sample=False)
    assert not soup(client.get("/en/memorial/")).select(".memorial-sample-notice")
    FallenVolunteerFactory(is_sample=True, slug="sample")
    english = soup(client.get("/en/memorial/"))
    arabic = soup(client.get(AR_BASE))
    assert "samples" in english.select_one(".memorial-sample-notice").get_text()
    assert "نموذجية" in arabic.select_one(".memorial-sample-notice").get_text()
    person = soup(client.get("/en/memorial/sample/"))
    assert "not a real person" in person.select_one(".memorial-sample-notice").text


def test_pagination_keeps_the_filters(memorial, client):
    memorial.per_page = 6
    memorial.save()
    FallenVolunteerFactory.create_batch(8, governorate=Governorate.HAMA)
    FallenVolunteerFactory.create_batch(2, governorate=Governorate.HOMS)
    first = client.get("/en/memorial/?governorate=hama")
    assert len(card_names(first)) == 6
    next_link = soup(first).select_one(".memorial-pagination a[rel=next]")
    assert "governorate=hama" in next_link["href"] and "page=2" in next_link["href"]
    second = client.get("/en/memorial/" + next_link["href"])
    assert len(card_names(second)) == 2
    # A page number out of range shows the last page, not an error.
    assert client.get("/en/memorial/?page=999").status_code == 200


def test_sitemap_lists_public_people_only(memorial, client):
    FallenVolunteerFactory(slug="public-person")
    FallenVolunteerFactory(slug="private-person", consent=Consent.NONE)
    FallenVolunteerFactory(slug="draft-person", live=False)
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "/en/memorial/public-person/" in sitemap
    assert "private-person" not in sitemap
    assert "draft-person" not in sitemap


def test_site_search_finds_a_person_by_another_spelling(memorial, client):
    FallenVolunteerFactory(name_ar="أحمد الخطيب", slug="ahmad")
    FallenVolunteerFactory(name_ar="أسامة", slug="hidden", consent=Consent.NONE)
    response = client.get("/ar/search/", {"q": "احمد الخطيب"})
    assert "/ahmad/" in response.content.decode()
    response = client.get("/ar/search/", {"q": "اسامه"})
    assert "/hidden/" not in response.content.decode()


def test_language_switcher_keeps_the_person_from_the_arabic_page(memorial, client):
    FallenVolunteerFactory(slug="v-000007")
    page = soup(client.get(f"{AR_BASE}v-000007/"))
    english = page.select_one('.language-switcher a[hreflang="en"]')
    assert english["href"] == "/en/memorial/v-000007/"


def test_charts_are_drawn_once_and_redrawn_when_a_record_changes(
    memorial, client, monkeypatch
):
    from memorial import pages

    drawn = []
    original = pages.chart_context
    monkeypatch.setattr(pages, "chart_context", lambda: drawn.append(1) or original())
    FallenVolunteerFactory(date_of_death=datetime.date(2016, 1, 1))

    def year_bars(url):
        svg = soup(client.get(url)).select("figure.memorial-chart")[0].find("svg")
        return [g.find("title").get_text() for g in svg.select("g")]

    assert year_bars("/en/memorial/") == ["2016: 1"]
    assert year_bars("/en/memorial/?page=1") == ["2016: 1"]  # any page of the list
    assert len(drawn) == 1
    arabic = year_bars(memorial.get_translated_url("ar"))
    assert len(drawn) == 2 and arabic[0].startswith("2016")

    FallenVolunteerFactory(date_of_death=datetime.date(2017, 1, 1))
    assert year_bars("/en/memorial/") == ["2016: 1", "2017: 1"]
    assert len(drawn) == 3
