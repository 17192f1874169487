"""Editors and translators: the preview panel frames every page and snippet, in
either language, while public pages stay unframeable."""

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    rich_text,
    streamfield,
)
from wagtail.users.models import UserProfile

from tests.donations.factories import DonationPageFactory
from tests.faq.factories import FaqPageFactory
from tests.memorial.factories import FallenVolunteerFactory, MemorialPageFactory

pytestmark = pytest.mark.django_db


def frameable_by_the_admin(response):
    policy = response.headers["Content-Security-Policy"]
    return (
        "frame-ancestors 'self'" in policy
        and "frame-ancestors 'none'" not in policy
        and response.headers.get("X-Frame-Options") != "DENY"
        # Otherwise still the public policy: no inline scripts.
        and "script-src 'self';" in policy
    )


@pytest.fixture
def image(db):
    return Image.objects.create(title="Rescue", file=get_test_image_file())


def bad_draft(image):
    """A draft the checks panel must fault: a heading level skipped right under the
    page title, and an image whose alternative text is a file name."""
    return nested_form_data(
        {
            "title_en": "About us",
            "title_ar": "من نحن",
            "slug_en": "about",
            "slug_ar": "من-نحن",
            "introduction_en": "Draft introduction in English.",
            "introduction_ar": "مقدمة المسودة بالعربية.",
            "body_en": streamfield(
                [
                    ("heading", {"text": "Skipped to level three", "level": "h3"}),
                    ("image", {"image": image.pk, "alt_text": "IMG_2034.jpg"}),
                    ("paragraph", rich_text("<p>Draft body.</p>")),
                ]
            ),
            "body_ar": streamfield([("paragraph", rich_text("<p>نص المسودة.</p>"))]),
            "comments": inline_formset([]),
        }
    )


def test_preview_panel_shows_the_unsaved_draft_and_may_be_framed(
    admin_client, about, image
):
    url = reverse("wagtailadmin_pages:preview_on_edit", args=(about.pk,))
    stored = admin_client.post(url, bad_draft(image))
    assert stored.json() == {"is_valid": True, "is_available": True}

    response = admin_client.get(url, {"mode": "en"})
    assert response.status_code == 200
    assert frameable_by_the_admin(response)
    html = response.text
    assert '<h3 class="block-heading">Skipped to level three</h3>' in html
    assert 'alt="IMG_2034.jpg"' in html
    # The userbar carries the content checker the checks panel runs.
    assert "checker-axe-configuration" in html


def test_public_pages_still_refuse_to_be_framed(client, about):
    response = client.get("/en/about/")
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Frame-Options"] == "DENY"


def test_admin_pages_keep_the_admin_policy(admin_client, about):
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=(about.pk,)))
    assert response.headers["X-Frame-Options"] == "DENY"
    assert "'unsafe-inline'" in response.headers["Content-Security-Policy"]


@pytest.mark.parametrize("language", ["en", "ar"])
def test_preview_in_each_language_whatever_the_admin_language(
    admin_client, admin_user, about, image, language
):
    """An editor whose admin is in the other language sees the chosen one."""
    other = "ar" if language == "en" else "en"
    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = other
    profile.save()
    url = reverse("wagtailadmin_pages:preview_on_edit", args=(about.pk,))
    admin_client.post(url, bad_draft(image))

    response = admin_client.get(url, {"mode": language})
    html = response.text
    assert f'<html lang="{language}"' in html
    assert response.headers["Content-Language"] == language
    if language == "ar":
        assert 'dir="rtl"' in html.split(">")[1]
        assert "نص المسودة." in html and "مقدمة المسودة بالعربية." in html
        assert "Draft body." not in html
    else:
        assert "Draft body." in html and "نص المسودة." not in html


def test_the_preview_menu_offers_english_and_arabic(admin_client, about):
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=(about.pk,)))
    assert "Preview (English)" in response.text
    assert "Preview (Arabic)" in response.text


@pytest.fixture
def every_page_type(home, about):
    return [
        home,
        about,
        FaqPageFactory(parent=home),
        MemorialPageFactory(parent=home),
        DonationPageFactory(parent=home),
    ]


@pytest.mark.parametrize("language", ["en", "ar"])
def test_every_page_type_previews_frameable_in_each_language(
    every_page_type, admin_user, language
):
    """Through the whole middleware chain, as the preview panel renders them."""
    original = RequestFactory().get("/admin/")
    original.user = admin_user
    for page in every_page_type:
        with translation.override("en"):
            response = page.specific.make_preview_request(original, language)
        assert response.status_code == 200, page
        assert frameable_by_the_admin(response), page
        assert f'lang="{language}"' in response.content.decode()[:200], page


@pytest.mark.parametrize(
    ("language", "name", "place"),
    [("en", "Ahmad Previewed", "Saraqib"), ("ar", "أحمد المعاينة", "سراقب")],
)
def test_memorial_record_previews_in_each_language(
    admin_client, memorial_page, language, name, place
):
    person = FallenVolunteerFactory(name_en="Ahmad Previewed", name_ar="أحمد المعاينة")
    url = f"/admin/snippets/memorial/fallenvolunteer/preview/{person.pk}/"
    data = {
        "name_en": "Ahmad Previewed",
        "name_ar": "أحمد المعاينة",
        "date_of_death": "2016-05-12",
        "governorate": "idlib",
        "place_en": "Saraqib",
        "place_ar": "سراقب",
        "cause": "double_tap",
        "consent": "name_only",
    }
    assert admin_client.post(url, data).json()["is_valid"]
    response = admin_client.get(url, {"mode": language})
    assert response.status_code == 200
    assert frameable_by_the_admin(response)
    html = response.text
    assert f'<html lang="{language}"' in html
    assert name in html and place in html
    edit = admin_client.get(
        f"/admin/snippets/memorial/fallenvolunteer/edit/{person.pk}/"
    )
    assert "Preview (Arabic)" in edit.text


@pytest.fixture
def memorial_page(home):
    return MemorialPageFactory(parent=home)


def test_a_new_page_previews_in_arabic_before_it_is_saved(admin_client, home, image):
    url = reverse(
        "wagtailadmin_pages:preview_on_add", args=("core", "standardpage", home.pk)
    )
    data = bad_draft(image)
    data.update({"slug_en": "new-page", "slug_ar": "صفحة-جديدة"})
    assert admin_client.post(url, data).json()["is_valid"]
    response = admin_client.get(url, {"mode": "ar"})
    assert response.status_code == 200
    assert frameable_by_the_admin(response)
    html = response.text
    assert '<html lang="ar" dir="rtl"' in html
    assert "نص المسودة." in html
