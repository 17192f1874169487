"""Staff accounts resist takeover: a second factor, sign-in lock-out, audit log."""

import re
from io import StringIO

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import ModelLogEntry
from wagtail.users.models import UserProfile

from core.two_factor import devices

pytestmark = pytest.mark.django_db

PASSWORD = "a long password for tests"
VERIFY = "/admin/two-factor/verify/"
SET_UP = "/admin/two-factor/set-up/"
CODES = "/admin/two-factor/recovery-codes/"


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create_superuser(
        "editor", "editor@example.org", PASSWORD
    )


def sign_in_with_password(client, username="editor", password=PASSWORD, **extra):
    return client.post(
        "/admin/login/", {"username": username, "password": password}, **extra
    )


def actions_logged(user):
    return set(
        ModelLogEntry.objects.for_instance(user).values_list("action", flat=True)
    )


# The second factor ---------------------------------------------------------------


def test_a_password_alone_does_not_open_the_admin(client, staff, sign_in):
    sign_in.device(staff)
    assert sign_in_with_password(client).status_code == 302
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == f"{VERIFY}?next=%2Fadmin%2Fpages%2F"
    # Nor any other admin address.
    assert client.get("/admin/users/").status_code == 302


def test_the_code_from_the_app_opens_the_admin(client, staff, sign_in):
    device = sign_in.device(staff)
    sign_in_with_password(client)
    page = client.get(f"{VERIFY}?next=/admin/pages/")
    assert "Two-step verification" in page.text
    response = client.post(VERIFY, {"code": sign_in.code(device), "next": "/admin/"})
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
    assert {"core.account.login", "core.two_factor.verified"} <= actions_logged(staff)


def test_verification_gives_the_session_a_new_key(client, staff, sign_in):
    device = sign_in.device(staff)
    sign_in_with_password(client)
    before = client.session.session_key
    client.post(VERIFY, {"code": sign_in.code(device)})
    assert client.session.session_key != before
    assert client.get("/admin/").status_code == 200


def test_accounts_that_cannot_open_the_admin_are_left_alone(client, django_user_model):
    user = django_user_model.objects.create_user("reader", password=PASSWORD)
    sign_in_with_password(client, username="reader")
    response = client.get("/admin/")
    # Wagtail's own refusal (to the sign-in page), not the second factor's.
    assert response["Location"].startswith("/admin/login/")
    assert not TOTPDevice.objects.filter(user=user).exists()


@pytest.mark.parametrize(
    ("language", "message"),
    [("en", "This code is not right"), ("ar", "هذا الرمز غير صحيح")],
)
def test_a_wrong_code_is_refused_with_a_message(
    client, staff, sign_in, language, message
):
    profile = UserProfile.get_for_user(staff)
    profile.preferred_language = language
    profile.save()
    sign_in.device(staff)
    sign_in_with_password(client)
    response = client.post(VERIFY, {"code": "000000"})
    assert response.status_code == 200
    assert message in response.text
    assert client.get("/admin/").status_code == 302
    assert "core.two_factor.verification_failed" in actions_logged(staff)


def test_a_new_account_sets_up_an_app_and_gets_recovery_codes_once(client, staff):
    sign_in_with_password(client)
    response = client.get("/admin/")
    assert response["Location"] == f"{SET_UP}?next=%2Fadmin%2F"
    page = client.get(response["Location"])
    assert page.status_code == 200
    # The QR code is made here (no other origin), and the key is there to type.
    qr = re.search(r'<img src="([^"]+)" alt="QR code', page.text).group(1)
    assert qr.startswith("data:image/svg+xml")
    device = TOTPDevice.objects.get(user=staff, confirmed=False)
    secret = re.search(r"<code dir=\"ltr\" data-secret>([^<]+)<", page.text).group(1)
    assert secret.replace(" ", "") == devices.b32encode(device.bin_key).decode()

    from django_otp.oath import TOTP

    code = f"{TOTP(device.bin_key).token():06d}"
    confirmed = client.post(SET_UP, {"code": code, "next": "/admin/"})
    assert confirmed["Location"] == f"{CODES}?next=/admin/"
    shown = client.get(confirmed["Location"])
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", shown.text)
    assert len(codes) == 10
    assert sorted(codes) == sorted(
        StaticToken.objects.filter(device__user=staff).values_list("token", flat=True)
    )
    # Shown once only.
    assert not re.findall(r"<li><code>", client.get(CODES).text)
    assert client.get("/admin/").status_code == 200
    assert {
        "core.two_factor.device_added",
        "core.two_factor.recovery_codes_created",
    } <= actions_logged(staff)


def test_set_up_is_not_a_way_around_an_existing_second_factor(client, staff, sign_in):
    sign_in.device(staff)
    sign_in_with_password(client)
    response = client.get(SET_UP)
    assert response.status_code == 302
    assert response["Location"].startswith(VERIFY)


def test_a_recovery_code_lets_in_once_then_asks_for_an_app(client, staff):
    code = devices.one_recovery_code(staff)
    sign_in_with_password(client)
    assert client.get("/admin/")["Location"].startswith(VERIFY)
    response = client.post(VERIFY, {"code": code.upper(), "next": "/admin/"})
    assert response["Location"] == "/admin/"
    # In with the code, but without an app yet: set one up.
    assert client.get("/admin/")["Location"] == f"{SET_UP}?next=%2Fadmin%2F"
    assert client.get(SET_UP).status_code == 200
    assert "core.two_factor.recovery_code_used" in actions_logged(staff)

    # The code worked once.
    other = Client()
    sign_in_with_password(other)
    assert "This code is not right" in other.post(VERIFY, {"code": code}).text


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "You signed in with a recovery code. 9 codes are left."),
        ("ar", "دخلت برمز استرداد. بقي لديك 9 رموز."),
    ],
)
def test_staff_are_told_how_many_recovery_codes_are_left(
    client, staff, sign_in, language, message
):
    profile = UserProfile.get_for_user(staff)
    profile.preferred_language = language
    profile.save()
    sign_in.device(staff)
    code = devices.new_recovery_codes(staff)[0]
    sign_in_with_password(client)
    response = client.post(VERIFY, {"code": code}, follow=True)
    assert message in response.text


def test_a_password_reset_does_not_skip_the_second_factor(client, staff, sign_in):
    """Seen: a password reset by email was enough to take over an admin account."""
    sign_in.device(staff)
    client.post("/admin/password_reset/", {"email": "editor@example.org"})
    link = re.search(r"https?://[^/]+(/admin/password_reset/\S+)", mail.outbox[0].body)
    form = client.get(link.group(1), follow=True)
    new = "another long password for tests"
    done = client.post(
        form.redirect_chain[-1][0], {"new_password1": new, "new_password2": new}
    )
    assert done.status_code == 302
    sign_in_with_password(client, password=new)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(VERIFY)


def test_staff_may_make_new_recovery_codes(admin_client, admin_user):
    account = admin_client.get("/admin/account/")
    assert f'href="{CODES}"' in account.text
    old = devices.new_recovery_codes(admin_user)
    page = admin_client.get(CODES)
    assert "You have 10 unused recovery codes." in page.text
    shown = admin_client.get(admin_client.post(CODES)["Location"])
    new = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", shown.text)
    assert len(new) == 10
    assert not set(old) & set(new)


def test_an_admin_resets_a_lost_second_factor(client, staff, sign_in):
    sign_in.device(staff)
    out = StringIO()
    call_command("reset_two_factor", "editor", stdout=out)
    code = out.getvalue().rsplit(" ", 1)[-1].strip()
    assert not TOTPDevice.objects.filter(user=staff).exists()
    sign_in_with_password(client)
    assert client.post(VERIFY, {"code": code})["Location"] == "/admin/"
    assert client.get("/admin/")["Location"].startswith(SET_UP)
    assert "core.two_factor.device_removed" in actions_logged(staff)


# Sign-in lock-out ------------------------------------------------------------------


def test_after_five_wrong_passwords_the_right_one_is_refused(client, staff):
    """Seen: 40 wrong passwords in 20 s all answered, then the right one logged in."""
    answers = [
        sign_in_with_password(client, password="wrong").status_code for _ in range(40)
    ]
    # Four are answered "wrong password"; from the fifth on, sign-in is locked.
    assert answers == [200] * 4 + [429] * 36
    response = sign_in_with_password(client)
    assert response.status_code == 429
    assert "Too many failed sign-in attempts" in response.text
    assert "Try again in 15 minutes." in response.text
    assert "_auth_user_id" not in client.session
    assert {"core.account.login_failed", "core.account.locked_out"} <= actions_logged(
        staff
    )


def test_the_lock_out_message_is_in_arabic(client, staff):
    for _ in range(5):
        sign_in_with_password(client, password="wrong", HTTP_ACCEPT_LANGUAGE="ar")
    response = sign_in_with_password(client, HTTP_ACCEPT_LANGUAGE="ar")
    assert response.status_code == 429
    assert "حاول مرة أخرى بعد 15 دقيقة" in response.text


def test_an_account_is_locked_whatever_address_the_attempts_come_from(client, staff):
    for number in range(5):
        sign_in_with_password(client, password="wrong", REMOTE_ADDR=f"10.0.0.{number}")
    response = sign_in_with_password(client, REMOTE_ADDR="10.0.1.1")
    assert response.status_code == 429


def test_an_address_is_locked_whatever_accounts_it_tries(
    client, staff, django_user_model
):
    django_user_model.objects.create_superuser("other", "o@example.org", PASSWORD)
    for number in range(5):
        sign_in_with_password(client, username=f"guess{number}", password="wrong")
    assert sign_in_with_password(client, username="other").status_code == 429
    # The same account from another address still signs in.
    response = sign_in_with_password(Client(), username="other", REMOTE_ADDR="10.9.9.9")
    assert response.status_code == 302


def test_behind_the_proxy_each_visitor_is_counted_at_their_own_address(
    staff, django_user_model, settings
):
    """nginx in front: every attempt arrives from its address; the visitor's is the
    last X-Forwarded-For entry, and an attacker's lock-out is the attacker's alone."""
    settings.CLIENT_IP_TRUSTED_PROXIES = 1
    django_user_model.objects.create_superuser("other", "o@example.org", PASSWORD)
    behind_nginx = {"REMOTE_ADDR": "172.18.0.5"}
    for number in range(5):
        sign_in_with_password(
            Client(),
            username=f"guess{number}",
            password="wrong",
            HTTP_X_FORWARDED_FOR="203.0.113.66",
            **behind_nginx,
        )
    attacker = sign_in_with_password(
        Client(), username="other", HTTP_X_FORWARDED_FOR="203.0.113.66", **behind_nginx
    )
    assert attacker.status_code == 429
    colleague = sign_in_with_password(
        Client(), username="other", HTTP_X_FORWARDED_FOR="198.51.100.7", **behind_nginx
    )
    assert colleague.status_code == 302


def test_staff_unlock_an_account_with_axes_reset_username(client, staff):
    for number in range(5):
        sign_in_with_password(client, password="wrong", REMOTE_ADDR=f"10.0.0.{number}")
    assert sign_in_with_password(client, REMOTE_ADDR="10.0.1.1").status_code == 429
    call_command("axes_reset_username", "editor", stdout=StringIO())
    assert sign_in_with_password(client, REMOTE_ADDR="10.0.1.1").status_code == 302


# The audit log ---------------------------------------------------------------------


def test_permission_and_group_changes_are_in_the_audit_log(staff):
    group = Group.objects.create(name="Reviewers")
    permission = Permission.objects.get(codename="access_admin")
    group.permissions.add(permission)
    staff.groups.add(group)
    staff.user_permissions.add(permission)
    staff.groups.remove(group)
    staff.is_superuser = False
    staff.save()
    entries = ModelLogEntry.objects.for_instance(staff)
    assert entries.get(action="core.account.groups_changed", data__added=["Reviewers"])
    assert entries.get(
        action="core.account.groups_changed", data__removed=["Reviewers"]
    )
    assert entries.get(action="core.account.permissions_changed")
    assert entries.get(action="core.account.role_changed").data == {
        "is_superuser": False
    }
    assert ModelLogEntry.objects.for_instance(group).get(
        action="core.account.group_permissions_changed"
    )


def test_security_events_show_in_site_history_filtered_by_action(
    client, staff, admin_client
):
    sign_in_with_password(client, password="wrong")
    sign_in_with_password(client)
    report = admin_client.get(
        "/admin/reports/site-history/", {"action": "core.account.login_failed"}
    )
    assert report.status_code == 200
    rows = re.findall(r"<tr[^>]*>.*?</tr>", report.text, flags=re.S)
    assert any("Sign-in failed" in row and "editor" in row for row in rows)
    assert not any("Signed in with password" in row for row in rows)
