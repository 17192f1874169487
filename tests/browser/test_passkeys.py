"""Passkeys in Chromium, with its virtual authenticator (DevTools' WebAuthn domain):
staff add one after the password and a code, then sign in with the password and the
passkey; a newcomer may choose a passkey instead of an app on the set-up page."""

import re

import pytest
from wagtail.models import ModelLogEntry

from core.two_factor import audit, devices

from .conftest import sign_in_as

PASSWORD = "a long password for the passkey journey"


@pytest.fixture
def context(browser, live_server, home, settings):
    # WebAuthn takes the page's own host and origin; the test server's is localhost.
    settings.OTP_WEBAUTHN_RP_ID = "localhost"
    settings.OTP_WEBAUTHN_ALLOWED_ORIGINS = [live_server.url]
    assert live_server.url.startswith("http://localhost:")
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 1024, "height": 800}
    )
    context.set_default_timeout(15000)
    yield context
    context.close()


def with_authenticator(context):
    """A page whose browser has a platform authenticator that verifies its user."""
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    authenticator = cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
            }
        },
    )["authenticatorId"]
    return page, lambda: cdp.send(
        "WebAuthn.getCredentials", {"authenticatorId": authenticator}
    )["credentials"]


def sign_in_with_password(page, user):
    page.goto("/admin/login/")
    page.fill("#id_username", user.get_username())
    page.fill("#id_password", PASSWORD)
    page.click("form.login-form button[type=submit]")
    page.wait_for_url(re.compile(r"/admin/two-factor/verify/"))


def test_staff_add_a_passkey_then_sign_in_with_it(
    context, django_user_model, sign_in, screenshot
):
    user = django_user_model.objects.create_superuser(
        "editor", "editor@example.org", PASSWORD
    )
    page, credentials = with_authenticator(context)
    sign_in_as(page, sign_in, user, PASSWORD)

    page.goto("/admin/two-factor/recovery-codes/")
    page.click("#passkey-register-button")
    # A first passkey of an account without recovery codes brings a set of them.
    page.wait_for_selector("[data-recovery-codes]")
    assert len(credentials()) == 1
    assert devices.passkeys(user).count() == 1

    page.goto("/admin/two-factor/recovery-codes/")
    assert page.locator("[data-passkeys] li").count() == 1
    page.click("button:has-text('Sign out')")
    page.wait_for_url(re.compile(r"/admin/login/"))

    sign_in_with_password(page, user)
    screenshot(page, "admin-two-factor-verify-passkey")
    page.click("#passkey-verification-button")
    page.wait_for_url(re.compile(r"/admin/$"))
    assert page.locator("#main").is_visible()
    actions = set(
        ModelLogEntry.objects.filter(object_id=str(user.pk)).values_list(
            "action", flat=True
        )
    )
    assert {audit.PASSKEY_ADDED, audit.PASSKEY_USED} <= actions


def test_a_newcomer_sets_up_a_passkey_instead_of_an_app(context, django_user_model):
    user = django_user_model.objects.create_superuser(
        "newcomer", "n@example.org", PASSWORD
    )
    code = devices.one_recovery_code(user)
    page, credentials = with_authenticator(context)
    sign_in_with_password(page, user)
    page.fill("#id_code", code)
    page.click("button:has-text('Verify')")
    page.wait_for_url(re.compile(r"/admin/two-factor/set-up/"))

    page.click("#passkey-register-button")
    page.wait_for_url(re.compile(r"/admin/two-factor/recovery-codes/"))
    assert page.locator("[data-recovery-codes] li").count() == 10
    page.click("a:has-text('I have kept them')")
    page.wait_for_url(re.compile(r"/admin/$"))
    assert len(credentials()) == 1
    assert not devices.has_authenticator(user)
