"""The memorial's forms: the visitors' filters, the admin's form of a record (which the
import uses too, so each field's rules are written once) and the import upload.

Nothing here imports ``memorial.models`` when the module loads: the model names its
admin form (``FallenVolunteer.base_form_class``).
"""

import datetime

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.translation_admin import TranslatableModelForm

FIRST_YEAR = 2011
MAX_UPLOAD_BYTES = 20 * 1024 * 1024
EARLIEST_DATE = "2011-03-01"  # no record of the organisation's work predates this
EARLIEST_BIRTH_YEAR = 1900
# The record's text fields, each in every language it has (django-modeltranslation).
TEXT_FIELDS = ["external_id", "slug", "name", "place", "centre", "role", "photo_alt"]


def _invalid_choice(message, choices_name):
    """``message`` with the codes of ``choices_name`` filled in and ``%(value)s`` left
    for the field to fill (translated when shown, not when the module loads)."""

    def text():
        from . import models

        choices = getattr(models, choices_name)
        codes = ", ".join(code for code, _label in choices.choices)
        return gettext(message) % {"value": "%(value)s", "codes": codes}

    return lazy(text, str)()


TOO_LONG = _(
    "The text is too long (%(show_value)s characters; at most %(limit_value)s)."
)


class FallenVolunteerForm(TranslatableModelForm):
    """A memorial record in the admin and in each row of an imported file.

    The rules of every field are the model's (required, lengths, choices, validators,
    ``FallenVolunteer.clean``) and this form's; ``memorial.importing`` builds its row
    form from this class, so a record the admin refuses is refused in a file too,
    with the same message.
    """

    class Meta:
        error_messages = {
            "governorate": {
                "invalid_choice": _invalid_choice(
                    "“%(value)s” is not one of Syria's governorates. Use one of: "
                    "%(codes)s.",
                    "Governorate",
                )
            },
            "cause": {
                "invalid_choice": _invalid_choice(
                    "“%(value)s” is not a known cause. Use one of: %(codes)s.",
                    "Cause",
                )
            },
            "consent": {
                "invalid_choice": _invalid_choice(
                    "“%(value)s” is not a known consent. Use one of: %(codes)s.",
                    "Consent",
                )
            },
            **{
                f"{name}{suffix}": {"max_length": TOO_LONG}
                for name in TEXT_FIELDS
                for suffix in ["", *(f"_{code}" for code, _name in settings.LANGUAGES)]
            },
        }

    def clean_date_of_death(self):
        value = self.cleaned_data.get("date_of_death")
        earliest = datetime.date.fromisoformat(EARLIEST_DATE)
        if value and not earliest <= value <= timezone.localdate():
            raise ValidationError(
                _("The date must be between %(first)s and today."),
                params={"first": EARLIEST_DATE},
            )
        return value

    def clean_date_of_birth(self):
        value = self.cleaned_data.get("date_of_birth")
        if value and value.year < EARLIEST_BIRTH_YEAR:
            raise ValidationError(_("The date of birth is too early."))
        return value


class MemorialFilterForm(forms.Form):
    """The grid's filters, read from the query string. Bad values are reported to the
    visitor and ignored; they never break the page."""

    q = forms.CharField(
        label=_("Name"),
        max_length=100,
        required=False,
        help_text=_("Any spelling, in Arabic or English."),
    )
    year = forms.TypedChoiceField(
        label=_("Year"), coerce=int, required=False, empty_value=None
    )
    governorate = forms.ChoiceField(label=_("Governorate"), required=False)
    cause = forms.ChoiceField(label=_("Cause"), required=False)

    def __init__(self, *args, **kwargs):
        from .models import Cause, Governorate

        super().__init__(*args, **kwargs)
        last = timezone.localdate().year
        self.fields["year"].choices = [("", _("All years"))] + [
            (str(year), str(year)) for year in range(last, FIRST_YEAR - 1, -1)
        ]
        self.fields["year"].error_messages["invalid_choice"] = _(
            "“%(value)s” is not a year we can show. Choose a year from the list."
        )
        self.fields["governorate"].choices = [("", _("All governorates"))] + list(
            Governorate.choices
        )
        self.fields["governorate"].error_messages["invalid_choice"] = _(
            "“%(value)s” is not one of Syria's governorates. Choose one from the list."
        )
        self.fields["cause"].choices = [("", _("All causes"))] + list(Cause.choices)
        self.fields["cause"].error_messages["invalid_choice"] = _(
            "“%(value)s” is not one of the causes. Choose one from the list."
        )

    def filters(self):
        """The valid filters only: ``{name: value}`` for every field that has one."""
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        return {
            name: cleaned[name]
            for name in ("q", "year", "governorate", "cause")
            if cleaned.get(name) not in (None, "")
        }


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "UTF-8, comma-separated, with the columns described in the import guide."
        ),
    )
    dry_run = forms.BooleanField(
        label=_("Check only (dry run)"),
        required=False,
        initial=True,
        help_text=_("Check every row and report what would change, without saving."),
    )
    publish = forms.BooleanField(
        label=_("Publish the records"),
        required=False,
        initial=True,
        help_text=_(
            "Publish new and updated records at once. Untick to save them as drafts "
            "to review one by one."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise ValidationError(
                _("The file is too large (more than %(size)s MB)."),
                params={"size": MAX_UPLOAD_BYTES // (1024 * 1024)},
            )
        if not upload.name.lower().endswith((".csv", ".txt")):
            raise ValidationError(_("Upload a CSV file (its name ends in .csv)."))
        return upload
