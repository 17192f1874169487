"""The passkey steps, under the names django-otp-webauthn's scripts are given.

Only these are routed: its passwordless sign-in has no URL of its own, and the
authentication steps here refuse an account that has not given its password.
"""

from django.urls import path

from . import passkeys

app_name = "otp_webauthn"

urlpatterns = [
    path(
        "registration/begin/",
        passkeys.RegistrationBegin.as_view(),
        name="credential-registration-begin",
    ),
    path(
        "registration/complete/",
        passkeys.RegistrationComplete.as_view(),
        name="credential-registration-complete",
    ),
    path(
        "authentication/begin/",
        passkeys.AuthenticationBegin.as_view(),
        name="credential-authentication-begin",
    ),
    path(
        "authentication/complete/",
        passkeys.AuthenticationComplete.as_view(),
        name="credential-authentication-complete",
    ),
    path("jsi18n/", passkeys.ScriptCatalog.as_view(), name="js-i18n-catalog"),
]
