"""`make run` prints where a demo translator signs in, with a password made once."""

from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django_otp.plugins.otp_static.models import StaticToken

from core.management.commands import ensure_translator
from core.translation_admin import translator_languages

pytestmark = pytest.mark.django_db

migration = __import__(
    "core.migrations.0004_translators_group_and_workflow", fromlist=["forwards"]
)


@pytest.fixture
def password_file(tmp_path, monkeypatch, home):
    migration.forwards(apps, None)  # the group, if a browser test emptied it
    path = tmp_path / ".translator-password"
    monkeypatch.setattr(ensure_translator, "PASSWORD_FILE", path)
    return path


def run(**options):
    out = StringIO()
    call_command("ensure_translator", stdout=out, **options)
    return out.getvalue()


def test_prints_the_translator_login_and_keeps_it(settings, password_file):
    settings.DEBUG = True
    first = run(site="http://127.0.0.1:8765")
    password = password_file.read_text().strip()
    user = get_user_model().objects.get(username="translator")
    code = StaticToken.objects.get(device__user=user).token
    assert first.strip() == (
        f"Translator: http://127.0.0.1:8765/admin/  user: translator  "
        f"password: {password}  recovery code: {code}"
    )
    assert user.check_password(password)
    assert not user.is_superuser and not user.is_staff
    assert list(user.groups.all()) == [Group.objects.get(name="Translators")]
    assert translator_languages(user) == {"ar"}
    assert run(site="http://127.0.0.1:8765") == first
    assert get_user_model().objects.count() == 1


def test_refuses_to_run_outside_development(settings, password_file):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        run()
    assert not password_file.exists()
