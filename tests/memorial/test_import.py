"""Importing CSV files: good files, bad rows (all reported, nothing written),
re-imports that update, dry runs, the command and the admin upload page."""

import io

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.utils import translation
from wagtail.models import Revision

from core import figures
from memorial import importing
from memorial.models import Consent, FallenVolunteer
from tests.memorial.factories import FallenVolunteerFactory

HEADER = (
    "external_id,name_en,name_ar,other_names,date_of_death,date_is_approximate,"
    "governorate,place_en,place_ar,cause,tribute_en,tribute_ar,consent\n"
)
GOOD = HEADER + (
    'SCD-001,Khaled Omar,خالد عمر,"Khalid Omar, Omar Khaled",2016-05-12,no,idlib,'
    "Saraqib,سراقب,double_tap,He ran towards the smoke.,ركض نحو الدخان.,name_only\n"
    "SCD-002,Amina Saleh,آمنة صالح,,2018-02-01,yes,Rif Dimashq,Douma,دوما,"
    "Airstrike,,,name_and_photo\n"
    "SCD-003,Private Record,سجل خاص,,2014-07-30,,aleppo,,,shelling,,,none\n"
)


def run(text, **kwargs):
    return importing.import_file(text.encode("utf-8"), **kwargs)


def test_a_good_file_adds_published_records(db):
    result = run(GOOD)
    assert result.ok, result.errors
    assert (result.rows, result.created, result.updated) == (3, 3, 0)
    khaled = FallenVolunteer.objects.get(external_id="SCD-001")
    assert khaled.live and khaled.slug == f"v-{khaled.pk:06d}"
    assert khaled.name_ar == "خالد عمر" and khaled.place_en == "Saraqib"
    assert khaled.tribute_en == "<p>He ran towards the smoke.</p>"
    assert khaled.latest_revision is not None
    assert khaled.live_revision == khaled.latest_revision
    assert khaled.revisions.count() == 1
    amina = FallenVolunteer.objects.get(external_id="SCD-002")
    assert amina.date_is_approximate and amina.governorate == "rif_dimashq"
    assert amina.cause == "airstrike" and amina.consent == Consent.NAME_AND_PHOTO
    assert FallenVolunteer.objects.matching("امنه").get() == amina
    assert FallenVolunteer.objects.matching("khalid").get() == khaled
    assert figures.render("memorial.total_lost") == "3"


def test_records_imported_as_drafts_are_not_public(db):
    result = run(GOOD, publish=False)
    assert result.created == 3
    assert FallenVolunteer.objects.counted().count() == 0
    draft = FallenVolunteer.objects.get(external_id="SCD-001")
    assert not draft.live and draft.has_unpublished_changes
    draft.get_latest_revision().publish()
    assert figures.render("memorial.total_lost") == "1"


def test_reimporting_updates_instead_of_duplicating(db):
    run(GOOD)
    khaled = FallenVolunteer.objects.get(external_id="SCD-001")
    again = run(GOOD)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
    changed = run(GOOD.replace("Saraqib", "Ariha"))
    assert (changed.created, changed.updated, changed.unchanged) == (0, 1, 2)
    assert FallenVolunteer.objects.count() == 3
    khaled.refresh_from_db()
    assert khaled.place_en == "Ariha"
    assert khaled.slug == f"v-{khaled.pk:06d}"  # the address never changes
    assert khaled.revisions.count() == 2


def test_reimport_as_draft_keeps_the_published_values(db):
    run(GOOD)
    run(GOOD.replace("Saraqib", "Ariha"), publish=False)
    khaled = FallenVolunteer.objects.get(external_id="SCD-001")
    assert khaled.place_en == "Saraqib" and khaled.live
    assert khaled.has_unpublished_changes
    assert khaled.get_latest_revision_as_object().place_en == "Ariha"


def test_a_partial_file_leaves_other_fields_alone(db):
    person = FallenVolunteerFactory(
        external_id="SCD-009", role_en="Driver", source_note="From the team list"
    )
    text = (
        "external_id,name_en,date_of_death,governorate,cause,consent\n"
        "SCD-009,New Name,2016-05-12,idlib,double_tap,name_only\n"
    )
    assert run(text).updated == 1
    person.refresh_from_db()
    assert person.name_en == "New Name"
    assert person.role_en == "Driver" and person.source_note == "From the team list"


BAD = HEADER + (
    "SCD-001,Good Row,صف جيد,,2016-05-12,no,idlib,,,double_tap,,,name_only\n"
    ",No Id,,,2016-05-12,no,idlib,,,double_tap,,,name_only\n"
    "SCD-003,,,,12/05/2016,maybe,narnia,,,bombs,,,everything\n"
    'SCD-004,"Multi\nline",,,2016-02-30,no,idlib,,,double_tap,,,name_only\n'
    "SCD-001,Duplicate,,,2099-01-01,no,idlib,,,double_tap,,,name_only\n"
    "SCD-006,Too few cells\n"
)


def test_every_bad_row_is_reported_with_its_line_and_nothing_is_written(db):
    result = run(BAD)
    assert not result.ok
    found = {(error.line, error.column) for error in result.errors}
    assert (3, "external_id") in found
    assert {
        (4, "name_en"),
        (4, "date_of_death"),
        (4, "date_is_approximate"),
        (4, "governorate"),
        (4, "cause"),
        (4, "consent"),
    } <= found
    assert (5, "date_of_death") in found  # 30 February; the row starts on line 5
    assert (7, "external_id") in found  # duplicate of line 2
    assert (7, "date_of_death") in found  # in the future
    assert (8, "") in found  # wrong number of cells
    duplicate = next(
        e for e in result.errors if e.line == 7 and e.column == "external_id"
    )
    assert "line 2" in duplicate.message
    assert "nothing was imported" in result.summary()
    assert FallenVolunteer.objects.count() == 0


def test_error_messages_are_translated(db):
    with translation.override("ar"):
        result = run(BAD)
        messages = " ".join(str(error) for error in result.errors)
    assert "السطر 4" in messages
    assert "ليست من محافظات سوريا" in messages


def test_unknown_and_missing_columns_are_reported(db):
    result = run("external_id,nme_en,date_of_death\nX,Y,2016-01-01\n")
    found = {(error.line, error.column) for error in result.errors}
    assert (1, "nme_en") in found
    assert {(1, "name_en"), (1, "governorate"), (1, "cause"), (1, "consent")} <= found


def test_files_that_cannot_be_read_are_reported(db):
    assert "UTF-8" in importing.import_file(b"name_en\n\xff\xfe bad").errors[0].message
    assert not importing.import_file(b"").ok
    assert not run(HEADER).ok  # a header and no rows


def test_an_address_belonging_to_another_record_is_refused(db):
    FallenVolunteerFactory(external_id="OTHER", slug="taken")
    text = HEADER.replace("external_id,", "external_id,slug,") + (
        "SCD-001,taken,Name,,,2016-05-12,no,idlib,,,double_tap,,,name_only\n"
    )
    result = run(text)
    assert [(e.line, e.column) for e in result.errors] == [(2, "slug")]


def test_a_dry_run_reports_and_changes_nothing(db):
    FallenVolunteerFactory(external_id="SCD-001", name_en="Old name")
    revisions = Revision.objects.count()
    result = run(GOOD, dry_run=True)
    assert result.ok and result.dry_run
    assert (result.created, result.updated) == (2, 1)
    assert "Nothing was saved" in result.summary()
    assert FallenVolunteer.objects.count() == 1
    assert FallenVolunteer.objects.get().name_en == "Old name"
    assert Revision.objects.count() == revisions


def test_exported_staff_file_imports_back_unchanged(db):
    from memorial import exporting

    run(GOOD)
    person = FallenVolunteer.objects.get(external_id="SCD-001")
    person.tribute_en = '<p data-block-key="x1">He ran <b>towards</b> the smoke.</p>'
    person.save()
    exported = exporting.to_csv(
        exporting.staff_records(), importing.columns() + exporting.STAFF_EXTRA
    )
    result = run(exported)
    assert result.ok, result.errors
    assert (result.created, result.updated, result.unchanged) == (0, 0, 3)
    person.refresh_from_db()
    assert "<b>towards</b>" in person.tribute_en  # formatting kept


def test_command_imports_a_file_and_reports_progress(db, tmp_path, monkeypatch):
    monkeypatch.setattr(importing, "PROGRESS_EVERY", 2)
    path = tmp_path / "list.csv"
    path.write_text(GOOD, encoding="utf-8")
    out = io.StringIO()
    call_command("import_memorial", str(path), stdout=out)
    assert "Checked 2 of 3 rows" in out.getvalue()
    assert "3 added" in out.getvalue()
    assert FallenVolunteer.objects.counted().count() == 3


def test_command_dry_run_changes_nothing(db, tmp_path):
    path = tmp_path / "list.csv"
    path.write_text(GOOD, encoding="utf-8")
    out = io.StringIO()
    call_command("import_memorial", str(path), "--dry-run", stdout=out)
    assert "3 would be added" in out.getvalue()
    assert not FallenVolunteer.objects.exists()


def test_command_drafts_option(db, tmp_path):
    path = tmp_path / "list.csv"
    path.write_text(GOOD, encoding="utf-8")
    call_command("import_memorial", str(path), "--draft", stdout=io.StringIO())
    assert FallenVolunteer.objects.count() == 3
    assert not FallenVolunteer.objects.counted().exists()


def test_command_fails_with_every_error_listed(db, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(BAD, encoding="utf-8")
    err = io.StringIO()
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_memorial", str(path), stderr=err, stdout=io.StringIO())
    assert "line 4, governorate" in err.getvalue()
    assert not FallenVolunteer.objects.exists()


def test_command_reports_a_missing_file(db, tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import_memorial", str(tmp_path / "missing.csv"))


# The admin upload page


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user("editor", password="x")
    group = Group.objects.create(name="Memorial editors")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        *Permission.objects.filter(
            content_type__app_label="memorial",
            codename__in=[
                "add_fallenvolunteer",
                "change_fallenvolunteer",
                "publish_fallenvolunteer",
            ],
        ),
    )
    user.groups.add(group)
    return user


def upload(client, text, **data):
    return client.post(
        "/admin/memorial_import/",
        {"file": SimpleUploadedFile("list.csv", text.encode()), **data},
    )


def test_admin_upload_checks_then_imports(client, editor, sign_in):
    sign_in(client, editor)
    assert client.get("/admin/memorial_import/").status_code == 200
    checked = upload(client, GOOD, dry_run="on", publish="on")
    assert "3 would be added" in checked.content.decode()
    assert not FallenVolunteer.objects.exists()
    imported = upload(client, GOOD, publish="on")
    assert "3 added" in imported.content.decode()
    assert FallenVolunteer.objects.counted().count() == 3
    revision = FallenVolunteer.objects.first().latest_revision
    assert revision.user == editor


def test_admin_upload_lists_the_errors_by_line(client, editor, sign_in):
    sign_in(client, editor)
    response = upload(client, BAD, publish="on")
    text = response.content.decode()
    assert "The file has problems" in text
    assert "<td>4</td><td>governorate</td>" in text.replace("\n", "")
    assert not FallenVolunteer.objects.exists()


def test_admin_upload_refuses_other_files(client, editor, sign_in):
    sign_in(client, editor)
    response = client.post(
        "/admin/memorial_import/",
        {"file": SimpleUploadedFile("photo.png", b"\x89PNG")},
    )
    assert "Upload a CSV file" in response.content.decode()


def test_admin_upload_needs_permission(client, django_user_model, sign_in):
    user = django_user_model.objects.create_user("reader", password="x")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    sign_in(client, user)
    response = upload(client, GOOD)
    assert response.status_code in (302, 403)
    assert not FallenVolunteer.objects.exists()


def test_publishing_needs_the_publish_permission(client, editor, sign_in):
    editor.groups.first().permissions.remove(
        Permission.objects.get(codename="publish_fallenvolunteer")
    )
    sign_in(client, editor)
    refused = upload(client, GOOD, publish="on")
    assert "You may not publish records" in refused.content.decode()
    assert not FallenVolunteer.objects.exists()
    upload(client, GOOD)  # as drafts
    assert FallenVolunteer.objects.count() == 3
    assert not FallenVolunteer.objects.counted().exists()


def test_ids_and_addresses_too_long_for_the_database_are_reported_by_line(db):
    text = HEADER.replace("external_id,", "external_id,slug,") + (
        f"{'X' * 65},,Khaled Omar,خالد عمر,,2016-05-12,no,idlib,,,double_tap,,,none\n"
        f"SCD-2,{'a' * 81},Amina Saleh,آمنة صالح,,2018-02-01,no,idlib,,,shelling,,,"
        "none\n"
    )
    result = run(text)
    found = {(error.line, error.column) for error in result.errors}
    assert found == {(2, "external_id"), (3, "slug")}
    assert all("too long" in error.message for error in result.errors)
    assert FallenVolunteer.objects.count() == 0


def test_an_address_the_person_page_could_not_serve_is_refused(db):
    text = HEADER.replace("external_id,", "external_id,slug,") + (
        "SCD-1,khaled_omar,Khaled Omar,خالد عمر,,2016-05-12,no,idlib,,,double_tap,,,"
        "none\n"
    )
    result = run(text)
    assert [(error.line, error.column) for error in result.errors] == [(2, "slug")]


def test_dates_typed_with_arabic_digits_are_read(db):
    text = HEADER + (
        "SCD-1,Khaled Omar,خالد عمر,,٢٠١٦-٠٩-٢٠,no,idlib,,,double_tap,,,name_only\n"
    )
    result = run(text)
    assert result.ok, [str(error) for error in result.errors]
    assert str(FallenVolunteer.objects.get().date_of_death) == "2016-09-20"


def test_rows_are_checked_by_the_admins_own_form(db):
    from memorial.forms import FallenVolunteerForm

    admin_form = FallenVolunteer.snippet_viewset.get_edit_handler().get_form_class()
    assert issubclass(admin_form, FallenVolunteerForm)
    assert issubclass(importing.row_form_class(HEADER.split(",")), FallenVolunteerForm)
    # A rule written once, in the form: the admin and the import say the same.
    data = {
        "name_en": "Khaled Omar",
        "date_of_death": "2016-05-12",
        "date_of_birth": "1850-01-01",
        "governorate": "idlib",
        "cause": "double_tap",
        "consent": "name_only",
    }
    form = admin_form(data, instance=FallenVolunteer())
    assert not form.is_valid()
    in_the_admin = form.errors["date_of_birth"]
    text = HEADER.replace("consent\n", "consent,date_of_birth\n") + (
        "SCD-1,Khaled Omar,,,2016-05-12,no,idlib,,,double_tap,,,name_only,1850-01-01\n"
    )
    result = run(text)
    assert [(e.line, e.column, e.message) for e in result.errors] == [
        (2, "date_of_birth", " ".join(in_the_admin))
    ]


def test_a_full_update_keeps_revisions_and_search_right(db):
    run(GOOD)
    changed = run(
        GOOD.replace("Khaled Omar", "Karim Nasser").replace("Saraqib", "Ariha")
    )
    assert (changed.updated, changed.unchanged) == (1, 2)
    person = FallenVolunteer.objects.get(external_id="SCD-001")
    assert person.name_en == "Karim Nasser" and person.live
    assert person.live_revision == person.latest_revision
    revision = person.latest_revision.as_object()
    assert (revision.name_en, revision.place_en) == ("Karim Nasser", "Ariha")
    assert revision.slug == person.slug == f"v-{person.pk:06d}"
    assert FallenVolunteer.objects.matching("karim").get() == person
    stored = person.search_key
    person.update_search_key()
    assert stored == person.search_key  # as a save in the admin makes it


def test_the_address_of_a_new_record_is_never_one_already_taken(db):
    first = FallenVolunteerFactory(external_id="OTHER")
    # The next record's usual address is already used by another record.
    FallenVolunteerFactory(external_id="SQUATTER", slug=f"v-{first.pk + 2:06d}")
    result = run(GOOD)
    assert result.ok, result.errors
    slugs = list(FallenVolunteer.objects.values_list("slug", flat=True))
    assert len(slugs) == len(set(slugs)) == 5
