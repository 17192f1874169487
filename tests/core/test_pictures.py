"""Pictures: editors' images cropped around their focal point, in responsive
renditions, with a designed fallback; the demo's illustrations are drawn by the
project itself."""

import ast
import datetime
import io
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.management import call_command
from PIL import Image as PILImage
from wagtail.images import get_image_model

from core import demo_images
from core.demo import DEMO_COLLECTION
from core.models import HomePage, StandardPage, StatementIndexPage, StatementPage
from memorial.models import FallenVolunteer
from tests.core.factories import StatementIndexPageFactory, StatementPageFactory

pytestmark = pytest.mark.django_db

RED, BLUE = (220, 0, 0), (0, 0, 220)


@pytest.fixture
def red_over_blue(db):
    """A tall image, red in its top half and blue in the bottom half."""
    picture = PILImage.new("RGB", (1500, 2400), BLUE)
    picture.paste(RED, (0, 0, 1500, 1200))
    out = io.BytesIO()
    picture.save(out, "PNG")
    image = get_image_model()(title="Red over blue", description="Red over blue.")
    image.file.save("red-over-blue.png", ContentFile(out.getvalue()), save=False)
    image.save()
    return image


@pytest.fixture
def statement(home, red_over_blue):
    index = StatementIndexPageFactory(parent=home, slug_en="statements")
    return StatementPageFactory(
        parent=index,
        title_en="Facts",
        title_ar="حقائق",
        slug_en="facts",
        slug_ar="حقائق",
        date=datetime.date(2026, 4, 1),
        image=red_over_blue,
        image_alt_en="",
        image_alt_ar="صورة حمراء وزرقاء.",
    )


def home_page():
    return HomePage.objects.get()


def soup(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def colour_of(src):
    path = Path(settings.MEDIA_ROOT) / src.removeprefix(settings.MEDIA_URL)
    with PILImage.open(path) as picture:
        return picture.convert("RGB").getpixel(
            (picture.width // 2, picture.height // 2)
        )


def near(colour, expected):
    return all(abs(a - b) < 40 for a, b in zip(colour, expected, strict=True))


def test_the_crop_follows_the_focal_point(client, statement, red_over_blue):
    url = statement.get_translated_url("en")
    red_over_blue.focal_point_x, red_over_blue.focal_point_y = 750, 300
    red_over_blue.focal_point_width = red_over_blue.focal_point_height = 300
    red_over_blue.save()
    top = soup(client, url).select_one(".statement__media img")["src"]
    assert near(colour_of(top), RED)

    red_over_blue.focal_point_y = 2100  # the editor moves it to the bottom
    red_over_blue.save()
    cache.clear()
    bottom = soup(client, url).select_one(".statement__media img")["src"]
    assert bottom != top
    assert near(colour_of(bottom), BLUE)


def test_renditions_are_responsive_modern_and_sized(client, statement):
    page = soup(client, statement.get_translated_url("en"))
    lead = page.select_one(".statement__media picture")
    webp = lead.find("source", type="image/webp")
    assert [item.split()[-1] for item in webp["srcset"].split(", ")] == [
        "480w",
        "800w",
        "1200w",
    ]
    img = lead.img
    assert img["src"].endswith(".jpg")  # the fallback for browsers without WebP
    assert (img["width"], img["height"]) == ("480", "320")
    assert img["fetchpriority"] == "high"
    assert not img.has_attr("loading")
    assert "46rem" in img["sizes"]

    cards = soup(client, statement.get_parent().get_translated_url("en"))
    card = cards.select_one(".statement-card picture")
    srcset = card.find("source", type="image/webp")["srcset"]
    assert [item.split()[-1] for item in srcset.split(", ")] == ["360w", "720w"]
    assert card.img["loading"] == "lazy"
    assert (card.img["width"], card.img["height"]) == ("360", "240")


def test_alt_text_per_language_else_the_images_description(client, statement):
    english = soup(client, statement.get_translated_url("en"))
    assert english.select_one(".statement__media img")["alt"] == "Red over blue."
    arabic = soup(client, statement.get_translated_url("ar"))
    assert arabic.select_one(".statement__media img")["alt"] == "صورة حمراء وزرقاء."


def test_the_hero_is_fetched_first(client, home, red_over_blue):
    home.hero_image = red_over_blue
    home.hero_image_alt_en = "Hills at dusk."
    home.save_revision().publish()
    for language in ("en", "ar"):
        img = soup(client, f"/{language}/").select_one(".hero__media img")
        assert img["fetchpriority"] == "high"
        assert not img.has_attr("loading")
        assert img.has_attr("width") and img.has_attr("height")
    assert soup(client, "/en/").select_one(".hero__media img")["alt"] == (
        "Hills at dusk."
    )


def test_without_an_image_the_designed_fallback_shows(client, home, about):
    statement = StatementPageFactory(
        parent=StatementIndexPageFactory(parent=home),
        title_en="Records",
        title_ar="سجلات",
        date=datetime.date(2026, 1, 1),
    )
    hero = soup(client, "/en/").select_one(".hero__media")
    assert hero.img is None
    assert hero.select_one(".picture-fallback")["aria-hidden"] == "true"
    for language, initial in (("en", "R"), ("ar", "س")):
        page = soup(client, statement.get_translated_url(language))
        fallback = page.select_one(".statement__media .picture-fallback")
        assert fallback["data-initial"] == initial
        assert page.select_one(".statement__media img") is None
    # An about page's card for a child page without a picture.
    cards = soup(client, about.get_translated_url("en"))
    assert cards.select_one(".card__media .picture-fallback") is None  # no children


def test_demo_illustrations_are_drawn_the_same_every_time():
    for item in demo_images.ILLUSTRATIONS:
        first, centre = demo_images.draw(item.name, item.scene)
        again, _ = demo_images.draw(item.name, item.scene)
        assert first == again, item.name
        assert len(first) < 60_000, item.name
        with PILImage.open(io.BytesIO(first)) as picture:
            assert picture.size == (demo_images.WIDTH, demo_images.HEIGHT)
        assert 0 <= centre[0] <= demo_images.WIDTH
        assert item.description.startswith("An illustration")
        assert item.description_ar.startswith("رسم توضيحي")


def test_the_demo_draws_its_images_and_never_downloads_one():
    """The generator imports nothing that can reach the network or read a photo."""
    source = Path(demo_images.__file__).read_text()
    imported = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            imported |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            imported.add(node.module.split(".")[0])
    assert imported <= {"io", "math", "random", "dataclasses", "PIL"}
    assert "open(" not in source and "http" not in source


def test_demo_pages_show_illustrations_and_memorial_records_no_photos(client):
    call_command("load_demo_content", verbosity=0)
    images = get_image_model().objects.all()
    names = {item.title for item in demo_images.ILLUSTRATIONS}
    used = set(images.values_list("title", flat=True))
    assert used <= names
    assert {image.collection.name for image in images} == {DEMO_COLLECTION}
    assert all(image.has_focal_point() for image in images)
    assert not FallenVolunteer.objects.filter(photo__isnull=False).exists()
    for language in ("en", "ar"):
        home = soup(client, f"/{language}/")
        assert home.select_one(".hero__media img")["alt"]
        assert len(home.select(".latest-statements .statement-card")) == 3
        assert home.select(".latest-statements img[loading=lazy]")
    arabic = soup(client, "/ar/")
    assert arabic.select_one(".hero__media img")["alt"].startswith("رسم توضيحي")
    # Pictures add markup, not weight: every page with them stays under 40 KB.
    index = StatementIndexPage.objects.get()
    statement = StatementPage.objects.filter(image__isnull=False).first()
    about = StandardPage.objects.get(slug_en="about")
    for page in (home_page(), index, statement, about):
        for language in ("en", "ar"):
            url = page.get_translated_url(language)
            assert len(client.get(url).content) < 40_000, url
    call_command("load_demo_content", verbosity=0)  # again: no new images
    assert get_image_model().objects.count() == images.count()
