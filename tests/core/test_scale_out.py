"""Several app servers behind one load balancer: nothing lives in one server's memory.

Static files are built once into hashed, compressed files; uploaded media can live on
S3-compatible storage; the cache and sessions live in Redis. The last test starts two
real gunicorn servers with the production settings on one PostgreSQL database and one
Redis, publishes through the first and reads through the second.
"""

import http.client
import os
import re
import secrets
import shutil
import subprocess
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest
from django.conf import settings
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection

from bench.server import Gunicorn
from core.models import StandardPage
from tests.core.test_infrastructure import PRODUCTION_ENV, run_with_settings

BASE_DIR = Path(__file__).resolve().parents[2]
REDIS_URL = os.environ.get("SCALE_OUT_REDIS_URL", "redis://127.0.0.1:6379/11")


@pytest.fixture(scope="module")
def static_root(tmp_path_factory):
    """``collectstatic`` with the production settings, as the Docker image runs it."""
    root = tmp_path_factory.mktemp("static")
    result = run_with_settings(
        "whitehelmets.settings.production",
        "from django.core.management import call_command; import django; "
        "django.setup(); call_command('collectstatic', interactive=False, verbosity=0)",
        STATIC_ROOT=str(root),
        **PRODUCTION_ENV,
    )
    assert result.returncode == 0, result.stderr
    return root


def test_static_files_get_hashed_names_and_compressed_copies(static_root):
    css = sorted(path.name for path in (static_root / "css").iterdir())
    hashed = [name for name in css if re.fullmatch(r"site\.[0-9a-f]{12}\.css", name)]
    assert len(hashed) == 1, css
    assert f"{hashed[0]}.gz" in css and f"{hashed[0]}.br" in css


def test_static_files_are_served_compressed_with_far_future_headers(static_root):
    result = run_with_settings(
        "whitehelmets.settings.production",
        "import django; django.setup(); "
        "from django.templatetags.static import static; "
        "from django.test import Client; "
        "r = Client().get(static('css/site.css'), secure=True, "
        "headers={'Accept-Encoding': 'gzip, br'}); "
        "print(r.status_code, r['Content-Encoding'], r['Cache-Control'], "
        "static('css/site.css'), sep='|')",
        STATIC_ROOT=str(static_root),
        **PRODUCTION_ENV,
    )
    status, encoding, control, url = result.stdout.strip().split("|")
    assert (status, encoding) == ("200", "br"), result.stderr
    assert "immutable" in control and "max-age=315360000" in control
    assert re.fullmatch(r"/static/css/site\.[0-9a-f]{12}\.css", url)


def test_media_go_to_s3_compatible_storage_when_a_bucket_is_named():
    result = run_with_settings(
        "whitehelmets.settings.production",
        "import django; django.setup(); from django.conf import settings as s; "
        "from django.core.files.storage import storages; d = storages['default']; "
        "print(type(d).__name__, d.url('images/a.jpg'), "
        "'https://media.example.org' in s.CONTENT_SECURITY_POLICY, sep='|')",
        AWS_STORAGE_BUCKET_NAME="whitehelmets-media",
        AWS_S3_CUSTOM_DOMAIN="media.example.org",
        AWS_ACCESS_KEY_ID="test",
        AWS_SECRET_ACCESS_KEY="test",
        **PRODUCTION_ENV,
    )
    assert result.stdout.strip().split("|") == [
        "S3Storage",
        "https://media.example.org/images/a.jpg",
        "True",
    ], result.stderr


def test_media_stay_on_disk_and_the_csp_names_no_other_origin_without_a_bucket():
    result = run_with_settings(
        "whitehelmets.settings.production",
        "import django; django.setup(); from django.conf import settings as s; "
        "from django.core.files.storage import storages; d = storages['default']; "
        "print(type(d).__name__, s.CONTENT_SECURITY_POLICY, sep='|')",
        AWS_STORAGE_BUCKET_NAME="",
        **PRODUCTION_ENV,
    )
    backend, policy = result.stdout.strip().split("|")
    assert backend == "FileSystemStorage", result.stderr
    assert "http" not in policy.replace("https://checkout.stripe.com", "")


# Two app servers -----------------------------------------------------------------


class AppServer(Gunicorn):
    """gunicorn with the production settings, as one `web` container runs it, asked
    as a browser behind the TLS proxy asks (its cookies kept)."""

    def __init__(self, environment):
        super().__init__(environment, workers=1)
        self.cookies = SimpleCookie()

    def request(self, method, path, form=None, headers=None):
        """One request as a browser behind the TLS proxy sends it (cookies kept)."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        headers = {
            "Host": "localhost",
            "X-Forwarded-Proto": "https",
            **(headers or {}),
        }
        if self.cookies:
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
            errors = re.findall(r'class="[^"]*error[^"]*"[^>]*>([^<]+)<', response.text)
            assert response.status == 302, errors


def editor(user_model, sign_in):
    """A superuser whose password the servers can check (the tests hash fast), and
    the code its authenticator app shows."""
    password = secrets.token_urlsafe(16)
    user = user_model.objects.create_superuser("editor", "editor@example.org")
    user.password = PBKDF2PasswordHasher().encode(password, secrets.token_hex(11))
    user.save()
    return password, sign_in.code(sign_in.device(user))


def cache_state(response):
    return response.headers.get("X-Page-Cache")


@pytest.fixture
def shared_redis():
    import redis

    client = redis.Redis.from_url(REDIS_URL)
    client.flushdb()
    yield REDIS_URL
    client.flushdb()


@pytest.fixture
def two_servers(static_root, shared_redis):
    if connection.vendor != "postgresql":
        pytest.skip("two servers share a PostgreSQL database (make test-postgres)")
    database = connection.settings_dict
    database_url = (
        f"postgres://{database['USER']}@{database['HOST'] or '127.0.0.1'}:"
        f"{database['PORT'] or 5432}/{database['NAME']}"
    )
    environment = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        **PRODUCTION_ENV,
        "DJANGO_SETTINGS_MODULE": "whitehelmets.settings.production",
        "DATABASE_URL": database_url,
        "REDIS_URL": shared_redis,
        "STATIC_ROOT": str(static_root),
        "ALLOWED_HOSTS": "localhost,127.0.0.1",
        "CSRF_TRUSTED_ORIGINS": "https://localhost",
        "PAGE_CACHE_SECONDS": "600",
        "LANGUAGES": ",".join(code for code, _name in settings.LANGUAGES),
    }
    with AppServer(environment) as first, AppServer(environment) as second:
        yield first, second


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_publish_through_one_server_shows_at_once_through_the_other(
    two_servers, who_we_are, django_user_model, sign_in
):
    first, second = two_servers
    password, code = editor(django_user_model, sign_in)
    english, arabic = "/en/about/who-we-are/", "/ar/من-نحن/قصتنا/"

    # Both servers fill the shared cache; the second serves the page from it.
    for server in (first, second):
        for url in (english, arabic):
            assert server.request("GET", url).status == 200
    assert cache_state(second.request("GET", english)) == "hit"

    # An editor saves a draft, then publishes it through the first server's admin.
    page = StandardPage.objects.get(pk=who_we_are.pk)
    page.title_en, page.title_ar = "Our story", "حكايتنا"
    page.save_revision()
    first.sign_in("editor", password, code)
    bulk = f"/admin/bulk/wagtailcore/page/publish/?id={page.pk}"
    published = first.request(
        "POST", bulk, {"csrfmiddlewaretoken": first.csrf_token(bulk)}
    )
    assert published.status == 302, published.text[:500]

    # The second server shows the new title at once, in both languages.
    response = second.request("GET", english)
    assert cache_state(response) == "miss"
    assert "Our story" in response.text
    assert "حكايتنا" in second.request("GET", arabic).text

    # Unpublishing through the first server takes the page off the second at once.
    unpublish = f"/admin/pages/{page.pk}/unpublish/"
    response = first.request(
        "POST", unpublish, {"csrfmiddlewaretoken": first.csrf_token(unpublish)}
    )
    assert response.status == 302, response.text[:500]
    assert second.request("GET", english).status == 404
    assert second.request("GET", arabic).status == 404


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_staff_signed_in_on_one_server_stay_signed_in_on_the_other(
    two_servers, home, django_user_model, sign_in
):
    first, second = two_servers
    password, code = editor(django_user_model, sign_in)
    first.sign_in("editor", password, code)
    second.cookies = first.cookies
    response = second.request("GET", "/admin/")
    assert response.status == 200
    assert "editor" in response.text
    # And they are never served a cached public page.
    second.request("GET", "/en/")
    assert cache_state(second.request("GET", "/en/")) is None


# The compose stack's nginx ------------------------------------------------------


@pytest.mark.skipif(
    not shutil.which("nginx") or not shutil.which("openssl"),
    reason="needs nginx and openssl (.ci/run installs them)",
)
def test_the_nginx_configuration_is_valid(tmp_path):
    """``nginx -t`` on deploy/nginx.conf, with a throwaway certificate."""
    certs = tmp_path / "certs"
    certs.mkdir()
    subprocess.run(
        [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
            "-subj", "/CN=localhost", "-keyout", certs / "privkey.pem",
            "-out", certs / "fullchain.pem",
        ],
        check=True,
        capture_output=True,
    )  # fmt: skip
    site = (BASE_DIR / "deploy" / "nginx.conf").read_text()
    assert "/etc/nginx/certs/" in site and "http://varnish:6081" in site
    (tmp_path / "site.conf").write_text(
        site.replace("/etc/nginx/certs/", f"{certs}/").replace(
            "/srv/media/", f"{tmp_path}/"
        )
    )
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log stderr;\nevents {{}}\n"
        f"http {{\n  access_log off;\n  client_body_temp_path {tmp_path};\n"
        f"  include {tmp_path}/site.conf;\n}}\n"
    )
    result = subprocess.run(
        ["nginx", "-t", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "syntax is ok" in result.stderr
