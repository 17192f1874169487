"""Consent changes take effect when they are saved: a withdrawal saved with "Save
draft" (or imported with Publish unticked) hides the person at once; granting consent
waits for a publish."""

import csv
import io
import json

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from memorial import importing
from memorial.models import Consent, FallenVolunteer
from tests.memorial.factories import FallenVolunteerFactory

AR_BASE = "/ar/شهداء-الدفاع-المدني/"
EDIT = "/admin/snippets/memorial/fallenvolunteer/edit/{}/"
NAME_EN, NAME_AR = "Withdrawn Person", "شخص مسحوب"


@pytest.fixture
def editor(django_user_model, home):
    """A memorial editor who may publish."""
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


@pytest.fixture
def editor_client(client, editor, sign_in):
    sign_in(client, editor)
    return client


def form_data(person, **changes):
    """The admin edit form as the editor sends it, with ``changes``."""
    data = {
        "name_en": person.name_en,
        "name_ar": person.name_ar or "",
        "other_names": person.other_names,
        "slug": person.slug,
        "date_of_death": person.date_of_death.isoformat(),
        "governorate": person.governorate,
        "place_en": person.place_en or "",
        "place_ar": person.place_ar or "",
        "centre_en": "",
        "centre_ar": "",
        "role_en": "",
        "role_ar": "",
        "cause": person.cause,
        "photo_alt_en": "",
        "photo_alt_ar": "",
        "consent": person.consent,
        "source_note": person.source_note,
        "external_id": person.external_id or "",
    }
    data.update(changes)
    return data


def save_draft(client, person, **changes):
    """The default button of the edit form: "Save draft" (no action in the POST)."""
    response = client.post(EDIT.format(person.pk), form_data(person, **changes))
    assert response.status_code == 302, response.content.decode()[:2000]


def publish(client, person, **changes):
    data = form_data(person, **changes)
    response = client.post(
        EDIT.format(person.pk), {**data, "action-publish": "action-publish"}
    )
    assert response.status_code == 302, response.content.decode()[:2000]


def public_texts(client, slug):
    """What an anonymous visitor gets from every public place showing records."""
    urls = [
        "/en/memorial/",
        AR_BASE,
        "/en/search/?q=Withdrawn",
        "/ar/search/?q=مسحوب",
        "/en/memorial/?q=Withdrawn",
        "/en/memorial/export/csv/",
        f"{AR_BASE}export/csv/",
        "/en/memorial/export/json/",
        f"{AR_BASE}export/json/",
        "/sitemap.xml",
    ]
    texts = {}
    client.logout()
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        texts[url] = response.content.decode("utf-8-sig")
    return texts


def person_status(client, slug):
    client.logout()
    return (
        client.get(f"/en/memorial/{slug}/").status_code,
        client.get(f"{AR_BASE}{slug}/").status_code,
    )


def shown_anywhere(texts):
    return {
        url
        for url, text in texts.items()
        if NAME_EN in text or NAME_AR in text or "withdrawn-person" in text
    }


@pytest.fixture
def person(memorial):
    return FallenVolunteerFactory(
        name_en=NAME_EN,
        name_ar=NAME_AR,
        slug="withdrawn-person",
        consent=Consent.NAME_ONLY,
    )


def test_a_withdrawal_saved_as_a_draft_hides_the_person_at_once(
    client, editor, person, sign_in
):
    assert person_status(client, person.slug) == (200, 200)
    sign_in(client, editor)
    save_draft(client, person, consent=Consent.NONE, place_en="Changed later")
    live = FallenVolunteer.objects.get(pk=person.pk)
    assert live.consent == Consent.NONE
    assert live.live and live.has_unpublished_changes
    assert live.place_en == "Saraqib"  # other changes still wait for a publish
    assert person_status(client, person.slug) == (404, 404)
    assert shown_anywhere(public_texts(client, person.slug)) == set()


def test_a_withdrawal_of_the_photo_saved_as_a_draft_hides_the_photo(
    client, editor, memorial, sign_in
):
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    photo = Image.objects.create(title="p", file=get_test_image_file())
    person = FallenVolunteerFactory(photo=photo, slug="with-photo")
    assert (
        'class="memorial-person__photo"'
        in client.get("/en/memorial/with-photo/").content.decode()
    )
    sign_in(client, editor)
    save_draft(client, person, consent=Consent.NAME_ONLY, photo=photo.pk)
    client.logout()
    for url in ("/en/memorial/with-photo/", f"{AR_BASE}with-photo/"):
        html = client.get(url).content.decode()
        assert "memorial-person__photo" not in html
        assert "/media/" not in html


def test_granting_consent_in_a_draft_waits_for_the_publish(
    client, editor, memorial, sign_in
):
    person = FallenVolunteerFactory(
        name_en=NAME_EN,
        name_ar=NAME_AR,
        slug="withdrawn-person",
        consent=Consent.NONE,
    )
    sign_in(client, editor)
    save_draft(client, person, consent=Consent.NAME_AND_PHOTO)
    assert FallenVolunteer.objects.get(pk=person.pk).consent == Consent.NONE
    assert person_status(client, person.slug) == (404, 404)
    assert shown_anywhere(public_texts(client, person.slug)) == set()
    sign_in(client, editor)
    publish(client, person, consent=Consent.NAME_AND_PHOTO)
    assert person_status(client, person.slug) == (200, 200)
    assert "/en/memorial/" in shown_anywhere(public_texts(client, person.slug))


def test_a_later_draft_raising_consent_again_does_not_undo_the_withdrawal(
    client, editor, person, sign_in
):
    sign_in(client, editor)
    save_draft(client, person, consent=Consent.NONE)
    save_draft(client, person, consent=Consent.NAME_AND_PHOTO)
    assert FallenVolunteer.objects.get(pk=person.pk).consent == Consent.NONE
    assert person_status(client, person.slug) == (404, 404)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "Lowering consent takes effect as soon as you save"),
        ("ar", "يسري خفض الموافقة فور الحفظ"),
    ],
)
def test_the_admin_form_says_when_consent_changes_take_effect(
    client, editor, person, language, text, sign_in
):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = language
    profile.save()
    sign_in(client, editor)
    html = client.get(EDIT.format(person.pk)).content.decode()
    assert text in html


# Imports with "Publish" unticked

HEADER = "external_id,name_en,name_ar,date_of_death,governorate,cause,consent\n"


def withdrawing_file(person, consent="none"):
    return HEADER + (
        f"{person.external_id},{NAME_EN},{NAME_AR},2016-05-12,idlib,double_tap,"
        f"{consent}\n"
    )


def test_an_import_saved_as_drafts_withdraws_consent_at_once(client, person):
    result = importing.import_file(
        withdrawing_file(person).encode(), publish=False, user=None
    )
    assert result.ok and result.updated == 1, result.errors
    live = FallenVolunteer.objects.get(pk=person.pk)
    assert live.consent == Consent.NONE and live.has_unpublished_changes
    assert person_status(client, person.slug) == (404, 404)
    assert shown_anywhere(public_texts(client, person.slug)) == set()


def test_an_import_saved_as_drafts_does_not_grant_consent(client, memorial):
    person = FallenVolunteerFactory(
        name_en=NAME_EN, name_ar=NAME_AR, slug="withdrawn-person", consent="none"
    )
    importing.import_file(
        withdrawing_file(person, "name_and_photo").encode(), publish=False
    )
    assert FallenVolunteer.objects.get(pk=person.pk).consent == Consent.NONE
    assert person_status(client, person.slug) == (404, 404)


def test_the_admin_import_with_publish_unticked_withdraws_consent(
    editor_client, person
):
    response = editor_client.post(
        "/admin/memorial_import/",
        {"file": SimpleUploadedFile("list.csv", withdrawing_file(person).encode())},
    )
    assert "1 updated" in response.content.decode()
    assert person_status(editor_client, person.slug) == (404, 404)
    assert shown_anywhere(public_texts(editor_client, person.slug)) == set()


def test_the_import_command_with_drafts_withdraws_consent(client, person, tmp_path):
    path = tmp_path / "list.csv"
    path.write_text(
        withdrawing_file(person, "name_only").replace("name_only", "none"),
        encoding="utf-8",
    )
    call_command("import_memorial", str(path), "--draft", stdout=io.StringIO())
    assert person_status(client, person.slug) == (404, 404)
    rows = list(
        csv.DictReader(
            io.StringIO(
                client.get("/en/memorial/export/csv/").content.decode("utf-8-sig")
            )
        )
    )
    assert NAME_EN not in [row["name_en"] for row in rows]
    data = json.loads(client.get(f"{AR_BASE}export/json/").content)
    assert data["published_records"] == 0 and data["total_lost"] == 1


@pytest.mark.parametrize(
    ("language", "text"),
    [("en", "the public record already shows it"), ("ar", "يظهر ذلك في السجل المنشور")],
)
def test_the_editor_is_told_the_withdrawal_is_already_public(
    client, editor, person, language, text, sign_in
):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = language
    profile.save()
    sign_in(client, editor)
    response = client.post(
        EDIT.format(person.pk), form_data(person, consent=Consent.NONE), follow=True
    )
    assert text in response.content.decode()
    # A draft that withdraws nothing says nothing of the kind.
    response = client.post(
        EDIT.format(person.pk),
        form_data(person, consent=Consent.NONE, place_en="Ariha"),
        follow=True,
    )
    assert text not in response.content.decode()
    # Nor does a publish, which makes every change public.
    other = FallenVolunteerFactory(consent=Consent.NAME_ONLY)
    response = client.post(
        EDIT.format(other.pk),
        {
            **form_data(other, consent=Consent.NONE),
            "action-publish": "action-publish",
        },
        follow=True,
    )
    assert text not in response.content.decode()


def test_a_version_scheduled_before_the_withdrawal_does_not_grant_consent_again(
    client, editor, person, sign_in
):
    import datetime

    from django.utils import timezone

    person.save_revision().publish()
    scheduled = FallenVolunteer.objects.get(pk=person.pk)
    scheduled.consent = Consent.NAME_AND_PHOTO
    scheduled.go_live_at = timezone.now() + datetime.timedelta(days=1)
    scheduled.save_revision().publish()
    revision = scheduled.revisions.get(approved_go_live_at__isnull=False)
    sign_in(client, editor)
    save_draft(client, person, consent=Consent.NONE)
    revision.refresh_from_db()
    # The day has come.
    past = timezone.now() - datetime.timedelta(minutes=1)
    revision.approved_go_live_at = past
    revision.content["go_live_at"] = past.isoformat()
    revision.save()
    call_command("publish_scheduled", stdout=io.StringIO())
    live = FallenVolunteer.objects.get(pk=person.pk)
    assert live.live_revision == revision  # the scheduled version went live
    assert live.consent == Consent.NONE
    assert person_status(client, person.slug) == (404, 404)


def test_a_withdrawal_saved_as_a_draft_drops_the_cached_pages(
    client, editor, person, settings, sign_in
):
    settings.PAGE_CACHE_SECONDS = 600
    pages = {
        "/en/memorial/": NAME_EN,
        AR_BASE: NAME_AR,
        f"/en/memorial/{person.slug}/": NAME_EN,
        f"{AR_BASE}{person.slug}/": NAME_AR,
    }
    for url, name in pages.items():  # cached for visitors now
        assert name in client.get(url).content.decode()
        assert client.get(url)["X-Page-Cache"] == "hit"
    sign_in(client, editor)
    save_draft(client, person, consent=Consent.NONE)
    assert person_status(client, person.slug) == (404, 404)
    assert shown_anywhere(public_texts(client, person.slug)) == set()
