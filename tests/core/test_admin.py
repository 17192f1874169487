"""Editors and translators in the Wagtail admin."""

import pytest
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    rich_text,
    streamfield,
)

from core.models import HomePage, StandardPage

pytestmark = pytest.mark.django_db


def test_home_page_add_view_opens_for_a_new_site(admin_client):
    root = Page.get_first_root_node()
    url = reverse("wagtailadmin_pages:add", args=("core", "homepage", root.pk))
    assert admin_client.get(url).status_code == 200


@pytest.mark.parametrize("fixture", ["home", "about"])
def test_edit_view_opens_for_every_core_page_type(admin_client, request, fixture):
    page = request.getfixturevalue(fixture)
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,)))
    assert response.status_code == 200
    # Translators see a box for each language.
    assert 'name="title_en"' in response.text
    assert 'name="title_ar"' in response.text


def test_standard_page_add_view_opens(admin_client, home):
    url = reverse("wagtailadmin_pages:add", args=("core", "standardpage", home.pk))
    response = admin_client.get(url)
    assert response.status_code == 200
    assert 'name="introduction_ar"' in response.text


def test_publishing_through_the_admin_saves_both_languages(admin_client, client, home):
    url = reverse("wagtailadmin_pages:add", args=("core", "standardpage", home.pk))
    data = nested_form_data(
        {
            "title_en": "Our principles",
            "title_ar": "مبادئنا",
            "slug_en": "principles",
            "slug_ar": "مبادئنا",
            "introduction_en": "Neutrality, impartiality and independence.",
            "introduction_ar": "الحياد وعدم التحيز والاستقلالية.",
            "body_en": streamfield(
                [("paragraph", rich_text("<p>We help everyone in need.</p>"))]
            ),
            "body_ar": streamfield(
                [("paragraph", rich_text("<p>نساعد كل محتاج.</p>"))]
            ),
            "comments": inline_formset([]),
            "action-publish": "publish",
        }
    )
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    page = StandardPage.objects.get(slug_en="principles")
    assert page.live
    assert (page.title_en, page.title_ar) == ("Our principles", "مبادئنا")

    english = client.get("/en/principles/")
    assert "We help everyone in need." in english.text
    arabic = client.get(page.get_translated_url("ar"))
    assert arabic.status_code == 200
    assert "نساعد كل محتاج." in arabic.text
    assert "مبادئنا" in arabic.text


def test_key_figure_with_both_a_value_and_a_live_figure_is_refused(admin_client, home):
    url = reverse("wagtailadmin_pages:edit", args=(home.pk,))
    data = nested_form_data(
        {
            "title_en": home.title_en,
            "title_ar": home.title_ar,
            "slug_en": "home",
            "slug_ar": "home",
            "hero_heading_en": "Heading",
            "hero_heading_ar": "عنوان",
            "mission_en": "Mission",
            "mission_ar": "رسالة",
            "key_figures_en": streamfield(
                [("key_figure", {"value": "", "figure": "", "label": "Founded"})]
            ),
            "key_figures_ar": streamfield([]),
            "body_en": streamfield([]),
            "body_ar": streamfield([]),
            "comments": inline_formset([]),
            "action-publish": "publish",
        }
    )
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "Give either a fixed value or a live figure" in response.text
    assert HomePage.objects.get(pk=home.pk).hero_heading_en != "Heading"


@pytest.mark.parametrize("view", ["wagtailadmin_home", "wagtailadmin_account"])
def test_staff_avatars_never_send_their_email_to_another_site(admin_client, view):
    """Wagtail shows Gravatar's picture for an address unless told not to: every
    admin page would ask gravatar.com for a hash of the staff member's email, which
    names them to a third party (and the admin's content policy blocks the image, a
    broken picture). The avatar is the admin's own default picture instead."""
    page = admin_client.get(reverse(view)).text
    assert "gravatar" not in page.lower()
    assert "wagtailadmin/images/default-user-avatar.png" in page
