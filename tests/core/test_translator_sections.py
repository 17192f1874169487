"""The Translations report filtered by section: a top-level part of the site with the
pages under it, and the memorial records with the memorial."""

import pytest
from django.urls import reverse
from wagtail.users.models import UserProfile

from core.models import TranslationStatus
from tests.core.factories import StandardPageFactory
from tests.memorial.factories import FallenVolunteerFactory, MemorialPageFactory

pytestmark = pytest.mark.django_db

REPORT = "core_translations_report"


@pytest.fixture
def site(home):
    """About (with a subpage) and Memorial (with a record), each with text missing
    in Arabic, and a home page with a missing field of its own."""
    about = StandardPageFactory(
        parent=home,
        title_en="About us",
        title_ar="من نحن",
        introduction_en="Who we are.",
        introduction_ar="",
    )
    principles = StandardPageFactory(
        parent=about,
        title_en="Our principles",
        title_ar="مبادئنا",
        introduction_en="Neutrality.",
        introduction_ar="",
    )
    memorial = MemorialPageFactory(parent=home, introduction_ar="")
    person = FallenVolunteerFactory(place_en="Saraqib", place_ar="")
    home.mission_en, home.mission_ar = "We save lives.", ""
    for obj in (home, about, principles, memorial, person):
        obj.save_revision()
    return {"home": home, "about": about, "memorial": memorial, "person": person}


def listed(client, **query):
    response = client.get(reverse(REPORT), {"status": "missing", **query})
    assert response.status_code == 200
    rows = response.context["object_list"]
    return {(row.object_title, row.field) for row in rows}, response


def test_the_report_filters_by_section(admin_client, site):
    everything, _response = listed(admin_client)
    about, response = listed(admin_client, section=site["about"].pk)
    assert about == {("About us", "introduction"), ("Our principles", "introduction")}
    memorial, _response = listed(admin_client, section=site["memorial"].pk)
    assert memorial == {("Memorial", "introduction"), (str(site["person"]), "place")}
    home, _response = listed(admin_client, section=site["home"].pk)
    assert {field for _title, field in home} == {"mission"}
    # Every row in one section, none twice: the counts add up.
    assert about | memorial | home == everything
    assert len(about) + len(memorial) + len(home) == len(everything)
    html = response.content.decode()
    assert 'name="section"' in html
    assert f'<option value="{site["about"].pk}" selected>About us</option>' in html


def test_the_sections_are_named_in_the_admin_language(admin_client, admin_user, site):
    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = "ar"
    profile.save()
    html = admin_client.get(reverse(REPORT)).content.decode()
    assert f'<option value="{site["about"].pk}">من نحن</option>' in html
    assert f'<option value="{site["memorial"].pk}">شهداء الدفاع المدني</option>' in html


def test_an_unknown_section_lists_nothing_and_says_so(admin_client, site):
    response = admin_client.get(reverse(REPORT), {"section": "999999"})
    assert response.status_code == 200
    assert "999999" in response.content.decode()  # the form's own error
    assert TranslationStatus.objects.exists()
