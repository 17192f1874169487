"""A newcomer's first sign-in to the admin, in Chromium: password, the recovery code
`make run` printed, then an authenticator app set up from the QR page."""

import re

import pytest
from django_otp.oath import TOTP

from core.two_factor import devices

PASSWORD = "a long password for the browser"


@pytest.fixture
def context(browser, live_server, home):
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 1024, "height": 800}
    )
    context.set_default_timeout(15000)
    yield context
    context.close()


def test_first_sign_in_sets_up_an_authenticator(context, django_user_model, screenshot):
    user = django_user_model.objects.create_superuser(
        "admin", "a@example.org", PASSWORD
    )
    code = devices.one_recovery_code(user)
    page = context.new_page()
    page.goto("/admin/")
    page.fill("#id_username", "admin")
    page.fill("#id_password", PASSWORD)
    page.click("form.login-form button[type=submit]")
    page.wait_for_url(re.compile(r"/admin/two-factor/verify/"))
    page.fill("#id_code", code)
    page.click("button:has-text('Verify')")
    page.wait_for_url(re.compile(r"/admin/two-factor/set-up/"))

    # The QR code is drawn by the site; the key is there to type into the app.
    assert page.locator("img[src^='data:image/svg+xml']").is_visible()
    secret = page.locator("[data-secret]").inner_text().replace(" ", "")
    screenshot(page, "admin-two-factor-set-up")
    from base64 import b32decode

    token = TOTP(b32decode(secret)).token()
    page.fill("#id_code", f"{token:06d}")
    page.click("button:has-text('Confirm')")
    page.wait_for_url(re.compile(r"/admin/two-factor/recovery-codes/"))
    assert page.locator("[data-recovery-codes] li").count() == 10
    page.click("a:has-text('I have kept them')")
    page.wait_for_url(re.compile(r"/admin/$"))
    assert page.locator("#main").is_visible()


def test_staff_sign_in_helper_reaches_the_dashboard(staff_page):
    staff_page.goto("/admin/pages/")
    assert "/admin/pages/" in staff_page.url
