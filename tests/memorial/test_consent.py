"""A record without consent never appears anywhere public; it is only counted."""

import json

import pytest
from bs4 import BeautifulSoup

from core import figures
from memorial.models import Consent
from tests.memorial.factories import FallenVolunteerFactory

AR_BASE = "/ar/شهداء-الدفاع-المدني/"


@pytest.fixture
def people(memorial):
    return {
        "public": FallenVolunteerFactory(
            name_en="Public Person", name_ar="شخص منشور", slug="public-person"
        ),
        "private": FallenVolunteerFactory(
            name_en="Private Person",
            name_ar="شخص محجوب",
            slug="private-person",
            other_names="Hidden Spelling",
            consent=Consent.NONE,
        ),
        "draft": FallenVolunteerFactory(
            name_en="Draft Person", name_ar="شخص مسودة", slug="draft-person", live=False
        ),
    }


PUBLIC_URLS = [
    "/en/memorial/",
    AR_BASE,
    "/en/memorial/?q=Private",
    "/en/memorial/export/csv/",
    "/en/memorial/export/json/",
    f"{AR_BASE}export/csv/",
    "/sitemap.xml",
    "/en/search/?q=Private",
    "/ar/search/?q=محجوب",
    "/en/search/?q=Draft",
]


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_records_without_consent_or_unpublished_appear_nowhere(people, client, url):
    response = client.get(url)
    assert response.status_code == 200
    text = response.content.decode()
    for hidden in ("Private Person", "شخص محجوب", "private-person", "Hidden Spelling"):
        assert hidden not in text
    for hidden in ("Draft Person", "شخص مسودة", "draft-person"):
        assert hidden not in text


@pytest.mark.parametrize(
    "url",
    [
        "/en/memorial/private-person/",
        f"{AR_BASE}private-person/",
        "/en/memorial/draft-person/",
        f"{AR_BASE}draft-person/",
    ],
)
def test_person_pages_without_consent_or_unpublished_are_not_found(people, client, url):
    assert client.get(url).status_code == 404


def test_records_without_consent_count_in_the_totals_but_drafts_do_not(people, client):
    assert figures.render("memorial.total_lost") == "2"
    page = BeautifulSoup(client.get("/en/memorial/").content, "html.parser")
    total = page.select_one('[data-figure="memorial.total_lost"]').get_text()
    assert total == "2"
    assert (
        page.select_one(".memorial-people__summary")
        .get_text()
        .startswith("1 volunteer found")
    )
    data = json.loads(client.get("/en/memorial/export/json/").content)
    assert data["total_lost"] == 2
    assert data["published_records"] == 1


def test_public_exports_hold_no_staff_fields(people, client):
    csv_text = client.get("/en/memorial/export/csv/").content.decode("utf-8-sig")
    header = csv_text.splitlines()[0].split(",")
    for staff_field in ("consent", "source_note", "external_id", "date_of_birth"):
        assert staff_field not in header
    assert "photo_id" not in header
    data = json.loads(client.get("/en/memorial/export/json/").content)
    record = data["records"][0]
    assert record["name_en"] == "Public Person"
    assert record["name_ar"] == "شخص منشور"
    assert record["url"].endswith("/en/memorial/public-person/")
    assert "consent" not in record and "source_note" not in record


def test_name_only_consent_never_shows_the_photo_in_exports(memorial, client):
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    photo = Image.objects.create(title="p", file=get_test_image_file())
    FallenVolunteerFactory(photo=photo, consent=Consent.NAME_ONLY)
    for url in ("/en/memorial/", "/en/memorial/export/json/"):
        assert "/media/" not in client.get(url).content.decode()
