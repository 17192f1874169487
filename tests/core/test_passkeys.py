"""Passkeys (WebAuthn) as the second step of a staff sign-in, over HTTP.

The ceremony itself, with a virtual authenticator, is in tests/browser/test_passkeys.py.
"""

import json
import os

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp_webauthn.models import WebAuthnCredential
from wagtail.models import ModelLogEntry

from core.two_factor import audit

PASSWORD = "a long password for the passkey tests"
BEGIN_REGISTRATION = "otp_webauthn:credential-registration-begin"
BEGIN_AUTHENTICATION = "otp_webauthn:credential-authentication-begin"
COMPLETE_AUTHENTICATION = "otp_webauthn:credential-authentication-complete"


@pytest.fixture
def staff(django_user_model):
    """An editor: opens the admin, and is no superuser."""
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user(
        "maryam", "maryam@example.org", PASSWORD
    )
    user.user_permissions.add(
        Permission.objects.get(
            content_type__app_label="wagtailadmin", codename="access_admin"
        )
    )
    return django_user_model.objects.get(pk=user.pk)


def password_only(user):
    """A client signed in with the password and nothing more."""
    client = Client()
    client.force_login(user)
    return client


def passkey_of(user):
    return WebAuthnCredential.objects.create(
        user=user,
        credential_id=os.urandom(32),
        public_key=os.urandom(77),
        sign_count=0,
        aaguid="00000000-0000-0000-0000-000000000000",
        confirmed=True,
    )


def post_json(client, name, data=None):
    return client.post(
        reverse(name), json.dumps(data or {}), content_type="application/json"
    )


def actions_of(user):
    return list(
        ModelLogEntry.objects.filter(object_id=str(user.pk))
        .order_by("timestamp", "pk")
        .values_list("action", flat=True)
    )


# The pages offer passkeys ----------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "label"),
    [("en", "Add a passkey"), ("ar", "أضف مفتاح مرور")],
)
def test_first_sign_in_set_up_offers_a_passkey_beside_the_app(staff, language, label):
    client = password_only(staff)
    response = client.get(reverse("two_factor_set_up"), HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    content = response.content.decode()
    assert 'id="passkey-register-button"' in content
    assert label in content
    assert "otp_webauthn_register.js" in content
    assert "data-secret" in content  # the authenticator app is still offered
    config = response.context["passkey_config"]
    assert config["beginRegistrationUrl"] == reverse(BEGIN_REGISTRATION)
    assert config["autocompleteLoginFieldSelector"] is None  # no passwordless


def test_account_page_lists_passkeys_and_offers_another(staff, sign_in):
    passkey_of(staff)
    client = sign_in(Client(), staff)
    response = client.get(reverse("two_factor_recovery_codes"))
    assert response.status_code == 200
    content = response.content.decode()
    assert content.count("Remove this passkey") == 1
    assert 'id="passkey-register-button"' in content


@pytest.mark.parametrize(
    ("language", "label"), [("en", "Use a passkey"), ("ar", "استخدم مفتاح مرور")]
)
def test_verify_page_offers_the_passkey_of_an_account_that_has_one(
    staff, sign_in, language, label
):
    sign_in.device(staff)
    passkey_of(staff)
    response = password_only(staff).get(
        reverse("two_factor_verify"), HTTP_ACCEPT_LANGUAGE=language
    )
    content = response.content.decode()
    assert 'id="passkey-verification-button"' in content
    assert label in content
    assert "otp_webauthn_auth.js" in content
    assert 'name="code"' in content  # codes still work beside it


def test_verify_page_asks_only_for_a_code_without_a_passkey(staff, sign_in):
    sign_in.device(staff)
    response = password_only(staff).get(reverse("two_factor_verify"))
    content = response.content.decode()
    assert "passkey-verification-button" not in content
    assert "otp_webauthn_auth.js" not in content
    assert 'name="code"' in content


def test_script_text_is_served_in_arabic(staff):
    client = password_only(staff)
    with translation.override("ar"):
        url = reverse("otp_webauthn:js-i18n-catalog")
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="ar")
    assert response.status_code == 200
    with translation.override("ar"):
        arabic = translation.gettext("Verifying...")
    assert arabic != "Verifying..."
    assert json.dumps(arabic) in response.content.decode()


# Passwordless sign-in is off --------------------------------------------------------


def test_passwordless_login_is_off_in_settings():
    assert settings.OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN is False
    assert "django_otp_webauthn.backends.WebAuthnBackend" not in (
        settings.AUTHENTICATION_BACKENDS
    )


@pytest.mark.django_db
@pytest.mark.parametrize("name", [BEGIN_AUTHENTICATION, COMPLETE_AUTHENTICATION])
def test_a_passkey_alone_signs_nobody_in(client, name):
    response = post_json(client, name)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
@pytest.mark.parametrize("name", [BEGIN_AUTHENTICATION, COMPLETE_AUTHENTICATION])
def test_the_passkey_views_themselves_refuse_an_anonymous_visitor(rf, name):
    from django.contrib.auth.models import AnonymousUser
    from django.contrib.sessions.backends.db import SessionStore
    from django.urls import resolve

    request = rf.post(reverse(name), "{}", content_type="application/json")
    request.user = AnonymousUser()
    request.session = SessionStore()
    request._dont_enforce_csrf_checks = True
    view = resolve(reverse(name)).func.view_class.as_view()  # under the admin check
    response = view(request)
    assert response.status_code == 403
    assert json.loads(response.content) == {
        "detail": "Sign in with your password first.",
        "code": "passwordless_login_disabled",
    }


def routed_views(patterns):
    for pattern in patterns:
        if hasattr(pattern, "url_patterns"):
            yield from routed_views(pattern.url_patterns)
        else:
            yield getattr(pattern.callback, "view_class", pattern.callback)


def test_the_package_own_views_are_not_routed():
    from django.urls import get_resolver
    from django_otp_webauthn import views as package

    routed = set(routed_views(get_resolver().url_patterns))
    for view in (
        package.BeginCredentialAuthenticationView,
        package.CompleteCredentialAuthenticationView,
        package.BeginCredentialRegistrationView,
        package.CompleteCredentialRegistrationView,
    ):
        assert view not in routed
    assert reverse(BEGIN_AUTHENTICATION).startswith("/admin/two-factor/passkeys/")


def test_an_account_outside_the_admin_gets_no_passkey_steps(django_user_model):
    visitor = django_user_model.objects.create_user("reader", password=PASSWORD)
    client = password_only(visitor)
    for name in (BEGIN_REGISTRATION, BEGIN_AUTHENTICATION):
        response = post_json(client, name)
        assert response.status_code in (302, 403)
        assert b"challenge" not in response.content


# Registration and verification options ---------------------------------------------


def test_registration_options_name_our_relying_party(staff):
    response = post_json(password_only(staff), BEGIN_REGISTRATION)
    assert response.status_code == 200
    options = response.json()
    assert options["rp"] == {
        "id": settings.OTP_WEBAUTHN_RP_ID,
        "name": settings.OTP_WEBAUTHN_RP_NAME,
    }
    assert options["user"]["name"] == "maryam"
    assert options["challenge"]


@pytest.mark.parametrize(
    ("language", "detail"),
    [
        ("en", "Enter a code from your authenticator app or a recovery code first"),
        ("ar", "أدخل أولًا رمزًا من تطبيق المصادقة"),
    ],
)
def test_a_second_factor_is_asked_before_a_passkey_is_added(
    staff, sign_in, language, detail
):
    sign_in.device(staff)  # has an app, but this session did not give its code
    client = password_only(staff)
    response = client.post(
        reverse(BEGIN_REGISTRATION),
        "{}",
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE=language,
    )
    assert response.status_code == 403
    assert response.json()["code"] == "user_not_verified"
    assert response.json()["detail"].startswith(detail)


def test_verification_options_list_the_account_passkeys(staff):
    passkey = passkey_of(staff)
    passkey_of(staff.__class__.objects.create_user("other", is_staff=True))
    response = post_json(password_only(staff), BEGIN_AUTHENTICATION)
    assert response.status_code == 200
    options = response.json()
    assert options["rpId"] == settings.OTP_WEBAUTHN_RP_ID
    allowed = [credential["id"] for credential in options["allowCredentials"]]
    from webauthn.helpers import bytes_to_base64url

    assert allowed == [bytes_to_base64url(bytes(passkey.credential_id))]


def test_a_forged_passkey_answer_is_refused_and_logged(staff):
    passkey_of(staff)
    client = password_only(staff)
    assert post_json(client, BEGIN_AUTHENTICATION).status_code == 200
    response = post_json(client, COMPLETE_AUTHENTICATION, {"id": "forged"})
    assert response.status_code in (400, 403, 404, 422)
    assert client.get("/admin/").status_code == 302  # still not verified
    assert audit.VERIFICATION_FAILED in actions_of(staff)


# The middleware and the account ----------------------------------------------------


def test_a_session_verified_by_a_passkey_reaches_the_dashboard(staff):
    passkey = passkey_of(staff)
    client = password_only(staff)
    assert client.get("/admin/").status_code == 302
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = passkey.persistent_id
    session.save()
    response = client.get("/admin/")
    assert response.status_code == 200
    assert response.wsgi_request.user.is_verified()


def test_passkey_added_and_removed_are_in_the_audit_log(staff, sign_in):
    client = sign_in(Client(), staff)
    passkey = passkey_of(staff)
    response = client.post(reverse("two_factor_remove_passkey", args=[passkey.pk]))
    assert response.status_code == 302
    assert not WebAuthnCredential.objects.filter(pk=passkey.pk).exists()
    actions = actions_of(staff)
    assert audit.PASSKEY_ADDED in actions
    assert audit.PASSKEY_REMOVED in actions


def test_nobody_removes_another_account_passkey(staff, sign_in, django_user_model):
    other = django_user_model.objects.create_user("other", is_staff=True)
    passkey = passkey_of(other)
    client = sign_in(Client(), staff)
    client.post(reverse("two_factor_remove_passkey", args=[passkey.pk]))
    assert WebAuthnCredential.objects.filter(pk=passkey.pk).exists()


def test_resetting_the_second_factor_forgets_passkeys(staff):
    from django.core.management import call_command

    passkey_of(staff)
    call_command("reset_two_factor", staff.username, verbosity=0)
    assert not WebAuthnCredential.objects.filter(user=staff).exists()
