"""Health check, security headers, sitemap, robots.txt and the production settings."""

import os
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper

BASE_DIR = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.django_db


def test_healthz_answers_200_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["checks"]["database"]["state"] == "ok"
    assert "no-cache" in response["Cache-Control"]


def test_healthz_answers_503_when_the_database_is_down(client):
    with mock.patch.object(
        BaseDatabaseWrapper, "cursor", side_effect=OperationalError("down")
    ):
        response = client.get("/healthz")
    assert response.status_code == 503


def test_public_pages_send_security_headers_with_no_third_party_origin(client, home):
    response = client.get("/en/")
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "http" not in csp.replace("https://checkout.stripe.com", "")
    assert "unsafe-inline" not in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert "camera=()" in response["Permissions-Policy"]


def test_public_pages_load_nothing_from_other_origins(client, home, who_we_are):
    for url in ("/en/", "/ar/", "/en/about/who-we-are/"):
        html = client.get(url).content.decode()
        for attribute in ('src="http', "src='http", 'href="//', 'src="//'):
            assert attribute not in html
        assert '<link rel="stylesheet" href="http' not in html


def test_sitemap_lists_every_page_in_every_language(client, who_we_are):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    body = response.content.decode()
    assert "http://testserver/en/about/who-we-are/" in body
    assert "http://testserver/ar/%D9%85%D9%86-%D9%86%D8%AD%D9%86/" in body or (
        "http://testserver/ar/من-نحن/" in body
    )
    assert 'hreflang="ar"' in body


def test_robots_txt_points_to_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()
    assert "Disallow: /admin/" in response.content.decode()


def run_with_settings(module, code, **env):
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    environment.update(DJANGO_SETTINGS_MODULE=module, **env)
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


PRODUCTION_ENV = {
    "SECRET_KEY": "k" * 30 + "-production-test-key-0123456789abcdef",
    "ALLOWED_HOSTS": "www.example.org",
    "DATABASE_URL": "sqlite:////tmp/whitehelmets-deploy-check.sqlite3",
    "DONATIONS_PROVIDER": "stripe",
    "STRIPE_SECRET_KEY": "sk_test_deploy_check",
    "STRIPE_WEBHOOK_SECRET": "whsec_deploy_check",
}


def test_production_refuses_to_start_without_a_secret_key():
    result = run_with_settings(
        "whitehelmets.settings.production",
        "import django; django.setup()",
        ALLOWED_HOSTS="www.example.org",
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = run_with_settings(
        "whitehelmets.settings.production",
        "import django; django.setup()",
        SECRET_KEY=PRODUCTION_ENV["SECRET_KEY"],
        ALLOWED_HOSTS="",
    )
    assert result.returncode != 0
    assert "ALLOWED_HOSTS" in result.stderr


def test_production_deploy_check_reports_no_warnings():
    result = run_with_settings(
        "whitehelmets.settings.production",
        "import sys; from django.core.management import execute_from_command_line; "
        "execute_from_command_line(['manage.py', 'check', '--deploy', '--fail-level', "
        "'WARNING'])",
        **PRODUCTION_ENV,
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_production_cookies_are_secure_and_https_is_enforced():
    result = run_with_settings(
        "whitehelmets.settings.production",
        "from django.conf import settings as s; print(s.SESSION_COOKIE_SECURE, "
        "s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, s.SECURE_SSL_REDIRECT, "
        "s.SECURE_HSTS_SECONDS >= 31536000, s.DEBUG)",
        **PRODUCTION_ENV,
    )
    assert result.stdout.split() == ["True", "True", "True", "True", "True", "False"]


def test_hsts_header_is_sent_over_https(client, home, settings):
    settings.SECURE_HSTS_SECONDS = 63072000
    response = client.get("/en/", secure=True)
    assert response["Strict-Transport-Security"].startswith("max-age=63072000")
    assert "Strict-Transport-Security" not in client.get("/en/")
