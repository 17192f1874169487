"""Staff: the records in the admin (drafts, revisions, preview) and staff exports."""

import csv
import datetime
import io
import json

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Permission

from memorial.models import Consent, FallenVolunteer
from tests.memorial.factories import FallenVolunteerFactory


@pytest.fixture
def admin_client(client, django_user_model, home, sign_in):
    user = django_user_model.objects.create_superuser("admin", "a@example.org", "x")
    return sign_in(client, user)


def test_records_are_listed_filtered_and_searched_in_the_admin(admin_client):
    FallenVolunteerFactory(name_en="Khaled Omar", name_ar="خالد عمر")
    FallenVolunteerFactory(name_en="Private One", consent=Consent.NONE)
    listing = admin_client.get("/admin/snippets/memorial/fallenvolunteer/")
    assert listing.status_code == 200
    assert "Khaled Omar" in listing.content.decode()
    searched = admin_client.get(
        "/admin/snippets/memorial/fallenvolunteer/", {"q": "خالد"}
    ).content.decode()
    assert "Khaled Omar" in searched and "Private One" not in searched
    filtered = admin_client.get(
        "/admin/snippets/memorial/fallenvolunteer/", {"consent": "none"}
    ).content.decode()
    assert "Private One" in filtered and "Khaled Omar" not in filtered


def test_listing_gives_the_date_of_death_place_and_consent(admin_client):
    FallenVolunteerFactory(
        name_en="Khaled Omar",
        date_of_death=datetime.date(2016, 5, 12),
        place_en="Saraqib",
        consent=Consent.NAME_ONLY,
    )
    listing = admin_client.get("/admin/snippets/memorial/fallenvolunteer/")
    row = BeautifulSoup(listing.content, "html.parser").select_one("tbody tr")
    cells = [cell.get_text(" ", strip=True) for cell in row.select("td")]
    assert "12 May 2016" in cells
    assert "Saraqib" in cells
    assert "Name only" in cells
    assert "ago" not in row.get_text()


def test_memorial_menu_items_are_shown(admin_client):
    html = admin_client.get("/admin/").content.decode()
    assert "Memorial records" in html
    assert "Import and export" in html


def test_a_record_saved_as_draft_then_published_from_the_admin(admin_client, memorial):
    data = {
        "name_en": "New Volunteer",
        "name_ar": "متطوع جديد",
        "other_names": "",
        "slug": "",
        "date_of_death": "2017-04-04",
        "governorate": "hama",
        "place_en": "",
        "place_ar": "",
        "centre_en": "",
        "centre_ar": "",
        "role_en": "",
        "role_ar": "",
        "cause": "chemical",
        "photo_alt_en": "",
        "photo_alt_ar": "",
        "consent": "name_only",
        "source_note": "Team list 2017",
        "external_id": "",
    }
    response = admin_client.post("/admin/snippets/memorial/fallenvolunteer/add/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    person = FallenVolunteer.objects.get(name_en="New Volunteer")
    assert not person.live and person.slug == f"v-{person.pk:06d}"
    assert admin_client.get(f"/en/memorial/{person.slug}/").status_code == 404
    response = admin_client.post(
        f"/admin/snippets/memorial/fallenvolunteer/edit/{person.pk}/",
        {**data, "slug": person.slug, "action-publish": "action-publish"},
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.live and person.revisions.count() == 2
    assert admin_client.get(f"/en/memorial/{person.slug}/").status_code == 200


def test_preview_shows_the_record_and_warns_without_consent(admin_client, memorial):
    person = FallenVolunteerFactory(name_en="Previewed", consent=Consent.NONE)
    url = f"/admin/snippets/memorial/fallenvolunteer/preview/{person.pk}/"
    response = admin_client.get(url)
    if response.status_code == 405 or "Previewed" not in response.content.decode():
        # Wagtail stores the form data first, then renders the preview.
        data = {
            "name_en": "Previewed",
            "date_of_death": "2016-05-12",
            "governorate": "idlib",
            "cause": "double_tap",
            "consent": "none",
        }
        admin_client.post(url, data)
        response = admin_client.get(url)
    html = response.content.decode()
    assert "Previewed" in html
    assert "never shown to visitors" in html


def test_staff_exports_hold_every_record_and_field(admin_client):
    FallenVolunteerFactory(
        name_en="Public", external_id="A-1", source_note="=HYPERLINK(evil)"
    )
    FallenVolunteerFactory(name_en="Hidden", external_id="A-2", consent=Consent.NONE)
    FallenVolunteerFactory(name_en="Draft", external_id="A-3", live=False)
    response = admin_client.get("/admin/memorial_import/export.csv")
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [row["name_en"] for row in rows] == ["Public", "Hidden", "Draft"]
    assert rows[1]["consent"] == "none" and rows[2]["status"] == "draft"
    assert rows[0]["source_note"] == "'=HYPERLINK(evil)"  # never run as a formula
    data = json.loads(admin_client.get("/admin/memorial_import/export.json").content)
    assert len(data["records"]) == 3


def test_staff_exports_need_permission(client, django_user_model, sign_in):
    user = django_user_model.objects.create_user("visitor", password="x")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    sign_in(client, user)
    FallenVolunteerFactory(consent=Consent.NONE, name_en="Secret")
    response = client.get("/admin/memorial_import/export.csv")
    assert response.status_code in (302, 403)
    assert b"Secret" not in response.content
