"""The compose stack's HTTP cache: the real varnishd with deploy/varnish/default.vcl in
front of a real gunicorn of the site (production settings, PostgreSQL, Redis).

Anonymous pages are served by Varnish without the app doing any work (counted in
gunicorn's access log and Varnish's backend fetches); a publish through the admin
shows at once in both languages, and a withdrawn consent is never served again;
staff, the admin, the donation form, POSTs and health checks always reach the app;
only the app servers may purge.
"""

import http.client
import os
import re
import shutil
import subprocess
import sys
import time
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest
from django.conf import settings
from django.db import connection
from django.utils import translation

from bench.server import Gunicorn, Varnish
from core.models import StandardPage
from tests.core.test_infrastructure import PRODUCTION_ENV
from tests.core.test_scale_out import editor, static_root  # noqa: F401 (a fixture)
from tests.donations.factories import DonationPageFactory
from tests.memorial.factories import FallenVolunteerFactory, MemorialPageFactory

BASE_DIR = Path(__file__).resolve().parents[2]
REDIS_URL = os.environ.get("FRONT_CACHE_REDIS_URL", "redis://127.0.0.1:6379/13")
ENGLISH, ARABIC = "/en/about/who-we-are/", "/ar/من-نحن/قصتنا/"

needs_varnish = pytest.mark.skipif(
    not shutil.which("varnishd") and not os.environ.get("CI"),
    reason="needs varnishd (.ci/run installs varnish)",
)


class Browser:
    """Requests as nginx forwards them to Varnish (TLS done, Host kept), cookies
    kept like a browser's."""

    def __init__(self, port):
        self.port = port
        self.cookies = SimpleCookie()

    def request(self, method, path, form=None, headers=None, source="127.0.0.1"):
        connection = http.client.HTTPConnection(
            "127.0.0.1", self.port, timeout=30, source_address=(source, 0)
        )
        headers = {
            "Host": "localhost",
            "X-Forwarded-Proto": "https",
            "X-Forwarded-For": "198.51.100.7",
            **(headers or {}),
        }
        if self.cookies and "Cookie" not in headers:
            headers["Cookie"] = "; ".join(
                f"{name}={morsel.value}" for name, morsel in self.cookies.items()
            )
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = "https://localhost/admin/"
        connection.request(
            method, quote(path, safe="/?=&%"), body=body, headers=headers
        )
        response = connection.getresponse()
        response.text = response.read().decode()
        for header in response.headers.get_all("Set-Cookie") or []:
            self.cookies.load(header)
        connection.close()
        return response

    def request_raw(self, method, path, headers=None):
        """The answer's bytes as sent (compressed or not)."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        connection.request(
            method,
            quote(path, safe="/?=&%"),
            headers={
                "Host": "localhost",
                "X-Forwarded-Proto": "https",
                **(headers or {}),
            },
        )
        response = connection.getresponse()
        response.body = response.read()
        connection.close()
        return response

    def csrf_token(self, path):
        page = self.request("GET", path).text
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)

    def sign_in(self, username, password, code):
        """The password, then the second factor's code, as staff sign in."""
        for path, form in (
            ("/admin/login/", {"username": username, "password": password}),
            ("/admin/two-factor/verify/", {"code": code}),
        ):
            token = self.csrf_token(path)
            response = self.request(
                "POST", path, {"csrfmiddlewaretoken": token, **form}
            )
            assert response.status == 302, response.text[:300]


def served_by_varnish(response):
    """A hit: Varnish names the request that stored the copy besides this one."""
    return len(response.headers["X-Varnish"].split()) == 2


class Stack:
    def __init__(self, app, varnish):
        self.app, self.varnish = app, varnish

    def renders(self):
        """Requests the app has answered so far (gunicorn's access log)."""
        time.sleep(0.2)  # gunicorn writes the line just after the response
        return self.app.requests_served()


@pytest.fixture(scope="module")
def stack(request, django_db_setup, tmp_path_factory):
    if not shutil.which("varnishd"):
        pytest.fail("varnishd is missing (.ci/run installs varnish)")
    if connection.vendor != "postgresql":
        pytest.skip("gunicorn shares the test database (make test-postgres)")
    static = request.getfixturevalue("static_root")
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()
    database = connection.settings_dict
    workdir = tmp_path_factory.mktemp("varnish")
    environment = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        **PRODUCTION_ENV,
        "DJANGO_SETTINGS_MODULE": "whitehelmets.settings.production",
        "DATABASE_URL": (
            f"postgres://{database['USER']}@{database['HOST'] or '127.0.0.1'}:"
            f"{database['PORT'] or 5432}/{database['NAME']}"
        ),
        "REDIS_URL": REDIS_URL,
        "STATIC_ROOT": str(static),
        "ALLOWED_HOSTS": "localhost,127.0.0.1",
        "CSRF_TRUSTED_ORIGINS": "https://localhost",
        "PAGE_CACHE_SECONDS": "600",
        "PAGE_CACHE_CDN_SECONDS": "600",
        "LANGUAGES": ",".join(code for code, _name in settings.LANGUAGES),
    }
    app = Gunicorn(environment, workers=1, log=workdir / "access.log")
    varnish = Varnish(workdir, app.port)
    app.env["FRONTEND_CACHE_PURGE_URL"] = varnish.purge_url
    with app, varnish:
        yield Stack(app, varnish)
    redis.Redis.from_url(REDIS_URL).flushdb()


@pytest.fixture
def front(stack):
    """The stack with empty caches (each test makes its own pages, through this
    process, whose changes do not bump the app's Redis): Varnish's, and the app's
    pages and pieces (the site and its routes among them)."""
    import redis

    stack.varnish.forget_everything()
    redis.Redis.from_url(REDIS_URL).flushdb()
    return stack


pytestmark = [
    needs_varnish,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_page_and_its_arabic_twin_are_served_by_varnish_without_the_app(
    front, who_we_are
):
    visitor = Browser(front.varnish.port)
    for url, title in ((ENGLISH, "Who we are"), (ARABIC, "قصتنا")):
        first = visitor.request("GET", url)
        assert first.status == 200 and title in first.text
        assert not served_by_varnish(first)
        renders = front.renders()
        backend_fetches = front.varnish.counter()

        again = visitor.request("GET", url, headers={"Cookie": "django_language=ar"})
        assert again.status == 200 and again.text == first.text
        assert served_by_varnish(again), again.headers
        assert again.headers["X-Cache"] == "hit"
        assert int(again.headers["Age"]) >= 0
        assert front.renders() == renders
        assert front.varnish.counter() == backend_fetches


def test_each_encoding_is_kept_and_sent_as_the_app_stored_it(front, who_we_are):
    """Brotli for a browser that takes it, gzip, or the page as it is: each copy
    kept apart (the app's Vary) and sent byte for byte, never unzipped by Varnish."""
    visitor = Browser(front.varnish.port)
    app = Browser(front.app.port)
    for url in (ENGLISH, ARABIC):
        for accept, encoding in (
            ("gzip, deflate, br", "br"),
            ("gzip", "gzip"),
            ("br;q=0, gzip;q=0.8", "gzip"),
            (None, None),
        ):
            headers = {"Accept-Encoding": accept} if accept else {}
            visitor.request_raw("GET", url, headers=headers)
            hit = visitor.request_raw("GET", url, headers=headers)
            assert served_by_varnish(hit), (url, accept)
            assert hit.headers.get("Content-Encoding") == encoding, (url, accept)
            direct = app.request_raw("GET", url, headers=headers)
            assert direct.headers["X-Page-Cache"] == "hit"
            assert hit.body == direct.body, (url, accept)
            assert hit.headers["ETag"] == direct.headers["ETag"]
            for name in ("Content-Security-Policy", "Strict-Transport-Security"):
                assert hit.headers[name] == direct.headers[name]


def test_a_publish_through_the_admin_shows_at_once_in_both_languages(
    front, who_we_are, django_user_model, sign_in
):
    password, code = editor(django_user_model, sign_in)
    visitor = Browser(front.varnish.port)
    for url in (ENGLISH, ARABIC):
        visitor.request("GET", url)
        assert served_by_varnish(visitor.request("GET", url))

    page = StandardPage.objects.get(pk=who_we_are.pk)
    page.title_en, page.title_ar = "Our story", "حكايتنا"
    page.save_revision()
    staff = Browser(front.varnish.port)
    staff.sign_in("editor", password, code)
    bulk = f"/admin/bulk/wagtailcore/page/publish/?id={page.pk}"
    published = staff.request(
        "POST", bulk, {"csrfmiddlewaretoken": staff.csrf_token(bulk)}
    )
    assert published.status == 302, published.text[:500]

    english, arabic = visitor.request("GET", ENGLISH), visitor.request("GET", ARABIC)
    assert "Our story" in english.text and "Who we are" not in english.text
    assert "حكايتنا" in arabic.text
    assert not served_by_varnish(english) and not served_by_varnish(arabic)
    # And the new version is what Varnish then serves.
    assert served_by_varnish(visitor.request("GET", ENGLISH))

    # Unpublished: gone at once, in both languages.
    unpublish = f"/admin/pages/{page.pk}/unpublish/"
    response = staff.request(
        "POST", unpublish, {"csrfmiddlewaretoken": staff.csrf_token(unpublish)}
    )
    assert response.status == 302, response.text[:500]
    assert visitor.request("GET", ENGLISH).status == 404
    assert visitor.request("GET", ARABIC).status == 404


# Withdrawn from a process of its own, as the admin or an import does it.
WITHDRAW = """
from memorial.models import Consent, FallenVolunteer
record = FallenVolunteer.objects.get(slug="{slug}")
record.consent = Consent.NONE
record.save_revision().publish()
"""


def test_a_withdrawn_consent_is_never_served_from_varnish(front, home):
    memorial = MemorialPageFactory(parent=home)
    record = FallenVolunteerFactory(name_en="Khaled Example", name_ar="خالد مثال")
    shown = []
    for language, name in (("en", "Khaled Example"), ("ar", "خالد مثال")):
        with translation.override(language):
            shown += [
                (memorial.person_url(record), name),
                (memorial.get_url(), name),
                (memorial.get_url() + "?page=1", name),
            ]
    visitor = Browser(front.varnish.port)
    for url, name in shown:
        assert name in visitor.request("GET", url).text
        again = visitor.request("GET", url)
        assert served_by_varnish(again) and name in again.text, url

    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", WITHDRAW.format(slug=record.slug)],
        cwd=BASE_DIR,
        env=front.app.env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr

    for url, name in shown:
        response = visitor.request("GET", url)
        assert not served_by_varnish(response), url
        assert name not in response.text, url
    for language in ("en", "ar"):
        with translation.override(language):
            url = memorial.person_url(record)
        assert visitor.request("GET", url).status == 404


def test_staff_the_admin_the_donation_form_posts_and_health_checks_reach_the_app(
    front, home, who_we_are, django_user_model, sign_in
):
    donate = DonationPageFactory(parent=home)
    password, code = editor(django_user_model, sign_in)
    staff = Browser(front.varnish.port)
    staff.sign_in("editor", password, code)
    assert "sessionid" in staff.cookies
    visitor = Browser(front.varnish.port)
    donation_form = donate.get_url()

    def bypasses(browser, method, path, **kwargs):
        """Asked twice, answered by the app both times."""
        fetches = front.varnish.counter()
        for _ in range(2):
            response = browser.request(method, path, **kwargs)
            assert not served_by_varnish(response), (path, response.headers)
        return front.varnish.counter() == fetches + 2

    assert bypasses(staff, "GET", ENGLISH)  # signed in: a session cookie
    assert "Who we are" in staff.request("GET", ENGLISH).text
    assert bypasses(staff, "GET", "/admin/")
    assert bypasses(visitor, "GET", "/admin/login/")
    assert bypasses(visitor, "GET", donation_form)
    assert "csrfmiddlewaretoken" in visitor.request("GET", donation_form).text
    assert bypasses(visitor, "POST", ENGLISH, form={"q": "x"})
    assert bypasses(visitor, "GET", "/healthz")
    # Meanwhile the same page is shared with every anonymous visitor.
    visitor.request("GET", ENGLISH)
    assert served_by_varnish(visitor.request("GET", ENGLISH))


def test_only_the_app_servers_may_purge(front, who_we_are):
    visitor = Browser(front.varnish.port)
    visitor.request("GET", ENGLISH)
    # Through the listener nginx forwards to: refused, whoever asks.
    assert visitor.request("PURGE", ENGLISH).status == 405
    # On the purge listener, from an address outside the list: refused.
    purger = Browser(front.varnish.purge_port)
    assert purger.request("PURGE", ENGLISH, source="127.0.0.2").status == 403
    assert purger.request("GET", ENGLISH).status == 405
    assert served_by_varnish(visitor.request("GET", ENGLISH))
    # From the app servers' address: every copy goes (query strings included).
    visitor.request("GET", ENGLISH + "?page=2")
    assert purger.request("PURGE", ENGLISH).status == 200
    assert not served_by_varnish(visitor.request("GET", ENGLISH))
    assert not served_by_varnish(visitor.request("GET", ENGLISH + "?page=2"))


@pytest.mark.skipif(not shutil.which("nginx"), reason="needs nginx (.ci/run)")
def test_the_balancer_configuration_is_valid(tmp_path):
    """``nginx -t`` on the balancer between Varnish and the app servers."""
    site = (BASE_DIR / "deploy" / "varnish" / "balancer.conf").read_text()
    assert "http://web:8000" in site
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log stderr;\nevents {{}}\n"
        f"http {{\n  access_log off;\n  client_body_temp_path {tmp_path};\n"
        f"  include {BASE_DIR}/deploy/varnish/balancer.conf;\n}}\n"
    )
    result = subprocess.run(
        ["nginx", "-t", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
