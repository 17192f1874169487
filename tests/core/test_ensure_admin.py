"""`make run` prints where to sign in to the admin, with a password made once."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from core.management.commands import ensure_admin

pytestmark = pytest.mark.django_db


@pytest.fixture
def password_file(tmp_path, monkeypatch):
    path = tmp_path / ".admin-password"
    monkeypatch.setattr(ensure_admin, "PASSWORD_FILE", path)
    return path


def run(**options):
    out = StringIO()
    call_command("ensure_admin", stdout=out, **options)
    return out.getvalue()


def test_prints_the_admin_address_of_the_site_being_served(settings, password_file):
    settings.DEBUG = True
    first = run(site="http://127.0.0.1:8765")
    password = password_file.read_text().strip()
    code = first.split("recovery code: ")[1].strip()
    assert first.strip() == (
        f"Admin: http://127.0.0.1:8765/admin/  user: admin  password: {password}"
        f"  recovery code: {code}"
    )
    assert get_user_model().objects.get(username="admin").check_password(password)
    # Running `make run` again keeps the same account and password.
    assert run(site="http://127.0.0.1:8765") == first
    assert get_user_model().objects.count() == 1


def test_refuses_to_run_outside_development(settings, password_file):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        run()
    assert not password_file.exists()


def test_the_first_sign_in_uses_the_recovery_code_then_sets_up_an_app(
    settings, password_file, client
):
    """`make run` lets a newcomer in at once, and walks them through the set-up."""
    settings.DEBUG = True
    out = run()
    password = password_file.read_text().strip()
    code = out.split("recovery code: ")[1].strip()
    client.post("/admin/login/", {"username": "admin", "password": password})
    assert client.get("/admin/")["Location"].startswith("/admin/two-factor/verify/")
    client.post("/admin/two-factor/verify/", {"code": code})
    response = client.get("/admin/")
    assert response["Location"].startswith("/admin/two-factor/set-up/")
    # The code is spent: the next `make run` prints a new one.
    assert code not in run()
