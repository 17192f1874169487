"""Verification and set-up of the second factor, in the Wagtail admin's look."""

from functools import wraps

import django_otp
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import devices
from .audit import RECOVERY_CODE_USED, VERIFICATION_FAILED, VERIFIED, log_event
from .forms import CodeForm, SetUpForm
from .passkeys import script_configuration

SHOWN_CODES_KEY = devices.SHOWN_CODES_KEY


def staff_view(view):
    @wraps(view)
    def staff_only(request, *args, **kwargs):
        if not devices.can_reach_admin(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return never_cache(login_required(staff_only, login_url="wagtailadmin_login"))


def next_url(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("wagtailadmin_home")


def verifying_device(user, code):
    """The device a code is meant for: the app's six digits, or a recovery code."""
    model = TOTPDevice if code.isdigit() and len(code) == 6 else StaticDevice
    return model.objects.devices_for_user(user, confirmed=True).first()


def record_verification(request, device):
    """The audit-log entry; after a recovery code, how many are left."""
    user = request.user
    if not isinstance(device, StaticDevice):
        log_event(user, VERIFIED, request=request)
        return
    left = devices.remaining_recovery_codes(user)
    log_event(user, RECOVERY_CODE_USED, request=request, remaining=left)
    if devices.has_second_factor(user):  # otherwise the set-up page comes next
        messages.warning(
            request,
            ngettext(
                "You signed in with a recovery code. %(count)d code is left.",
                "You signed in with a recovery code. %(count)d codes are left.",
                left,
            )
            % {"count": left},
        )


@sensitive_post_parameters("code")
@staff_view
def verify(request):
    user = request.user
    if user.is_verified():
        return redirect(next_url(request))
    form = CodeForm(request.POST or None)
    if form.is_valid():
        code = form.cleaned_data["code"]
        device = verifying_device(user, code)
        if device is not None and not device.verify_is_allowed()[0]:
            form.add_error(
                "code",
                _("Too many wrong codes: wait a minute, then try again."),
            )
        elif device is not None and django_otp.verify_token(
            user, device.persistent_id, code
        ):
            request.session.cycle_key()  # a new session id for the verified session
            django_otp.login(request, device)
            record_verification(request, device)
            return redirect(next_url(request))
        else:
            log_event(user, VERIFICATION_FAILED, request=request)
            form.add_error("code", _("This code is not right, or it was used before."))
    return TemplateResponse(
        request,
        "core/two_factor/verify.html",
        {
            "form": form,
            "next": next_url(request),
            "has_passkey": devices.has_passkey(user),
            "passkey_config": script_configuration(request),
        },
    )


@sensitive_post_parameters("code")
@staff_view
def set_up(request):
    """Add an authenticator app: QR code and secret, one code to confirm it."""
    user = request.user
    if devices.has_any_device(user) and not user.is_verified():
        return redirect(f"{reverse('two_factor_verify')}?next={request.path}")
    device = devices.pending_authenticator(user)
    form = SetUpForm(request.POST or None)
    if form.is_valid():
        if device.verify_token(form.cleaned_data["code"]):
            devices.confirm_authenticator(device)
            django_otp.login(request, device)
            request.session[SHOWN_CODES_KEY] = devices.new_recovery_codes(user)
            messages.success(request, _("Your authenticator app is set up."))
            target = reverse("two_factor_recovery_codes")
            return redirect(f"{target}?next={next_url(request)}")
        form.add_error(
            "code",
            _(
                "This code is not right. Check the time on your phone and enter the "
                "code the app shows now."
            ),
        )
    return TemplateResponse(
        request,
        "core/two_factor/set_up.html",
        {
            "form": form,
            "next": next_url(request),
            "qr_code": devices.qr_code(device),
            "secret": devices.secret_text(device),
            "replacing": devices.has_authenticator(user),
            "passkey_config": script_configuration(request),
        },
    )


@staff_view
def recovery_codes(request):
    """The recovery codes, shown once; a verified account may make a new set."""
    user = request.user
    if not user.is_verified():
        return redirect(f"{reverse('two_factor_verify')}?next={request.path}")
    if request.method == "POST":
        request.session[SHOWN_CODES_KEY] = devices.new_recovery_codes(user)
        return redirect(request.path)
    codes = request.session.pop(SHOWN_CODES_KEY, None)
    return TemplateResponse(
        request,
        "core/two_factor/recovery_codes.html",
        {
            "codes": codes,
            "remaining": devices.remaining_recovery_codes(user),
            "next": next_url(request),
            "passkeys": devices.passkeys(user),
            "passkey_config": script_configuration(request),
        },
    )


@require_POST
@staff_view
def remove_passkey(request, pk):
    """Forget one passkey of the signed-in account (verified, as the middleware
    makes sure)."""
    if devices.remove_passkey(request.user, pk):
        messages.success(request, _("The passkey is removed."))
    return redirect("two_factor_recovery_codes")
