"""A cached page is answered before the site's middleware, compressed once, with the
headers of the page it is a copy of.

Driven as gunicorn drives the site: through the WSGI application of
``whitehelmets/wsgi.py`` (``ServeCachedPages`` around Django's handler), and in-process
through the test client (the page cache first in ``MIDDLEWARE``). What a hit does not do
is observed from outside: no SQL query, no session store made (this module is the
session engine, counting its stores), no request signal, no middleware reached.
"""

import gzip
import os
import time
from wsgiref.util import setup_testing_defaults

import brotli
import pytest
import redis
from django.contrib.sessions.backends.cache import SessionStore as CacheSessionStore
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections

from core import cache as page_cache
from core.models import StandardPage
from tests.donations.factories import DonationPageFactory
from tests.faults import Blackhole, closed_port

pytestmark = pytest.mark.django_db

ENGLISH, ARABIC = "/en/about/who-we-are/", "/ar/من-نحن/قصتنا/"
PAGES = [(ENGLISH, "Who we are"), (ARABIC, "قصتنا")]
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/10")
# Headers that depend on how the page is sent, not on what it is.
# What a new connection sends before its first command.
SETUP = {"SELECT", "HELLO", "CLIENT", "AUTH"}
TRANSPORT = {"content-length", "content-encoding", page_cache.CACHED_HEADER.lower()}


class SessionStore(CacheSessionStore):
    """The session engine in these tests: counts every store Django makes (the
    session middleware makes one for every request it sees)."""

    made = 0

    def __init__(self, session_key=None):
        type(self).made += 1
        super().__init__(session_key)


class Recorder:
    """A middleware right after the page cache: the requests the chain saw."""

    seen = []

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        type(self).seen.append(request.path)
        return self.get_response(request)


@pytest.fixture
def site(settings, home, who_we_are):
    settings.PAGE_CACHE_SECONDS = 600
    settings.SESSION_ENGINE = __name__
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.SECURE_HSTS_SECONDS = 63072000
    settings.MIDDLEWARE = [
        settings.MIDDLEWARE[0],
        f"{__name__}.Recorder",
        *settings.MIDDLEWARE[1:],
    ]
    assert settings.MIDDLEWARE[0] == "core.cache.AnonymousPageCacheMiddleware"
    Recorder.seen = []
    SessionStore.made = 0
    return page_cache.ServeCachedPages(WSGIHandler())


class Reply:
    def __init__(self, status, headers, body):
        self.status = int(status.split()[0])
        self.headers = {name.lower(): value for name, value in headers}
        self.names = [name.lower() for name, _value in headers]
        self.body = body

    @property
    def state(self):
        return self.headers.get(page_cache.CACHED_HEADER.lower())

    def decoded(self):
        encoding = self.headers.get("content-encoding")
        if encoding == "br":
            return brotli.decompress(self.body)
        if encoding == "gzip":
            return gzip.decompress(self.body)
        return self.body


def call(application, path, method="GET", headers=None, https=True):
    """One request through a WSGI application, as gunicorn makes it behind the
    proxies (TLS ended there: X-Forwarded-Proto)."""
    path, _, query = path.partition("?")
    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path.encode().decode("latin-1"),
        "QUERY_STRING": query,
        "HTTP_HOST": "testserver",
    }
    if https:
        environ["HTTP_X_FORWARDED_PROTO"] = "https"
    for name, value in (headers or {}).items():
        environ["HTTP_" + name.upper().replace("-", "_")] = value
    setup_testing_defaults(environ)
    started = []
    # As Django's test client does: the test's own transaction keeps its connection.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        result = application(environ, lambda s, h, *exc: started.append((s, h)))
        body = b"".join(result)
        getattr(result, "close", lambda: None)()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    return Reply(*started[0], body)


@pytest.fixture
def signals():
    sent = []

    def received(**kwargs):
        sent.append(kwargs.get("signal"))

    request_started.connect(received)
    yield sent
    request_started.disconnect(received)


@pytest.mark.parametrize(("url", "title"), PAGES)
def test_a_hit_is_answered_before_the_site_runs(
    site, url, title, signals, django_assert_num_queries
):
    first = call(site, url)
    assert first.status == 200 and first.state == "miss"
    assert title in first.body.decode()
    assert Recorder.seen == [url] and SessionStore.made == 1
    signals.clear()

    with django_assert_num_queries(0):
        again = [call(site, url, headers={"Accept-Encoding": e}) for e in ("br", "")]
    assert [reply.state for reply in again] == ["hit", "hit"]
    assert again[1].body == first.body
    assert Recorder.seen == [url]  # no middleware reached
    assert SessionStore.made == 1  # no session store made
    assert signals == []  # Django's handler never ran


@pytest.mark.parametrize(("url", "title"), PAGES)
def test_each_encoding_is_stored_once_and_sent_byte_for_byte(site, url, title):
    replies = {}
    for accept, encoding in (("gzip, deflate, br", "br"), ("gzip", "gzip"), ("", None)):
        miss = call(site, url, headers={"Accept-Encoding": accept})
        hits = [call(site, url, headers={"Accept-Encoding": accept}) for _ in "ab"]
        assert [hit.state for hit in hits] == ["hit", "hit"]
        assert hits[0].body == hits[1].body
        assert hits[0].headers.get("content-encoding") == encoding
        assert "Accept-Encoding" in hits[0].headers["vary"]
        assert hits[0].headers["content-length"] == str(len(hits[0].body))
        replies[encoding] = hits[0]
        if miss.state == "miss":  # the first request of all stored every copy
            assert miss.body == hits[0].body
    plain = replies[None].body
    assert title in plain.decode()
    assert replies["br"].decoded() == replies["gzip"].decoded() == plain
    assert len(replies["br"].body) < len(replies["gzip"].body) < len(plain) / 2
    # The test client (the middleware's lookup) sends the very same bytes.
    from django.test import Client

    for encoding, reply in replies.items():
        response = Client().get(
            url, secure=True, headers={"Accept-Encoding": encoding or "identity"}
        )
        assert response.get(page_cache.CACHED_HEADER) == "hit"
        assert response.content == reply.body


@pytest.mark.parametrize(("url", "title"), PAGES)
def test_a_hit_carries_the_headers_of_the_page_itself(site, settings, url, title):
    settings.PAGE_CACHE_SECONDS = 0
    uncached = call(site, url, headers={"Accept-Encoding": "gzip"})
    assert uncached.state is None
    settings.PAGE_CACHE_SECONDS = 600
    miss = call(site, url, headers={"Accept-Encoding": "gzip"})
    hit = call(site, url, headers={"Accept-Encoding": "gzip"})
    assert (miss.state, hit.state) == ("miss", "hit")

    # Hit and miss: the same headers, in the same order, with the same values.
    assert miss.names == hit.names
    assert {k: v for k, v in miss.headers.items() if k != "x-page-cache"} == {
        k: v for k, v in hit.headers.items() if k != "x-page-cache"
    }
    # And what the site sends without the cache, but what says it may be shared.
    shared = {"cache-control", "etag", *TRANSPORT}
    expected = {k: v for k, v in uncached.headers.items() if k not in shared}
    assert {k: v for k, v in hit.headers.items() if k not in shared} == expected
    for name in (
        "content-security-policy",
        "strict-transport-security",
        "x-content-type-options",
        "referrer-policy",
        "cross-origin-opener-policy",
        "permissions-policy",
        "cross-origin-resource-policy",
        "x-frame-options",
        "content-language",
    ):
        assert hit.headers[name] == uncached.headers[name], name
    assert hit.headers["content-language"] == url[1:3]
    assert "s-maxage" in hit.headers["cache-control"]


def test_the_https_redirect_is_never_skipped(site):
    assert call(site, ENGLISH).state == "miss"
    assert call(site, ENGLISH).state == "hit"
    plain = call(site, ENGLISH, https=False)
    assert plain.status == 301
    assert plain.headers["location"] == f"https://testserver{ENGLISH}"
    assert plain.state is None


@pytest.mark.parametrize(("url", "title"), PAGES)
def test_visitors_with_a_session_or_credentials_bypass_the_cache(site, url, title):
    call(site, url)
    assert call(site, url).state == "hit"
    seen = len(Recorder.seen)
    for headers in (
        {"Cookie": "sessionid=abc"},
        {"Cookie": "csrftoken=x; sessionid=abc"},
        {"Authorization": "Basic eDp5"},
    ):
        reply = call(site, url, headers=headers)
        assert reply.status == 200 and reply.state is None, headers
        assert title in reply.decoded().decode()
    assert len(Recorder.seen) == seen + 3


def test_the_donation_form_is_never_stored(site, home):
    donate = DonationPageFactory(parent=home)
    for language in ("en", "ar"):
        url = donate.get_url() if language == "en" else f"/ar/{donate.slug_ar}/"
        for _ in range(2):
            reply = call(site, url, headers={"Accept-Encoding": "gzip"})
            assert reply.status == 200 and reply.state is None
            assert "csrfmiddlewaretoken" in reply.decoded().decode()
            assert "set-cookie" in reply.headers  # the CSRF cookie
            assert reply.headers["content-encoding"] == "gzip"  # as before


@pytest.mark.parametrize(("url", "title"), PAGES)
def test_head_requests_get_the_headers_alone(site, url, title):
    full = call(site, url, headers={"Accept-Encoding": "br"})
    head = call(site, url, method="HEAD", headers={"Accept-Encoding": "br"})
    assert head.state == "hit" and head.body == b""
    assert head.headers == {**full.headers, "x-page-cache": "hit"}


@pytest.mark.parametrize(("url", "title"), PAGES)
def test_a_browser_revalidating_gets_not_modified(site, url, title):
    first = call(site, url, headers={"Accept-Encoding": "br"})
    etag = first.headers["etag"]
    assert etag.startswith('W/"')
    unchanged = call(
        site, url, headers={"Accept-Encoding": "br", "If-None-Match": etag}
    )
    assert unchanged.status == 304 and unchanged.body == b""
    assert unchanged.headers["etag"] == etag
    assert "Accept-Encoding" in unchanged.headers["vary"]
    assert "cache-control" in unchanged.headers
    # The same page in another encoding has the same ETag (a weak one).
    assert call(site, url, headers={"If-None-Match": etag}).status == 304
    # Once the page changes, the old ETag gets the new page.
    page = StandardPage.objects.get(slug_en="who-we-are")
    page.title_en, page.title_ar = "Our story", "حكايتنا"
    page.save_revision().publish()
    changed = call(site, url, headers={"If-None-Match": etag})
    assert changed.status == 200 and changed.headers["etag"] != etag
    assert ("Our story" if url == ENGLISH else "حكايتنا") in changed.body.decode()


def test_a_publish_shows_at_once_to_the_answers_before_django(site):
    for url, _title in PAGES:
        call(site, url)
        assert call(site, url).state == "hit"
    page = StandardPage.objects.get(slug_en="who-we-are")
    page.title_en, page.title_ar = "Our story", "حكايتنا"
    page.save_revision().publish()
    english, arabic = call(site, ENGLISH), call(site, ARABIC)
    assert (english.state, arabic.state) == ("miss", "miss")
    assert "Our story" in english.body.decode()
    assert "حكايتنا" in arabic.body.decode()


def test_hits_before_django_on_redis_with_one_round_trip(site, settings):
    client = redis.Redis.from_url(REDIS_URL)
    database = client.connection_pool.connection_kwargs.get("db", 0)
    client.flushdb()
    settings.CACHES = {
        "default": {
            "BACKEND": "core.cache_backends.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "wh-test",
        }
    }
    try:
        for url, title in PAGES:
            assert call(site, url).state == "miss"
            assert call(site, url).state == "hit"  # (its connection is made)
            # Every command Redis gets on this database meanwhile (other databases
            # may be busy with other work).
            with client.monitor() as monitor:
                hit = call(site, url, headers={"Accept-Encoding": "gzip"})
                client.echo("end of the hit")
                commands = []
                while (
                    "end of the hit" not in (event := monitor.next_command())["command"]
                ):
                    command = event["command"].split()[0].upper()
                    if event["db"] == database and command not in SETUP:
                        commands.append(command)
            assert hit.state == "hit" and title in hit.decoded().decode()
            assert commands == ["MGET"]
        assert SessionStore.made == 2  # the misses'
        # Redis drops the connections to this database (a restart, an idle
        # time-out): still a hit.
        for other in client.client_list():
            if int(other["db"]) == database and other["cmd"] != "client|list":
                client.client_kill_filter(_id=other["id"])
        assert call(site, ENGLISH).state == "hit"
        assert settings.CACHES["default"]["LOCATION"] == REDIS_URL
        from django.core.cache import cache

        assert cache.breaker.state == "closed"
    finally:
        client.flushdb()


def test_a_hung_redis_costs_the_answers_before_django_one_time_out(site, settings):
    with Blackhole() as hole:
        settings.CACHES = {
            "default": {
                "BACKEND": "core.cache_backends.ResilientRedisCache",
                "LOCATION": f"redis://127.0.0.1:{hole.port}/0",
                "OPTIONS": {"socket_connect_timeout": 0.1, "socket_timeout": 0.1},
            }
        }
        settings.CACHE_CIRCUIT_SECONDS = 30
        started = time.monotonic()
        for url, title in PAGES * 2:
            reply = call(site, url)
            assert reply.status == 200 and title in reply.body.decode()
            assert reply.state is None  # served uncached
        assert time.monotonic() - started < 4
        assert hole.accepted == 1  # then the circuit was open: no more calls


def test_with_redis_down_pages_are_served_uncached_yet_shareable(site, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "core.cache_backends.ResilientRedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port()}/0",
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    for url, title in PAGES:
        reply = call(site, url, headers={"Accept-Encoding": "gzip"})
        assert reply.status == 200 and reply.state is None
        assert title in reply.decoded().decode()
        assert reply.headers["content-encoding"] == "gzip"
        # A front cache (Varnish, a CDN) may still keep it, and shield the app.
        assert "public" in reply.headers["cache-control"]
        assert "s-maxage=60" in reply.headers["cache-control"]
        assert "Accept-Encoding" in reply.headers["vary"]
