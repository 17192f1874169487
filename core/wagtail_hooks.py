from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from core.two_factor import urls as two_factor_urls
from core.two_factor.audit import ACTIONS


@hooks.register("register_admin_urls")
def register_two_factor_urls():
    """Verification and set-up, in the admin's language, at /admin/two-factor/."""
    return [path("two-factor/", include(two_factor_urls))]


@hooks.register("register_log_actions")
def register_security_log_actions(actions):
    """Staff sign-in and account events, filterable in Reports > Site history."""
    for action, label in ACTIONS.items():
        actions.register_action(action, label, label)


@hooks.register("register_account_menu_item")
def two_factor_account_item(request):
    return {
        "url": reverse("two_factor_recovery_codes"),
        "label": _("Two-step verification"),
        "help_text": _("Make new recovery codes, or set up a new authenticator app."),
    }
