"""Page-cache keys that cannot be turned against the site, and invalidation that
cannot be lost.

A key is the path plus only the query parameters the page uses (settings'
``PAGE_CACHE_RULES``), so random parameters neither fill Redis nor skip the cache;
pages that show personal records never outlive a withdrawal by more than their short
lifetime, even when the bump of the site version could not be written.
"""

import os
import secrets
import time

import pytest
import redis
from django.test import override_settings

from core import cache as page_cache
from memorial.models import Consent, FallenVolunteer
from tests.core.factories import StandardPageFactory
from tests.faults import closed_port
from tests.memorial.factories import FallenVolunteerFactory, MemorialPageFactory

pytestmark = pytest.mark.django_db

REDIS_URL = os.environ.get("RESILIENCE_REDIS_URL", "redis://127.0.0.1:6379/12")
# A healthy Redis on a busy machine: time-outs long enough never to trip the breaker.
TIMEOUTS = {"socket_connect_timeout": 1, "socket_timeout": 1}


def redis_caches(location):
    return {
        "default": {
            "BACKEND": "core.cache_backends.ResilientRedisCache",
            "LOCATION": location,
            "KEY_PREFIX": "wh-resilience",
            "OPTIONS": TIMEOUTS,
        }
    }


REFUSING = redis_caches(f"redis://127.0.0.1:{closed_port()}/0")


@pytest.fixture
def redis_db(settings):
    """The page cache on a Redis database of the tests' own, emptied around them."""
    client = redis.Redis.from_url(REDIS_URL)
    client.flushdb()
    settings.CACHES = redis_caches(REDIS_URL)
    settings.PAGE_CACHE_SECONDS = 600
    yield client
    client.flushdb()


@pytest.fixture
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 600


def state(response):
    return response.get(page_cache.CACHED_HEADER)


def stored_bytes(client):
    return sum(client.memory_usage(key) or 0 for key in client.scan_iter())


def test_random_query_strings_do_not_grow_redis(client, home, redis_db):
    assert state(client.get("/en/")) == "miss"
    client.get("/en/?cb=0")  # the first query string: the page says what it uses
    keys, size = redis_db.dbsize(), stored_bytes(redis_db)
    states = [
        state(client.get(f"/en/?cb={secrets.token_hex(8)}&utm_source=x"))
        for _ in range(200)
    ]
    assert states == ["hit"] * 200  # before: 200 new entries (about 63 MB in all)
    assert redis_db.dbsize() == keys
    assert stored_bytes(redis_db) <= size + 1024


def test_the_parameters_a_page_uses_are_normalised(client, home, page_cache_on):
    memorial = MemorialPageFactory(parent=home)
    memorial.per_page = 6
    memorial.save_revision().publish()
    for number in range(8):
        FallenVolunteerFactory(name_en=f"Person {number}", slug=f"person-{number}")
    url = "/en/memorial/"

    second = client.get(f"{url}?page=2")
    assert state(second) == "miss"
    first_names = client.get(url).text
    assert second.text != first_names
    # The same page whatever the order, repeats or unknown parameters around it.
    for query in ("?page=2&cb=1", "?cb=2&page=1&page=2", "?page=2&year="):
        response = client.get(f"{url}{query}")
        assert state(response) == "hit", query
        assert response.content == second.content
    assert state(client.get(f"{url}?year=2016&page=1")) == "miss"
    assert state(client.get(f"{url}?page=1&year=2016&ref=mail")) == "hit"

    search = client.get("/en/search/?q=memorial")
    assert state(search) == "miss"
    assert state(client.get("/en/search/?utm=x&q=memorial")) == "hit"
    assert state(client.get("/en/search/?q=rescue")) == "miss"


def test_the_sitemap_ignores_unknown_parameters_and_drops_a_page_at_once(
    client, who_we_are, page_cache_on
):
    assert state(client.get("/sitemap.xml")) == "miss"
    client.get("/sitemap.xml?x=0")  # the first query string: parameters learnt
    cached = client.get("/sitemap.xml?x=1")
    assert state(cached) == "hit"  # before: a new rendering (~1 s) for each ?x=
    assert "/en/about/who-we-are/" in cached.text

    who_we_are.unpublish()
    fresh = client.get("/sitemap.xml?x=2")
    assert state(fresh) == "miss"  # before: the old list for up to 10 minutes
    assert "who-we-are" not in fresh.text
    assert "/en/about/" in fresh.text


def test_the_sitemap_drops_a_withdrawn_person_at_once(client, home, page_cache_on):
    MemorialPageFactory(parent=home)
    person = FallenVolunteerFactory(slug="rana-haddad")
    assert "rana-haddad" in client.get("/sitemap.xml").text
    person.consent = Consent.NONE
    person.save()
    assert "rana-haddad" not in client.get("/sitemap.xml").text


def test_a_withdrawal_shows_within_the_short_lifetime_when_the_bump_is_lost(
    client, home, redis_db, settings, caplog
):
    rules = dict(settings.PAGE_CACHE_RULES)
    rules["memorial.memorialpage"] = {**rules["memorial.memorialpage"], "max_age": 1}
    settings.PAGE_CACHE_RULES = rules
    MemorialPageFactory(parent=home)
    person = FallenVolunteerFactory(name_en="Rana Haddad", slug="rana-haddad")
    url = "/en/memorial/rana-haddad/"
    assert state(client.get(url)) == "miss"
    cached = client.get(url)
    assert state(cached) == "hit"
    assert "s-maxage=1" in cached["Cache-Control"]  # a CDN keeps it no longer
    assert state(client.get("/en/about/")) is None  # (a 404 is not cached)

    # The withdrawal is saved by a process that cannot reach Redis.
    with override_settings(CACHES=REFUSING):
        FallenVolunteer.objects.filter(pk=person.pk).update(consent=Consent.NONE)
        assert page_cache.invalidate() is False
    assert "could not bump the site version" in caplog.text

    # Every other worker still reaches Redis: the stale page is served a moment...
    assert state(client.get(url)) == "hit"
    time.sleep(1.2)
    # ...and no longer than the page's lifetime (before: 10 minutes).
    assert client.get(url).status_code == 404


def test_the_site_version_bump_is_written_and_says_so(home, redis_db):
    version = page_cache.site_version()
    assert page_cache.invalidate() is True
    assert page_cache.site_version() == version + 1


def test_pages_that_show_no_personal_record_keep_the_full_lifetime(
    client, home, redis_db
):
    StandardPageFactory(parent=home, title_en="Reports", slug_en="reports")
    client.get("/en/reports/")
    response = client.get("/en/reports/")
    assert state(response) == "hit"
    assert "s-maxage=60" in response["Cache-Control"]


def test_a_lost_site_version_never_brings_old_pages_back(client, home, redis_db):
    page = StandardPageFactory(parent=home, title_en="Reports", slug_en="reports")
    assert client.get("/en/reports/").status_code == 200
    assert state(client.get("/en/reports/")) == "hit"
    page.unpublish()
    assert client.get("/en/reports/").status_code == 404
    latest = page_cache.site_version()
    # Redis evicts or loses the version key (memory pressure, a restart, a flush).
    [version_key] = list(redis_db.scan_iter("*pagecache:version"))
    redis_db.delete(version_key)
    assert client.get("/en/reports/").status_code == 404
    # Before: it started again at 1, and every page stored at a version since
    # passed (withdrawn records included) could be served again as it came round.
    assert page_cache.site_version() > latest
