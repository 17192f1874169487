"""A person's photo is served only while the family's consent allows it."""

import io

import pytest
from bs4 import BeautifulSoup
from PIL import Image as PILImage
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from memorial import photos
from memorial.models import Consent
from tests.memorial.factories import FallenVolunteerFactory

AR_BASE = "/ar/شهداء-الدفاع-المدني/"
PHOTO_URLS = [f"/memorial-photos/with-photo/{spec}/" for spec in photos.FILTERS]


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def person(memorial):
    photo = Image.objects.create(title="Portrait", file=get_test_image_file())
    return FallenVolunteerFactory(
        name_en="With photo",
        name_ar="مع صورة",
        slug="with-photo",
        photo=photo,
        photo_alt_en="Smiling in his helmet",
        photo_alt_ar="يبتسم بخوذته",
        consent=Consent.NAME_AND_PHOTO,
    )


def photo_addresses(img):
    return [img["src"]] + [part.split()[0] for part in img["srcset"].split(",")]


@pytest.mark.parametrize(
    ("url", "alt"),
    [
        ("/en/memorial/with-photo/", "Smiling in his helmet"),
        (f"{AR_BASE}with-photo/", "يبتسم بخوذته"),
    ],
)
def test_person_page_shows_the_photo_through_the_consent_view(person, client, url, alt):
    response = client.get(url)
    assert response.status_code == 200
    img = soup(response).select_one("img.memorial-person__image")
    assert img["alt"] == alt
    assert img["sizes"] == "(min-width: 48rem) 360px, 90vw"
    assert photo_addresses(img) == [PHOTO_URLS[2], PHOTO_URLS[2], PHOTO_URLS[3]]
    assert "/media/" not in response.content.decode()
    for address in set(photo_addresses(img)):
        assert client.get(address).status_code == 200


@pytest.mark.parametrize(("url", "alt"), [("/en/memorial/", "Smiling in his helmet")])
def test_memorial_grid_shows_photos_through_the_consent_view(person, client, url, alt):
    for page in (url, AR_BASE):
        response = client.get(page)
        img = soup(response).select_one(".memorial-card img")
        assert img["loading"] == "lazy"
        assert photo_addresses(img) == [PHOTO_URLS[0], PHOTO_URLS[0], PHOTO_URLS[1]]
        assert int(img["width"]) > 0 and int(img["height"]) > 0
        assert "/media/" not in response.content.decode()
    assert soup(client.get(AR_BASE)).select_one(".memorial-card img")["alt"] == (
        "يبتسم بخوذته"
    )


def test_a_consented_photo_is_served_with_a_short_cache_life(person, client):
    response = client.get(PHOTO_URLS[0])
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    image = PILImage.open(io.BytesIO(b"".join(response.streaming_content)))
    assert image.width == 240 or image.width == person.photo.width
    cache_control = response["Cache-Control"]
    assert "max-age=60" in cache_control and "s-maxage=60" in cache_control
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(
    "withdraw",
    [
        pytest.param(
            lambda p: setattr(p, "consent", Consent.NAME_ONLY), id="name-only"
        ),
        pytest.param(lambda p: setattr(p, "consent", Consent.NONE), id="none"),
        pytest.param(lambda p: setattr(p, "live", False), id="unpublished"),
        pytest.param(lambda p: setattr(p, "photo", None), id="photo-removed"),
    ],
)
def test_after_a_withdrawal_every_photo_url_answers_404(
    person, client, settings, withdraw
):
    settings.PAGE_CACHE_SECONDS = 600  # the site's page cache never keeps a photo
    for url in PHOTO_URLS:
        assert client.get(url).status_code == 200
        assert "X-Page-Cache" not in client.get(url)
    withdraw(person)
    person.save()
    for url in PHOTO_URLS:
        assert client.get(url).status_code == 404, url


def test_only_the_sizes_pages_use_can_be_asked_for(person, client):
    for spec in ("original", "width-4000", "fill-10x10", "max-165x165"):
        assert client.get(f"/memorial-photos/with-photo/{spec}/").status_code == 404
    assert not person.photo.renditions.filter(filter_spec="width-4000").exists()


def test_with_nginx_the_file_is_sent_by_an_internal_redirect(person, client, settings):
    settings.MEDIA_ACCEL_REDIRECT_PREFIX = "/internal-media/"
    response = client.get(PHOTO_URLS[0])
    assert response.status_code == 200
    rendition = person.photo.get_rendition("width-240")
    assert response["X-Accel-Redirect"] == f"/internal-media/{rendition.file.name}"
    assert response.content == b""
    assert "max-age=60" in response["Cache-Control"]


def test_photo_urls_list_every_address_of_a_person_whatever_the_consent(person):
    expected = [f"https://www.example.org{url}" for url in PHOTO_URLS]
    assert photos.photo_urls(person, "https://www.example.org") == expected
    person.consent = Consent.NONE
    person.save()
    assert photos.photo_urls(person, "https://www.example.org") == expected
    assert photos.photo_urls(person)[0].endswith(PHOTO_URLS[0])


def test_a_withdrawal_leaves_no_rendition_of_the_photo(
    person, client, django_capture_on_commit_callbacks
):
    storage = person.photo.file.storage
    for url in PHOTO_URLS:
        client.get(url)
    files = [r.file.name for r in person.photo.renditions.all()]
    assert len(files) == len(PHOTO_URLS) and all(map(storage.exists, files))
    shared = FallenVolunteerFactory(slug="same-photo", photo=person.photo)
    with django_capture_on_commit_callbacks(execute=True):
        person.consent = Consent.NAME_ONLY
        person.save()
    assert person.photo.renditions.count() == len(PHOTO_URLS)  # still shown by one
    with django_capture_on_commit_callbacks(execute=True):
        shared.unpublish()
    assert not person.photo.renditions.exists()
    assert not any(map(storage.exists, files))
    assert client.get(PHOTO_URLS[0]).status_code == 404


def test_a_photo_whose_file_is_lost_is_left_out_not_an_error(person, client):
    person.photo.file.storage.delete(person.photo.file.name)
    for url in ("/en/memorial/with-photo/", f"{AR_BASE}with-photo/"):
        response = client.get(url)
        assert response.status_code == 200
        assert soup(response).select_one("img.memorial-person__image") is None
    assert client.get(PHOTO_URLS[0]).status_code == 404
