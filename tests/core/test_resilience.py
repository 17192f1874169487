"""A broken cache degrades to uncached pages, at once and quietly.

Redis is broken for real on a port of the test's own: a closed port (connections
refused) or a black hole (connections accepted, never answered).
"""

import logging
import os
import time

import pytest
import redis
from django.core.cache import cache

from core.cache_backends import (
    CLOSED,
    HALF_OPEN,
    OPEN,
    CacheUnavailable,
    CircuitBreaker,
)
from tests.donations.factories import DonationPageFactory
from tests.faults import Blackhole, FaultProxy, closed_port

pytestmark = pytest.mark.django_db

REDIS_URL = os.environ.get("RESILIENCE_REDIS_URL", "redis://127.0.0.1:6379/12")
DONOR = {
    "frequency": "one_off",
    "currency": "USD",
    "amount": "5000",
    "custom_amount": "",
    "website": "",
}
TIMEOUTS = {"socket_connect_timeout": 0.1, "socket_timeout": 0.1}


def redis_caches(location, **options):
    """The production cache settings (short time-outs) pointed at ``location``."""
    return {
        "default": {
            "BACKEND": "core.cache_backends.ResilientRedisCache",
            "LOCATION": location,
            "KEY_PREFIX": "wh-resilience",
            "OPTIONS": {**TIMEOUTS, **options},
        }
    }


@pytest.fixture
def hung_redis(settings):
    with Blackhole() as hole:
        settings.CACHES = redis_caches(f"redis://127.0.0.1:{hole.port}/0")
        settings.PAGE_CACHE_SECONDS = 600
        settings.CACHE_CIRCUIT_SECONDS = 30  # stays open for the whole test
        yield hole


@pytest.fixture
def refused_redis(settings):
    settings.CACHES = redis_caches(f"redis://127.0.0.1:{closed_port()}/0")
    settings.PAGE_CACHE_SECONDS = 600


def cache_records(caplog):
    return [r for r in caplog.records if r.name.startswith("core")]


def test_pages_spend_one_time_out_on_a_hung_redis_then_skip_it(
    client, home, hung_redis, caplog
):
    caplog.set_level(logging.INFO)
    started = time.monotonic()
    for url in ("/en/", "/ar/", "/en/", "/en/search/?q=rescue"):
        assert client.get(url).status_code == 200
    # Before: every one of a page's cache calls waited for its own time-out.
    assert time.monotonic() - started < 4
    assert hung_redis.accepted == 1  # then the circuit was open: no more calls
    assert len(cache_records(caplog)) == 1
    assert "circuit open" in cache_records(caplog)[0].getMessage()
    assert not any(record.exc_info for record in caplog.records)


def test_the_degraded_contract_of_a_broken_cache(refused_redis):
    assert cache.get("k") is None
    assert cache.get("k", "fallback") == "fallback"
    assert cache.get_many(["a", "b"]) == {}
    assert cache.add("k", 1) is False
    assert cache.set("k", 1) is None
    assert cache.set_many({"a": 1, "b": 2}) == ["a", "b"]
    assert cache.has_key("k") is False
    assert cache.delete("k") is False
    with pytest.raises(CacheUnavailable):
        cache.incr("k")  # no made-up count: before, None
    with pytest.raises(CacheUnavailable):
        cache.decr("k")
    assert not isinstance(CacheUnavailable(), ValueError)


def test_a_donor_can_start_a_checkout_while_redis_refuses_connections(
    client, home, refused_redis
):
    DonationPageFactory(parent=home)
    assert client.get("/en/donate/").status_code == 200
    response = client.post("/en/donate/", DONOR)
    assert response.status_code == 303  # before: 500 (None compared with an int)


def test_the_health_check_says_the_cache_is_degraded_but_the_site_is_up(
    client, hung_redis, settings
):
    started = time.monotonic()
    response = client.get("/healthz")
    assert time.monotonic() - started < 2
    assert response.status_code == 200  # pages are served uncached
    body = response.json()
    assert body["status"] == "degraded"
    assert body["checks"]["cache"]["state"] == "unavailable"
    assert body["checks"]["database"]["state"] == "ok"
    assert body["checks"]["database"]["latency_ms"] >= 0

    settings.HEALTHZ_REQUIRE_CACHE = True
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["status"] == "failing"


def test_the_liveness_check_touches_neither_database_nor_cache(
    client, hung_redis, django_assert_num_queries
):
    with django_assert_num_queries(0):
        response = client.get("/livez")
    assert response.status_code == 200
    assert hung_redis.accepted == 0


def test_the_circuit_closes_again_once_redis_answers(settings, caplog):
    caplog.set_level(logging.INFO, logger="core.cache_backends")
    port = redis.Redis.from_url(REDIS_URL).connection_pool.connection_kwargs["port"]
    database = redis.Redis.from_url(REDIS_URL).connection_pool.connection_kwargs["db"]
    settings.CACHE_CIRCUIT_SECONDS = 0.3
    with FaultProxy(port) as proxy:
        location = f"redis://127.0.0.1:{proxy.port}/{database}"
        settings.CACHES = redis_caches(location, socket_timeout=0.5)
        cache.set("probe", "before")
        assert cache.get("probe") == "before"
        breaker = cache.breaker

        proxy.mode = "hang"
        assert cache.get("probe") is None
        assert breaker.state == OPEN
        assert cache.get("probe", "skipped") == "skipped"  # no call while open

        proxy.mode = "pass"
        time.sleep(0.35)
        assert cache.get("probe") == "before"  # the half-open trial succeeds
        assert breaker.state == CLOSED
        cache.delete("probe")
    messages = [record.getMessage() for record in caplog.records]
    assert [m.split(": circuit ")[1].split(" ")[0] for m in messages] == [
        "open",
        "half-open,",
        "closed,",
    ]


def test_one_trial_call_at_a_time_while_half_open():
    breaker = CircuitBreaker("test", seconds=0.05)
    breaker.failed(ConnectionError("refused"))
    assert not breaker.allow()
    time.sleep(0.06)
    assert breaker.allow()  # the trial
    assert breaker.state == HALF_OPEN
    assert not breaker.allow()  # others keep skipping the cache meanwhile
    breaker.failed(ConnectionError("still refused"))
    assert breaker.state == OPEN
    assert not breaker.allow()


def test_the_log_never_shows_the_redis_password(settings, caplog):
    port = closed_port()
    settings.CACHES = redis_caches(f"redis://:hunter2secret@127.0.0.1:{port}/0")
    assert cache.get("k") is None
    assert f"127.0.0.1:{port}" in caplog.text
    assert "hunter2secret" not in caplog.text


def test_a_database_slower_than_the_threshold_fails_the_health_check(client, settings):
    settings.HEALTHZ_SLOW_SECONDS = 0.0  # every answer is later than this
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["database"]["state"] == "slow"
