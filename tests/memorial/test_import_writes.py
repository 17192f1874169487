"""What the import writes in bulk, on SQLite and PostgreSQL (``COPY`` there): each
record and its revision hold what a save in the admin would, and an imported record is
found by the admin's search and the site's search, in both languages."""

import json

import pytest
from django.core.serializers.json import DjangoJSONEncoder
from django.test import Client
from django.utils import translation
from wagtail.models import Revision

from memorial import importing
from memorial.models import FallenVolunteer
from tests.core.test_arabic_search import found_titles
from tests.memorial.factories import MemorialPageFactory

HEADER = (
    "external_id,slug,name_en,name_ar,other_names,date_of_death,date_is_approximate,"
    "date_of_birth,governorate,place_en,place_ar,cause,tribute_en,consent,"
    "source_note\n"
)
ROWS = (
    'SCD-101,,Khaled Omar,خالد عمر,"Khalid Omar",2016-05-12,no,1990-01-01,idlib,'
    'Saraqib,سراقب,double_tap,"He said ""wait"" and ran back.",name_only,'
    "Verified by the team\n"
    "SCD-102,amina-saleh,Amina Saleh,آمنة صالح,,2018-02-01,yes,,rif_dimashq,,,"
    "airstrike,,name_and_photo,\n"
)


def run(text, **kwargs):
    result = importing.import_file(text.encode("utf-8"), **kwargs)
    assert result.ok, [str(error) for error in result.errors]
    return result


def revisions_of(record):
    return Revision.objects.filter(
        content_type=FallenVolunteer.get_content_type(), object_id=str(record.pk)
    ).order_by("pk")


def as_stored(content):
    """``content`` as a revision gives it back (through JSON)."""
    return json.loads(json.dumps(content, cls=DjangoJSONEncoder))


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "ar"])
def test_each_revision_holds_the_record_as_it_was_written(language):
    with translation.override(language):
        run(HEADER + ROWS)
        changed = ROWS.replace("Saraqib", "Ariha").replace("Amina Saleh", "Amina S.")
        run(HEADER + changed)
        for record in FallenVolunteer.objects.order_by("pk"):
            first, second = revisions_of(record)
            assert record.latest_revision == record.live_revision == second
            expected = as_stored(record.serializable_data())
            content = second.content
            # The record's pointers are set once its revision exists (as in the
            # admin); a record serialised later gets a later time of its own.
            assert content.pop("latest_revision") == first.pk
            assert content.pop("live_revision") == first.pk
            for name in ("latest_revision", "live_revision", "updated_at"):
                expected.pop(name)
            assert content.pop("updated_at")
            assert content == expected
            assert second.object_str == str(record)
    khaled = FallenVolunteer.objects.get(external_id="SCD-101")
    first = revisions_of(khaled).first()
    assert (
        first.content["tribute_en"] == "<p>He said &quot;wait&quot; and ran back.</p>"
    )
    assert first.content["name"] == ("Khaled Omar" if language == "en" else "خالد عمر")
    assert first.content["latest_revision"] is None
    assert khaled.place_en == "Ariha"


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_revisions_content_is_what_wagtail_serialises(language):
    """The import's quicker serialisation makes Wagtail's dictionary."""
    run(HEADER + ROWS)
    with translation.override(language):
        for record in FallenVolunteer.objects.all():
            record.place_en = "Ariha"
            expected = record.serializable_data()
            content = importing.revision_content(record)
            assert content.pop("updated_at") and expected.pop("updated_at")
            assert content == expected


@pytest.mark.django_db
def test_drafts_written_in_bulk_leave_the_live_record_alone():
    run(HEADER + ROWS)
    run(HEADER + ROWS.replace("Saraqib", "Ariha"), publish=False)
    khaled = FallenVolunteer.objects.get(external_id="SCD-101")
    first, draft = revisions_of(khaled)
    assert khaled.live_revision == first and khaled.latest_revision == draft
    assert khaled.place_en == "Saraqib" and khaled.has_unpublished_changes
    assert khaled.get_latest_revision_as_object().place_en == "Ariha"


@pytest.mark.django_db
def test_records_written_in_bulk_read_back_as_imported():
    run(HEADER + ROWS)
    khaled = FallenVolunteer.objects.get(external_id="SCD-101")
    assert khaled.slug == f"v-{khaled.pk:06d}"
    assert str(khaled.date_of_birth) == "1990-01-01"
    assert khaled.source_note == "Verified by the team"
    assert khaled.live and khaled.first_published_at and khaled.created_at
    amina = FallenVolunteer.objects.get(external_id="SCD-102")
    assert amina.slug == "amina-saleh" and amina.date_of_birth is None
    assert amina.date_is_approximate and amina.tribute_en == ""
    assert amina.pk > khaled.pk  # in the order of the file


@pytest.fixture
def admin_client(client, django_user_model, home, sign_in):
    user = django_user_model.objects.create_superuser("admin", "a@example.org", "x")
    return sign_in(client, user)


def admin_search(client, query):
    response = client.get("/admin/snippets/memorial/fallenvolunteer/", {"q": query})
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
def test_records_added_and_updated_in_bulk_are_found_by_both_searches(
    admin_client, home
):
    MemorialPageFactory(parent=home)
    client = Client()  # a visitor
    run(HEADER + ROWS)
    assert "Khaled Omar" in admin_search(admin_client, "خالد")
    assert "Khaled Omar" in admin_search(admin_client, "Khalid")
    [(title, url)] = found_titles(client, "خالد", "ar")
    assert title == "خالد عمر" and url.endswith(
        "/v-{:06d}/".format(FallenVolunteer.objects.get(external_id="SCD-101").pk)
    )
    assert [title for title, _url in found_titles(client, "khaled", "en")] == [
        "Khaled Omar"
    ]

    # A full update: every row changed, the new names found, the old ones no more.
    changed = ROWS.replace("Khaled Omar", "Karim Nasser").replace(
        "خالد عمر", "كريم ناصر"
    )
    changed = changed.replace("Amina Saleh", "Amina Haddad")
    result = run(HEADER + changed)
    assert (result.updated, result.unchanged) == (2, 0)
    assert "Karim Nasser" in admin_search(admin_client, "كريم")
    assert "Amina Haddad" in admin_search(admin_client, "haddad")
    assert [title for title, _url in found_titles(client, "كريم", "ar")] == [
        "كريم ناصر"
    ]
    assert [title for title, _url in found_titles(client, "karim", "en")] == [
        "Karim Nasser"
    ]
    assert found_titles(client, "khaled", "en") == []
    for record in FallenVolunteer.objects.all():
        assert revisions_of(record).count() == 2
        assert record.live_revision == record.latest_revision
        assert record.latest_revision.as_object().name_en == record.name_en
