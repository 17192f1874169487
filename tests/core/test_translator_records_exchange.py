"""Offline translators: memorial records go out as PO or XLIFF and come back, each
record's translations as a draft; the file never holds what is for staff alone."""

import polib
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from lxml import etree

from core.models import TranslationStatus
from core.translation_exchange import ImportFailed, export_file, import_file
from core.translation_formats import FORMATS
from core.translation_views import _record_resolver
from memorial.models import Consent, FallenVolunteer
from tests.core.factories import StandardPageFactory
from tests.memorial.factories import FallenVolunteerFactory

pytestmark = pytest.mark.django_db

RECORD = "memorial-record"
PRIVATE = ("Found in the 2016 list, checked by phone", "ext-private-7", "1990")


@pytest.fixture
def records(db):
    """A record whose family agreed to the photo, and one who agreed to nothing,
    each with an untranslated place, a tribute and staff-only details."""
    shown = FallenVolunteerFactory(
        name_en="Khaled Omar",
        name_ar="خالد عمر",
        place_en="Saraqib",
        place_ar="",
        tribute_en="<p>He ran <b>towards</b> the strikes.</p>",
        tribute_ar="",
        photo_alt_en="Khaled in his helmet",
        photo_alt_ar="",
    )
    private = FallenVolunteerFactory(
        name_en="Private Person",
        name_ar="",
        place_en="Ariha",
        place_ar="",
        role_en="Driver",
        photo_alt_en="A description the family did not agree to show",
        consent=Consent.NONE,
        source_note=PRIVATE[0],
        external_id=PRIVATE[1],
        date_of_birth=f"{PRIVATE[2]}-04-02",
    )
    for record in (shown, private):
        record.save_revision().publish()
    return shown, private


def status(record, field):
    return TranslationStatus.objects.get(
        object_id=str(record.pk), field=field, language="ar"
    ).status


def entries(text):
    po = polib.pofile(text)
    return {entry.msgctxt: entry for entry in po}, po


@pytest.mark.parametrize("fmt", ["po", "xliff", "xliff2"])
def test_the_file_holds_what_a_translator_needs_and_nothing_private(records, fmt):
    shown, private = records
    text = export_file(
        [r.get_latest_revision_as_object() for r in records], "ar", FORMATS[fmt], RECORD
    )
    assert "Saraqib" in text and "Ariha" in text and "Private Person" in text
    for secret in PRIVATE:
        assert secret not in text
    assert "Khaled in his helmet" in text
    # Not shown to the public, so not in a file either.
    assert "did not agree" not in text
    assert "page/" not in text


def test_a_po_round_trip_saves_each_record_as_a_draft(records):
    shown, private = records
    text = export_file(records, "ar", FORMATS["po"], RECORD)
    found, po = entries(text)
    assert po.metadata["X-Memorial-Record-Id"] == f"{shown.pk}, {private.pk}"
    found[f"{shown.pk}:place"].msgstr = "سراقب"
    found[f"{shown.pk}:tribute"].msgstr = "<p>ركض <b>نحو</b> الضربات.</p>"
    found[f"{private.pk}:place"].msgstr = "أريحا"
    revisions = import_file(str(po), "ar", _record_resolver, kind=RECORD)
    assert len(revisions) == 2
    shown = FallenVolunteer.objects.get(pk=shown.pk)
    # The published record is unchanged; the Arabic waits in a draft.
    assert shown.place_ar == "" and shown.has_unpublished_changes
    draft = shown.get_latest_revision_as_object()
    assert draft.place_ar == "سراقب"
    assert draft.tribute_ar == "<p>ركض <b>نحو</b> الضربات.</p>"
    assert status(shown, "place") == TranslationStatus.Status.UP_TO_DATE
    private = FallenVolunteer.objects.get(pk=private.pk)
    assert private.get_latest_revision_as_object().place_ar == "أريحا"
    assert private.consent == Consent.NONE
    assert private.get_latest_revision_as_object().source_note == PRIVATE[0]
    assert status(private, "place") == TranslationStatus.Status.UP_TO_DATE


@pytest.mark.parametrize("fmt", ["xliff", "xliff2"])
def test_an_xliff_round_trip_saves_a_record_as_a_draft(records, fmt):
    shown, _private = records
    text = export_file([shown], "ar", FORMATS[fmt], RECORD)
    root = etree.fromstring(text.encode())
    assert root.find("{*}file").get("original") == f"{RECORD}/{shown.pk}"
    for unit in root.iter("{*}trans-unit", "{*}unit"):
        if (unit.get("name") or unit.get("id")) == "place":
            next(e for e in unit.iter("{*}target")).text = "سراقب"
    text = etree.tostring(root, xml_declaration=True, encoding="UTF-8").decode()
    import_file(text, "ar", _record_resolver, kind=RECORD)
    draft = FallenVolunteer.objects.get(pk=shown.pk).get_latest_revision_as_object()
    assert draft.place_ar == "سراقب"


def test_every_problem_is_reported_by_line_and_no_record_is_saved(records):
    shown, private = records
    text = export_file(records, "ar", FORMATS["po"], RECORD)
    found, po = entries(text)
    found[f"{private.pk}:place"].msgstr = "أريحا"  # a good line
    found[f"{shown.pk}:place"].msgid = "Old Saraqib"
    found[f"{shown.pk}:place"].msgstr = "سراقب القديمة"
    found[f"{shown.pk}:tribute"].msgstr = "<p>ركض <b>نحو الضربات.</p>"
    po.append(polib.POEntry(msgctxt=f"{private.pk}:photo_alt", msgid="x", msgstr="وصف"))
    text = str(po)
    lines = {e.msgctxt: e.linenum for e in polib.pofile(text)}
    revisions = {r.pk: r.revisions.count() for r in records}
    with pytest.raises(ImportFailed) as failure:
        import_file(text, "ar", _record_resolver, kind=RECORD)
    errors = failure.value.errors
    place = lines[f"{shown.pk}:place"]
    assert (
        f"Khaled Omar: Line {place}: the English of “place” has changed since the "
        "export; export again." in errors
    )
    tribute = lines[f"{shown.pk}:tribute"]
    assert (
        f"Khaled Omar: Line {tribute}: broken markup: “</p>” comes before “</b>”."
        in errors
    )
    # The photo description of a record whose photo is private is not accepted.
    photo = lines[f"{private.pk}:photo_alt"]
    assert f"Private Person: Line {photo}: “photo_alt” is not in this record." in errors
    # All or nothing.
    assert {r.pk: r.revisions.count() for r in records} == revisions
    assert not FallenVolunteer.objects.get(pk=private.pk).has_unpublished_changes


def test_unknown_records_and_page_files_are_refused(records, home):
    shown, _private = records
    text = export_file([shown], "ar", FORMATS["po"], RECORD)
    missing = text.replace(
        f"X-Memorial-Record-Id: {shown.pk}", "X-Memorial-Record-Id: 999999"
    )
    with pytest.raises(ImportFailed) as failure:
        import_file(missing, "ar", _record_resolver, kind=RECORD)
    assert failure.value.errors == [
        "The file holds memorial record “999999”, which does not exist."
    ]
    page = StandardPageFactory(parent=home)
    page_file = export_file([page], "ar", FORMATS["xliff"])
    with pytest.raises(ImportFailed) as failure:
        import_file(page_file, "ar", _record_resolver, kind=RECORD)
    assert failure.value.errors == ["This file holds pages, not memorial records."]
    with pytest.raises(ImportFailed) as failure:
        import_file(text, "ar", lambda ids: ({}, []))
    assert failure.value.errors == ["This file holds memorial records, not pages."]


def test_records_picked_in_the_listing_go_out_and_come_back_in_the_admin(
    admin_client, records
):
    shown, private = records
    listing = admin_client.get(
        reverse(FallenVolunteer.snippet_viewset.get_url_name("list"))
    ).text
    bulk = reverse(
        "wagtail_bulk_action", args=("memorial", "fallenvolunteer", "translate_offline")
    )
    assert bulk in listing and "Translate offline" in listing
    url = f"{bulk}?id={shown.pk}&id={private.pk}"
    confirm = admin_client.get(url).text
    assert "Khaled Omar" in confirm and "never the source note" in confirm
    response = admin_client.post(url, {"language": "ar", "format": "po"})
    assert response["Content-Disposition"] == (
        'attachment; filename="memorial-records-ar.po"'
    )
    found, po = entries(response.content.decode())
    found[f"{shown.pk}:place"].msgstr = "سراقب"
    upload = SimpleUploadedFile("records.po", str(po).encode())
    screen = reverse("core_translation_import_records")
    response = admin_client.post(screen, {"language": "ar", "file": upload})
    assert response.status_code == 302
    draft = FallenVolunteer.objects.get(pk=shown.pk).get_latest_revision_as_object()
    assert draft.place_ar == "سراقب"


def test_every_record_missing_arabic_goes_out_in_one_file(admin_client, records):
    shown, private = records
    done = FallenVolunteerFactory(name_en="Done", place_ar="سراقب")
    done.save_revision().publish()
    screen = admin_client.get(reverse("core_translation_import_records")).text
    export = reverse("core_translation_export_records")
    link = f"{export}?language=ar&amp;format=xliff2"
    assert link in screen
    assert "Download every record missing or outdated in Arabic (XLIFF 2.0)" in screen
    text = admin_client.get(link.replace("&amp;", "&")).content.decode()
    assert f"{RECORD}/{shown.pk}" in text and f"{RECORD}/{private.pk}" in text
    assert f"{RECORD}/{done.pk}" not in text
    for secret in PRIVATE:
        assert secret not in text


def test_a_broken_records_file_is_explained_in_the_admin(admin_client, records):
    shown, _private = records
    found, po = entries(export_file([shown], "ar", FORMATS["po"], RECORD))
    found["place"].msgid, found["place"].msgstr = "Old place", "سراقب"
    upload = SimpleUploadedFile("records.po", str(po).encode())
    response = admin_client.post(
        reverse("core_translation_import_records"), {"language": "ar", "file": upload}
    )
    assert response.status_code == 200
    assert "Nothing was saved." in response.text
    assert "the English of “place” has changed" in response.text


def test_the_records_the_report_shows_go_out_in_one_file(admin_client, records):
    shown, private = records
    report = admin_client.get(
        reverse("core_translations_report"),
        {"status": "missing", "language": "ar", "object_id": shown.pk},
    ).text
    assert "Translate these records offline" in report
    bulk = reverse(
        "wagtail_bulk_action", args=("memorial", "fallenvolunteer", "translate_offline")
    )
    start = report.index(f'href="{bulk}?')
    url = report[start + 6 : report.index('"', start + 6)].replace("&amp;", "&")
    confirm = admin_client.get(url).text
    assert "Khaled Omar" in confirm and "Private Person" not in confirm
