import math

from axes.helpers import get_cool_off
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm


def lockout_message(request):
    minutes = math.ceil(get_cool_off(request).total_seconds() / 60)
    return ngettext(
        "Too many failed sign-in attempts for this account or from this address. "
        "Try again in %(minutes)d minute.",
        "Too many failed sign-in attempts for this account or from this address. "
        "Try again in %(minutes)d minutes.",
        minutes,
    ) % {"minutes": minutes}


class LoginForm(WagtailLoginForm):
    """Wagtail's sign-in form, which says when a locked-out sign-in may try again."""

    def clean(self):
        try:
            return super().clean()
        except ValidationError:
            if getattr(self.request, "axes_locked_out", False):
                raise ValidationError(
                    lockout_message(self.request), code="locked_out"
                ) from None
            raise


def lockout_response(request, original_response, credentials):
    """django-axes' answer to a locked-out sign-in: the sign-in page that says so."""
    original_response.status_code = 429
    return original_response


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=16,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "autocapitalize": "off",
                "spellcheck": "false",
                "autofocus": True,
            }
        ),
        help_text=_("The six digits your authenticator app shows, or a recovery code."),
    )

    def clean_code(self):
        return "".join(self.cleaned_data["code"].split()).lower()


class SetUpForm(CodeForm):
    code = forms.CharField(
        label=_("Code from the app"),
        max_length=8,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "autofocus": True,
            }
        ),
        help_text=_("The six digits the app shows for this account."),
    )
