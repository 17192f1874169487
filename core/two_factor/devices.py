"""The devices of one account: an authenticator app, passkeys, recovery codes."""

from base64 import b32encode

import segno
from django.db import transaction
from django_otp import user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from .audit import RECOVERY_CODES_CREATED, log_event

RECOVERY_DEVICE_NAME = "Recovery codes"
AUTHENTICATOR_NAME = "Authenticator app"
RECOVERY_CODE_COUNT = 10
SHOWN_CODES_KEY = "two_factor_recovery_codes"  # the session's codes, shown once


def can_reach_admin(user):
    return user.is_authenticated and (
        user.is_staff or user.has_perm("wagtailadmin.access_admin")
    )


def has_authenticator(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def has_passkey(user):
    return WebAuthnCredential.objects.filter(user=user, confirmed=True).exists()


def has_second_factor(user):
    """An authenticator app or a passkey: what sign-in asks for besides recovery."""
    return has_authenticator(user) or has_passkey(user)


def passkeys(user):
    return WebAuthnCredential.objects.filter(user=user, confirmed=True).order_by(
        "created_at"
    )


def remove_passkey(user, pk):
    """Forget one of the account's passkeys; False if it has none of that id."""
    deleted, _ = WebAuthnCredential.objects.filter(user=user, pk=pk).delete()
    return bool(deleted)


def has_any_device(user):
    return user_has_device(user, confirmed=True)


def pending_authenticator(user):
    """The authenticator being set up (not confirmed yet), made on first call."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(
            user=user, name=AUTHENTICATOR_NAME, confirmed=False
        )
    return device


@transaction.atomic
def confirm_authenticator(device):
    """Make ``device`` the account's one authenticator."""
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save()


def recovery_device(user):
    device, _ = StaticDevice.objects.get_or_create(
        user=user, name=RECOVERY_DEVICE_NAME, defaults={"confirmed": True}
    )
    return device


@transaction.atomic
def new_recovery_codes(user):
    """Replace the account's recovery codes with a fresh set; return them."""
    device = recovery_device(user)
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(
        StaticToken(device=device, token=code) for code in codes
    )
    log_event(user, RECOVERY_CODES_CREATED, count=len(codes))
    return codes


def one_recovery_code(user):
    """An unused recovery code of the account, added if it has none."""
    device = recovery_device(user)
    token = device.token_set.first()
    if token is None:
        token = device.token_set.create(token=StaticToken.random_token())
        log_event(user, RECOVERY_CODES_CREATED, count=1)
    return token.token


def remaining_recovery_codes(user):
    return StaticToken.objects.filter(device__user=user).count()


@transaction.atomic
def remove_devices(user):
    """Forget every second factor of the account: it sets one up at next sign-in."""
    TOTPDevice.objects.filter(user=user).delete()
    WebAuthnCredential.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()


def qr_code(device):
    """The device's set-up address as a QR code, an SVG data URI made here."""
    return segno.make(device.config_url, error="m").svg_data_uri(
        scale=5, border=2, dark="#000", light="#fff"
    )


def secret_text(device):
    """The secret in base32, in groups of four, for typing into an app."""
    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
