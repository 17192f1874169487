"""Translators: every Arabic text box is right to left and marked Arabic, whatever
language the admin is shown in; English ones stay left to right."""

from html.parser import HTMLParser

import pytest
from django.test import override_settings
from django.urls import reverse
from wagtail.users.models import UserProfile

from core.translation_admin import field_language, language_attributes
from tests.faq.factories import FaqPageFactory
from tests.memorial.factories import FallenVolunteerFactory

pytestmark = pytest.mark.django_db


class TextBoxes(HTMLParser):
    """The attributes of every input and textarea, by name (also inside the
    ``<template>`` Wagtail keeps for new inline rows)."""

    def __init__(self, html):
        super().__init__()
        self.boxes = {}
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("input", "textarea") and attrs.get("name"):
            self.boxes[attrs["name"]] = attrs


def boxes(response):
    assert response.status_code == 200
    return TextBoxes(response.content.decode()).boxes


def assert_written_in(box, language, direction):
    assert (box.get("lang"), box.get("dir")) == (language, direction), box


@pytest.fixture(params=["en", "ar"])
def admin_language(request, admin_user):
    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = request.param
    profile.save()
    return request.param


def test_arabic_page_fields_are_right_to_left(admin_client, admin_language, about):
    edit = reverse("wagtailadmin_pages:edit", args=(about.pk,))
    fields = boxes(admin_client.get(edit))
    for name in ("title_ar", "slug_ar", "introduction_ar", "seo_title_ar"):
        assert_written_in(fields[name], "ar", "rtl")
    for name in ("title_en", "introduction_en"):
        assert_written_in(fields[name], "en", "ltr")


def test_arabic_questions_in_inline_rows_are_right_to_left(
    admin_client, admin_language, home
):
    faq = FaqPageFactory(parent=home)
    edit = reverse("wagtailadmin_pages:edit", args=(faq.pk,))
    fields = boxes(admin_client.get(edit))
    # The row template the "Add question" button copies.
    assert_written_in(fields["questions-__prefix__-question_ar"], "ar", "rtl")
    assert_written_in(fields["questions-__prefix__-question_en"], "en", "ltr")
    assert_written_in(fields["categories-__prefix__-title_ar"], "ar", "rtl")


def test_arabic_memorial_fields_are_right_to_left_and_spellings_auto(
    admin_client, admin_language, home
):
    person = FallenVolunteerFactory()
    fields = boxes(
        admin_client.get(f"/admin/snippets/memorial/fallenvolunteer/edit/{person.pk}/")
    )
    for name in ("name_ar", "place_ar", "centre_ar", "role_ar", "photo_alt_ar"):
        assert_written_in(fields[name], "ar", "rtl")
    assert_written_in(fields["name_en"], "en", "ltr")
    # Other spellings mix both scripts: each line finds its own direction.
    assert fields["other_names"]["dir"] == "auto"
    assert "lang" not in fields["other_names"]


def test_site_settings_arabic_fields_are_right_to_left(admin_client, home):
    site = home.get_site()
    url = reverse("wagtailsettings:edit", args=("core", "sitesettings", site.pk))
    fields = boxes(admin_client.get(url))
    assert_written_in(fields["footer_text_ar"], "ar", "rtl")
    assert_written_in(fields["address_ar"], "ar", "rtl")
    # Not a translated field: left as the admin shows it.
    assert "dir" not in fields["contact_email"]


def test_editor_loads_the_script_that_marks_streamfield_blocks(admin_client, about):
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=(about.pk,)))
    html = response.content.decode()
    assert '<script id="admin-field-languages" type="application/json">' in html
    assert '"ar": {"lang": "ar", "dir": "rtl"}' in html
    assert "js/admin-field-language" in html


def test_block_input_names_are_read_as_their_field_language():
    assert field_language("body_ar-0-value-text") == "ar"
    assert field_language("body_en-2-value-events-0-value-title") == "en"
    assert field_language("questions-3-answer_ar-0-value") == "ar"
    assert field_language("questions-3-question_ar") == "ar"
    assert field_language("other_names") is None
    assert field_language("calendar") is None


@override_settings(LANGUAGES=[("en", "English"), ("ar", "Arabic"), ("fa", "Persian")])
def test_a_right_to_left_language_added_later_is_right_to_left():
    assert field_language("title_fa") == "fa"
    assert language_attributes()["fa"] == {"lang": "fa", "dir": "rtl"}
    assert language_attributes()["en"] == {"lang": "en", "dir": "ltr"}
