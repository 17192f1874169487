"""The import page in the admin: the check-only box, the column guide (from the same
column definitions the importer reads, in English and Arabic) and the sample file."""

import csv
import io
import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.users.models import UserProfile

from memorial import importing
from memorial.models import FallenVolunteer

PAGE = "/admin/memorial_import/"
SAMPLE = "/admin/memorial_import/sample.csv"


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user("importer", password="x")
    group = Group.objects.create(name="Memorial importers")
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


def in_language(user, language):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()


def dry_run_box(html):
    return re.search(r'<input[^>]*name="dry_run"[^>]*>', html).group(0)


def upload(client, content, **data):
    return client.post(PAGE, {"file": SimpleUploadedFile("list.csv", content), **data})


def test_the_check_only_box_starts_ticked_and_stays_ticked_after_a_dry_run(
    client, editor, sign_in
):
    sign_in(client, editor)
    assert "checked" in dry_run_box(client.get(PAGE).content.decode())
    sample = client.get(SAMPLE).content
    html = upload(client, sample, dry_run="on", publish="on").content.decode()
    assert "3 would be added" in html
    assert "checked" in dry_run_box(html)


def test_after_a_failed_check_the_box_stays_ticked(client, editor, sign_in):
    sign_in(client, editor)
    html = upload(client, b"external_id\nX\n", dry_run="on").content.decode()
    assert "The file has problems" in html
    assert "checked" in dry_run_box(html)


def test_after_a_real_import_the_box_is_ticked_again_for_the_next_file(
    client, editor, sign_in
):
    sign_in(client, editor)
    html = upload(client, client.get(SAMPLE).content, publish="on").content.decode()
    assert "3 added" in html
    assert "checked" in dry_run_box(html)


def test_the_guide_lists_every_column_the_importer_accepts(client, editor, sign_in):
    sign_in(client, editor)
    html = client.get(PAGE).content.decode()
    accepted = set(importing.BY_NAME)
    assert set(importing.columns()) <= accepted
    listed = set(re.findall(r'<tr id="column-([a-z_]+)"', html))
    assert listed == accepted
    for name in importing.REQUIRED:
        row = html[html.index(f'id="column-{name}"') :]
        assert "Required</span>" in row[: row.index("</tr>")]
    # Each code with its meaning.
    governorate = html[html.index('id="column-governorate"') :]
    assert '<code dir="ltr">rif_dimashq</code></dt><dd>Rif Dimashq</dd>' in governorate
    consent = html[html.index('id="column-consent"') :]
    assert '<code dir="ltr">name_only</code></dt><dd>Name only</dd>' in consent
    assert "docs/memorial-import.md" not in html


def test_the_guide_reads_in_arabic_in_the_arabic_admin(client, editor, sign_in):
    in_language(editor, "ar")
    sign_in(client, editor)
    html = client.get(PAGE).content.decode()
    assert "أعمدة الملف" in html  # "The columns of the file"
    assert "تنزيل ملف CSV نموذجي" in html  # "Download a sample CSV"
    governorate = html[html.index('id="column-governorate"') :]
    assert "<dd>ريف دمشق</dd>" in governorate
    assert "إلزامي" in html  # "Required"
    assert "The columns of the file" not in html


def test_the_sample_file_has_every_column_and_imports_cleanly(client, editor, sign_in):
    sign_in(client, editor)
    response = client.get(SAMPLE)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == importing.columns()
    assert len(rows) == 4
    html = upload(client, response.content, dry_run="on").content.decode()
    assert "The file is ready to import" in html
    assert not FallenVolunteer.objects.exists()


def test_the_sample_people_are_marked_as_samples_and_not_shown(db):
    result = importing.import_file(importing.sample_csv())
    assert result.ok, [str(error) for error in result.errors]
    people = FallenVolunteer.objects.all()
    assert len(people) == 3
    assert all(person.is_sample for person in people)
    assert not FallenVolunteer.objects.public().exists()


def test_the_sample_file_needs_admin_access(client, django_user_model, sign_in):
    assert client.get(SAMPLE).status_code in (302, 403)
    user = django_user_model.objects.create_user("reader", password="x")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    sign_in(client, user)
    assert client.get(SAMPLE).status_code in (302, 403)


def test_a_bad_file_is_explained_in_arabic_by_line_and_nothing_is_written(
    client, editor, sign_in
):
    in_language(editor, "ar")
    sign_in(client, editor)
    sample = client.get(SAMPLE).content.decode("utf-8-sig")
    header, first, second, third = sample.strip().split("\r\n")
    broken = "\n".join(
        [header, first, second.replace("rif_dimashq", "Narnia"), third]
    ).replace("Sample Volunteer Three", "")
    html = upload(client, broken.encode(), publish="on").content.decode()
    rows = re.sub(r"\s+", " ", html)
    assert "<td>3</td><td>governorate</td><td>«Narnia» ليست من محافظات سوريا" in rows
    assert "<td>4</td><td>name_en</td><td>هذا الحقل مطلوب" in rows
    assert not FallenVolunteer.objects.exists()
