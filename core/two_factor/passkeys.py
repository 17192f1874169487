"""Passkeys (WebAuthn) as the second step of a staff sign-in, never the first.

django-otp-webauthn does the ceremonies; these are its views, narrowed: only an
account that signed in with its password and can reach the admin takes part
(passwordless sign-in would pass by the password and the lock-out), a passkey used
starts a new session id as a code does, and each step goes in the audit log. Its
scripts are served from our static files, with their text in our catalogue.
"""

import json

from django.contrib import messages
from django.http import JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.i18n import JavaScriptCatalog
from django_otp import login as otp_login
from django_otp_webauthn import exceptions
from django_otp_webauthn.templatetags.otp_webauthn import get_configuration
from django_otp_webauthn.views import (
    BeginCredentialAuthenticationView,
    BeginCredentialRegistrationView,
    CompleteCredentialAuthenticationView,
    CompleteCredentialRegistrationView,
)

from . import devices
from .audit import PASSKEY_USED, VERIFICATION_FAILED, log_event


def script_configuration(request):
    """What the package's scripts read from the page: our URLs, the CSRF token."""
    return get_configuration(request)


class StaffOnly:
    """Refuses anybody not signed in with a password to an account of the admin,
    and says why in the admin's language."""

    def get_user(self):
        user = self.request.user
        return user if devices.can_reach_admin(user) else None

    def handle_exception(self, exc):
        if not isinstance(exc, exceptions.OTPWebAuthnApiError):
            return super().handle_exception(exc)
        if exc.code == "user_not_verified":
            detail = _(
                "Enter a code from your authenticator app or a recovery code "
                "first, then add a passkey."
            )
        elif exc.code in ("not_authenticated", "passwordless_login_disabled"):
            detail = _("Sign in with your password first.")
        else:
            detail = _("The passkey was not accepted. Try again.")
        return JsonResponse(
            {"detail": detail, "code": exc.code}, status=exc.status_code
        )


class RegistrationBegin(StaffOnly, BeginCredentialRegistrationView):
    pass


class RegistrationComplete(StaffOnly, CompleteCredentialRegistrationView):
    """Adds the passkey; a first second factor also gets its recovery codes."""

    def post(self, *args, **kwargs):
        response = super().post(*args, **kwargs)
        user = self.request.user
        target = reverse("two_factor_recovery_codes")
        if devices.remaining_recovery_codes(user) == 0:
            self.request.session[devices.SHOWN_CODES_KEY] = devices.new_recovery_codes(
                user
            )
        messages.success(self.request, _("Your passkey is added."))
        data = json.loads(response.content)
        return JsonResponse({"id": data["id"], "redirect_url": target})


class PasswordFirst:
    def check_can_authenticate(self):
        user = self.get_user()
        if user is None:
            raise exceptions.PasswordlessLoginDisabled()
        super().check_can_authenticate()


class AuthenticationBegin(StaffOnly, PasswordFirst, BeginCredentialAuthenticationView):
    pass


class AuthenticationComplete(
    StaffOnly, PasswordFirst, CompleteCredentialAuthenticationView
):
    def complete_auth(self, device):
        request = self.request
        request.session.cycle_key()  # a new session id for the verified session
        otp_login(request, device)
        log_event(request.user, PASSKEY_USED, request=request, passkey=device.name)

    def get_success_url(self):
        return self.get_redirect_url() or reverse("wagtailadmin_home")

    def handle_exception(self, exc):
        if isinstance(exc, exceptions.OTPWebAuthnApiError) and self.get_user():
            log_event(
                self.request.user,
                VERIFICATION_FAILED,
                request=self.request,
                device="passkey",
                reason=exc.code,
            )
        return super().handle_exception(exc)


# The scripts' own words (django_otp_webauthn/static/*.js), translated in
# locale/ar/LC_MESSAGES/django.po and served by ScriptCatalog.
SCRIPT_TEXT = (
    gettext_noop("Register a Passkey"),
    gettext_noop("Registering..."),
    gettext_noop(
        "Registration failed. Unable to fetch registration options from server."
    ),
    gettext_noop("Registration aborted."),
    gettext_noop(
        "Registration failed. You most likely already have a Passkey registered "
        "for this site."
    ),
    gettext_noop("Registration aborted or not allowed."),
    gettext_noop(
        "Registration failed. A technical problem occurred that prevents you from "
        "registering a Passkey for this site."
    ),
    gettext_noop("Registration failed. An unknown error occurred."),
    gettext_noop("Finishing registration..."),
    gettext_noop("Registration failed. The server was unable to verify this passkey."),
    gettext_noop("Registration failed. A server error occurred."),
    gettext_noop("Registration successful!"),
    gettext_noop("An error occurred during registration."),
    gettext_noop("Verification failed. A server error occurred."),
    gettext_noop("An error occurred during verification."),
    gettext_noop("Verify with Passkey"),
    gettext_noop("Verifying..."),
    gettext_noop("Verification failed. Could not retrieve parameters from the server."),
    gettext_noop("Verification aborted."),
    gettext_noop("Verification canceled or not allowed."),
    gettext_noop("Verification failed. An unknown error occurred."),
    gettext_noop("Finishing verification..."),
    gettext_noop("Verification failed. An unknown server error occurred."),
    gettext_noop("Verification successful!"),
)


class ScriptCatalog(JavaScriptCatalog):
    """The scripts' text in the admin's language, from our own catalogue."""

    packages = ["django_otp_webauthn"]

    def get_catalog(self):
        return {text: _(text) for text in SCRIPT_TEXT}
