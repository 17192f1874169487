from urllib.parse import urlencode

from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse

from .devices import can_reach_admin, has_any_device, has_second_factor

# Pages an account signed in with its password alone may open.
OPEN_URL_NAMES = {
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",
    "two_factor_verify",
    "two_factor_set_up",
    "two_factor_recovery_codes",
    # Passkeys (core.two_factor.passkeys): each view asks for what it needs itself.
    "credential-registration-begin",
    "credential-registration-complete",
    "credential-authentication-begin",
    "credential-authentication-complete",
    "js-i18n-catalog",
}


class RequireTwoFactorMiddleware:
    """No admin page for an account that has not given its second factor.

    An account with a second factor is sent to enter a code; one without (a new
    account, or one whose devices an admin removed) is sent to set up an
    authenticator app or a passkey, and so is one that got in with a recovery code
    but has neither yet. Runs after django-otp's OTPMiddleware, which marks a
    verified session.
    """

    prefixes = ("/admin/", "/django-admin/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.refuse(request) or self.get_response(request)

    def refuse(self, request):
        if not request.path_info.startswith(self.prefixes):
            return None
        user = request.user
        if not can_reach_admin(user):
            return None
        try:
            if resolve(request.path_info).url_name in OPEN_URL_NAMES:
                return None
        except Resolver404:
            return None
        if user.is_verified():
            if has_second_factor(user):
                return None
            target = "two_factor_set_up"
        elif has_any_device(user):
            target = "two_factor_verify"
        else:
            target = "two_factor_set_up"
        query = urlencode({"next": request.get_full_path()})
        return redirect(f"{reverse(target)}?{query}")
