"""PostgreSQL and Redis broken for real under gunicorn with the production settings.

Each scenario starts one gunicorn (module-scoped) whose database or Redis is a port of
the test's own: a closed port (connections refused), a black hole (accepted, never
answered) or a proxy in front of the real server that stops answering mid-way.
Pages must answer within bounds, the log must stay short, ``/healthz`` must say which
dependency failed.
"""

import http.client
import json
import os
import subprocess
import sys
import time
import urllib.request
from urllib.parse import quote

import pytest
import redis
from django.db import connection

from bench.server import Gunicorn, environment, manage
from tests.donations.factories import DonationPageFactory
from tests.faults import Blackhole, FaultProxy, closed_port
from tests.memorial.factories import FallenVolunteerFactory, MemorialPageFactory

REDIS_URL = os.environ.get("RESILIENCE_REDIS_URL", "redis://127.0.0.1:6379/12")
DB_BOUND = 5.0  # seconds: a page or health check while the database is broken


class Server(Gunicorn):
    """gunicorn with one worker, ready once /livez answers; its log kept in a file."""

    def __init__(self, env, log_path):
        super().__init__(env, workers=1)
        self.log_path = log_path

    def __enter__(self):
        self.log = open(self.log_path, "w")  # noqa: SIM115 (closed in __exit__)
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "whitehelmets.wsgi:application",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                "1",
                "--timeout",
                "30",
            ],
            cwd=os.path.dirname(os.path.dirname(os.path.dirname(__file__))),
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{self.url}/livez", timeout=2) as reply:
                    if reply.status == 200 and self.worker_pids():
                        return self
            except OSError:
                time.sleep(0.3)
        self.__exit__()
        raise RuntimeError(f"gunicorn did not start:\n{self.log_text()}")

    def __exit__(self, *exc):
        super().__exit__(*exc)
        self.log.close()

    def log_text(self):
        self.log.flush()
        with open(self.log_path) as log:
            return log.read()

    def get(self, path, timeout=35, **headers):
        """(status, headers, body, seconds) of one GET as nginx forwards it."""
        started = time.monotonic()
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        conn.request(
            "GET",
            quote(path, safe="/?=&%"),
            headers={"Host": "localhost", "X-Forwarded-Proto": "https", **headers},
        )
        response = conn.getresponse()
        body = response.read().decode()
        conn.close()
        return response.status, response.headers, body, time.monotonic() - started


def site_environment(static, database_url, **extra):
    env = environment(
        database_url,
        STATIC_ROOT=str(static),
        ALLOWED_HOSTS="localhost,127.0.0.1",
        PAGE_CACHE_SECONDS="600",
        LOG_LEVEL="WARNING",
        **extra,
    )
    for name in ("DJANGO_ALLOW_ASYNC_UNSAFE", "REDIS_URL"):
        env.pop(name, None)
    env.update({k: str(v) for k, v in extra.items()})
    return env


def test_database_url():
    database = connection.settings_dict
    return (
        f"postgres://{database['USER']}@{database['HOST'] or '127.0.0.1'}:"
        f"{database['PORT'] or 5432}/{database['NAME']}"
    )


test_database_url.__test__ = False


def needs_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("the site under gunicorn shares the PostgreSQL test database")


@pytest.fixture(scope="module")
def static_root(tmp_path_factory):
    """The site's own static files, collected as production serves them (the admin's
    are left out: these servers show it nothing but the 503 page)."""
    root = tmp_path_factory.mktemp("static")
    env = environment("sqlite:////tmp/whitehelmets-unused.sqlite3", STATIC_ROOT=root)
    ignore = ("wagtail*", "admin", "django_*", "rest_framework", "ninja", "otp*")
    manage(env, "collectstatic", "--noinput", *(f"-i={name}" for name in ignore))
    return root


@pytest.fixture(scope="module")
def test_redis():
    client = redis.Redis.from_url(REDIS_URL)
    client.flushdb()
    yield REDIS_URL
    client.flushdb()


# PostgreSQL refuses connections: no content needed, so on SQLite runs too -----------


@pytest.fixture(scope="module")
def database_refused(static_root, tmp_path_factory):
    url = f"postgres://postgres@127.0.0.1:{closed_port()}/wh_resilience_down"
    env = site_environment(static_root, url)
    with Server(env, tmp_path_factory.mktemp("log") / "gunicorn.log") as server:
        yield server


def test_pages_answer_a_translated_503_when_the_database_refuses(database_refused):
    for path, title in (
        ("/en/", "Temporarily unavailable"),
        ("/ar/", "غير متاح مؤقتاً"),
        ("/en/about/who-we-are/", "Temporarily unavailable"),
    ):
        status, headers, body, seconds = database_refused.get(path)
        assert status == 503, (path, body[:300])
        assert seconds < DB_BOUND
        assert title in body
        assert headers["Retry-After"] == "30"
        assert "no-cache" in headers["Cache-Control"]
    status, _headers, body, _seconds = database_refused.get("/ar/")
    assert 'dir="rtl"' in body and "يُرجى المحاولة مرة أخرى" in body


def test_the_admin_says_the_database_is_not_answering(database_refused):
    signed_in = {"Cookie": "sessionid=" + "s" * 32}
    for path in ("/admin/", "/admin/pages/"):
        status, headers, body, seconds = database_refused.get(path, **signed_in)
        assert (status, seconds < DB_BOUND) == (503, True), body[:300]
        assert "The database is not answering" in body
        assert headers["Retry-After"]
    arabic = database_refused.get("/admin/", **signed_in, **{"Accept-Language": "ar"})
    assert arabic[0] == 503 and "قاعدة البيانات لا تستجيب" in arabic[2]


def test_healthz_fails_naming_the_database_and_livez_answers(database_refused):
    status, _headers, body, seconds = database_refused.get("/healthz")
    assert status == 503 and seconds < DB_BOUND
    report = json.loads(body)
    assert report["status"] == "failing"
    assert report["checks"]["database"]["state"] == "unavailable"
    status, _headers, body, seconds = database_refused.get("/livez")
    assert (status, body) == (200, "ok\n")
    assert "Traceback" not in database_refused.log_text()


# PostgreSQL accepts connections and never answers -----------------------------------


@pytest.fixture(scope="module")
def database_black_hole(static_root, tmp_path_factory):
    with Blackhole() as hole:
        url = f"postgres://postgres@127.0.0.1:{hole.port}/wh_resilience_down"
        env = site_environment(static_root, url)
        with Server(env, tmp_path_factory.mktemp("log") / "gunicorn.log") as server:
            yield server


def test_pages_and_healthz_answer_in_time_when_the_database_hangs(
    database_black_hole,
):
    signed_in = {"Cookie": "sessionid=" + "s" * 32}
    for path in ("/en/", "/ar/", "/healthz", "/admin/", "/en/"):
        status, _headers, body, seconds = database_black_hole.get(path, **signed_in)
        assert status == 503, (path, body[:300])
        assert seconds < DB_BOUND, (path, seconds)  # before: 35-38 s, then 500
    assert "Traceback" not in database_black_hole.log_text()


# PostgreSQL stops answering while the site runs: cached pages are still served -------


@pytest.fixture(scope="module")
def database_proxy(static_root, tmp_path_factory, test_redis, django_db_blocker):
    with django_db_blocker.unblock():
        if connection.vendor != "postgresql":
            yield None
            return
        port = int(connection.settings_dict["PORT"] or 5432)
        url = test_database_url()
    with FaultProxy(port) as proxy:
        env = site_environment(
            static_root,
            url.replace(f":{port}/", f":{proxy.port}/"),
            REDIS_URL=test_redis,
            CACHE_SOCKET_TIMEOUT=1,  # a healthy Redis: never trips on a busy machine
        )
        with Server(env, tmp_path_factory.mktemp("log") / "gunicorn.log") as server:
            yield proxy, server


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_cached_pages_are_served_while_the_database_hangs(database_proxy, who_we_are):
    needs_postgresql()
    proxy, server = database_proxy
    cached = "/en/about/who-we-are/"
    assert server.get(cached)[0] == 200
    assert server.get(cached)[1]["X-Page-Cache"] == "hit"

    proxy.mode = "hang"
    try:
        status, headers, body, seconds = server.get(cached)
        assert (status, headers["X-Page-Cache"]) == (200, "hit")
        assert "Who we are" in body and seconds < 2
        for path in ("/en/about/", "/ar/من-نحن/", "/healthz"):
            status, _headers, body, seconds = server.get(path)
            assert status == 503, (path, body[:300])
            assert seconds < DB_BOUND, (path, seconds)
        assert "Who we are" in server.get(cached)[2]
    finally:
        proxy.mode = "pass"
    time.sleep(2.1)  # the database circuit closes again
    assert server.get("/en/about/")[0] == 200
    assert "Traceback" not in server.log_text()


# Redis refuses connections, or accepts them and never answers ------------------------


@pytest.fixture(scope="module", params=["refused", "hung"])
def broken_redis(request, static_root, tmp_path_factory, django_db_blocker):
    with django_db_blocker.unblock():
        if connection.vendor != "postgresql":
            yield None
            return
        url = test_database_url()
    with Blackhole() as hole:
        port = hole.port if request.param == "hung" else closed_port()
        env = site_environment(
            static_root, url, REDIS_URL=f"redis://127.0.0.1:{port}/0"
        )
        log = tmp_path_factory.mktemp("log") / "gunicorn.log"
        with Server(env, log) as server:
            yield request.param, server


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_pages_and_the_donation_form_work_while_redis_is_broken(
    broken_redis, who_we_are, home
):
    needs_postgresql()
    fault, server = broken_redis
    DonationPageFactory(parent=home, slug_en="donate", slug_ar="تبرع")
    MemorialPageFactory(parent=home)
    for number in range(3):
        FallenVolunteerFactory(slug=f"volunteer-{number}")
    started = time.monotonic()
    paths = [
        "/en/",
        "/ar/",
        "/en/about/who-we-are/",
        "/en/memorial/",
        "/ar/شهداء-الدفاع-المدني/",
        "/en/memorial/volunteer-1/",
        "/en/donate/",
        "/ar/تبرع/",
    ] * 3
    for path in paths:
        status, _headers, body, seconds = server.get(path)
        assert status == 200, (fault, path, body[:300])
        assert seconds < 5, (fault, path, seconds)  # before: 30 s a page when hung
    assert time.monotonic() - started < 30

    status, _headers, body, seconds = server.get("/healthz")
    report = json.loads(body)
    assert (status, report["status"]) == (200, "degraded")
    assert report["checks"]["cache"]["state"] == "unavailable"
    assert report["checks"]["database"]["state"] == "ok"
    assert seconds < 2

    log = server.log_text()
    assert "Traceback" not in log  # before: 50-80 tracebacks a page
    assert len([line for line in log.splitlines() if "circuit" in line]) <= 3
