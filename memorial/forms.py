from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Cause, Governorate

FIRST_YEAR = 2011
MAX_UPLOAD_BYTES = 20 * 1024 * 1024


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
