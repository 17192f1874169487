"""The anonymous page cache: fast for visitors, never stale, never personal."""

import gzip

import brotli
import pytest

from core import cache
from core.models import StandardPage
from tests.core.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 600


def state(response):
    return response.get(cache.CACHED_HEADER)


def test_a_visitor_gets_the_page_from_the_cache_the_second_time(client, who_we_are):
    first = client.get("/en/about/who-we-are/")
    second = client.get("/en/about/who-we-are/")
    assert (state(first), state(second)) == ("miss", "hit")
    assert second.content == first.content
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]


def test_cached_pages_carry_headers_a_cdn_can_honour(client, home):
    response = client.get("/en/")
    control = response["Cache-Control"]
    assert "public" in control and "s-maxage=60" in control and "max-age=0" in control
    assert "Cookie" not in response.get("Vary", "")
    assert not response.cookies


def test_each_language_is_cached_separately(client, home):
    client.get("/en/")
    arabic = client.get("/ar/")
    assert state(arabic) == "miss"
    assert "ننقذ الأرواح في سوريا" in arabic.text


def test_publishing_a_change_shows_at_once_in_every_language(client, who_we_are):
    client.get("/en/about/who-we-are/")
    client.get("/ar/من-نحن/قصتنا/")
    client.get("/en/about/")
    page = StandardPage.objects.get(pk=who_we_are.pk)
    page.title_en = "Our story"
    page.title_ar = "حكايتنا"
    page.save_revision().publish()
    english = client.get("/en/about/who-we-are/")
    assert state(english) == "miss"
    assert "Our story" in english.text
    assert "حكايتنا" in client.get("/ar/من-نحن/قصتنا/").text
    # The parent's list of sub-pages changed too.
    assert "Our story" in client.get("/en/about/").text


def test_unpublishing_removes_the_page_at_once(client, who_we_are):
    assert client.get("/en/about/who-we-are/").status_code == 200
    StandardPage.objects.get(pk=who_we_are.pk).unpublish()
    assert client.get("/en/about/who-we-are/").status_code == 404


def test_moving_a_page_shows_at_once(client, home, about, who_we_are):
    client.get("/en/about/who-we-are/")
    client.get("/en/")
    StandardPage.objects.get(pk=who_we_are.pk).move(home, pos="last-child")
    old = client.get("/en/about/who-we-are/")
    assert (old.status_code, old["Location"]) == (301, "/en/who-we-are/")
    assert client.get("/en/who-we-are/").status_code == 200


def test_a_new_page_appears_in_the_menu_at_once(client, home):
    client.get("/en/")
    StandardPageFactory(
        parent=home, title_en="Reports", slug_en="reports", show_in_menus=True
    )
    assert "Reports" in client.get("/en/").text


def test_signed_in_staff_never_get_cached_pages(admin_client, home):
    admin_client.get("/en/")
    response = admin_client.get("/en/")
    assert state(response) is None


DEAD_REDIS = {
    "default": {
        "BACKEND": "core.cache_backends.ResilientRedisCache",
        "LOCATION": "redis://127.0.0.1:9/0",  # nothing listens on the discard port
        "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
    }
}


def test_pages_are_served_when_redis_is_down(client, home, settings):
    settings.CACHES = DEAD_REDIS
    for url in ("/en/", "/ar/", "/en/", "/healthz"):
        assert client.get(url).status_code == 200


def test_publishing_works_when_redis_is_down(home, settings):
    settings.CACHES = DEAD_REDIS
    page = StandardPageFactory(parent=home, title_en="Offline edit")
    page.save_revision().publish()
    assert StandardPage.objects.get(pk=page.pk).live


# The Redis that runs beside the site on every machine and in CI (a spare database).
TEST_REDIS_URL = __import__("os").environ.get(
    "TEST_REDIS_URL", "redis://127.0.0.1:6379/10"
)


@pytest.fixture
def redis_cache(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "core.cache_backends.ResilientRedisCache",
            "LOCATION": TEST_REDIS_URL,
            "KEY_PREFIX": "wh-test",
        }
    }
    from django.core.cache import cache as default_cache

    default_cache.clear()
    yield default_cache
    default_cache.clear()


def test_the_page_cache_works_on_redis(client, home, redis_cache):
    client.get("/en/")
    assert state(client.get("/en/")) == "hit"
    page = StandardPageFactory(parent=home, title_en="Reports", show_in_menus=True)
    page.save_revision().publish()
    response = client.get("/en/")
    assert state(response) == "miss" and "Reports" in response.text


def test_the_redis_client_is_made_once_and_shared(redis_cache):
    redis_cache.set("probe", {"value": 1})
    assert redis_cache.get("probe") == {"value": 1}
    client = redis_cache._cache.get_client(write=True)
    assert redis_cache._cache.get_client() is client
    assert redis_cache._cache.get_client(write=True) is client


def test_missing_pages_are_not_cached(client, home):
    client.get("/en/nothing-here/")
    assert state(client.get("/en/nothing-here/")) is None


def test_pages_are_compressed_for_browsers_that_ask_and_cached_once(client, home):
    plain = client.get("/en/")
    assert "Content-Encoding" not in plain
    for accept, encoding, decompress in (
        ("gzip, br", "br", brotli.decompress),
        ("gzip", "gzip", gzip.decompress),
        ("br;q=0, gzip;q=0.5", "gzip", gzip.decompress),
    ):
        compressed = client.get("/en/", headers={"Accept-Encoding": accept})
        assert state(compressed) == "hit"
        assert compressed["Content-Encoding"] == encoding
        assert "Accept-Encoding" in compressed["Vary"]
        assert len(compressed.content) < len(plain.content) / 2
        assert decompress(compressed.content) == plain.content
