from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Donation
from .money import CURRENCIES, format_amount, major_input, parse_amount


class DonationForm(forms.Form):
    """What a donor chooses. The amount is checked here against the page's limits;
    the currency against the page's currencies. Nothing else is trusted later."""

    frequency = forms.ChoiceField(
        label=_("How often?"),
        choices=Donation.Frequency.choices,
        initial=Donation.Frequency.ONE_OFF,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose one-off or monthly.")},
    )
    currency = forms.ChoiceField(
        label=_("Currency"),
        choices=(),
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": _("Choose one of the currencies offered.")},
    )
    amount = forms.ChoiceField(
        label=_("Amount"),
        choices=(),
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Choose one of the amounts shown.")},
    )
    custom_amount = forms.CharField(
        label=_("Other amount"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )
    # A field people never see: software that fills in every field gives itself away.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def __init__(self, *args, options, currency, **kwargs):
        super().__init__(*args, **kwargs)
        self.options = options  # {code: DonationCurrency}
        self.option = options.get(currency) or next(iter(options.values()), None)
        self.fields["currency"].choices = [(code, code) for code in options]
        self.fields["currency"].initial = self.option.currency if self.option else ""
        presets = self.option.preset_amounts if self.option else []
        self.fields["amount"].choices = [
            (str(amount), format_amount(amount, self.option.currency))
            for amount in presets
        ]
        if presets and not self.is_bound:
            self.fields["amount"].initial = str(presets[min(1, len(presets) - 1)])
        if self.option:
            self.fields["custom_amount"].help_text = _(
                "Between %(minimum)s and %(maximum)s."
            ) % {
                "minimum": format_amount(
                    self.option.minimum_minor, self.option.currency
                ),
                "maximum": format_amount(
                    self.option.maximum_minor, self.option.currency
                ),
            }

    def clean(self):
        data = super().clean()
        if data.get("website"):
            raise forms.ValidationError(
                _("We could not accept this form. Please try again."), code="honeypot"
            )
        code = data.get("currency")
        option = self.options.get(code)
        if option is None or code not in CURRENCIES:
            return data
        custom = (data.get("custom_amount") or "").strip()
        if custom:
            try:
                amount = parse_amount(custom, code)
            except ValueError:
                self.add_error(
                    "custom_amount",
                    forms.ValidationError(
                        _("Enter an amount in figures, such as 25 or 25.50."),
                        code="invalid",
                    ),
                )
                return data
            if amount < option.minimum_minor:
                self.add_error(
                    "custom_amount",
                    forms.ValidationError(
                        _("The smallest gift we can accept is %(minimum)s.")
                        % {"minimum": format_amount(option.minimum_minor, code)},
                        code="min_value",
                    ),
                )
            elif amount > option.maximum_minor:
                self.add_error(
                    "custom_amount",
                    forms.ValidationError(
                        _(
                            "The largest gift we can accept online is %(maximum)s. "
                            "Please contact us to give more."
                        )
                        % {"maximum": format_amount(option.maximum_minor, code)},
                        code="max_value",
                    ),
                )
            data["amount_minor"] = amount
        elif data.get("amount"):
            data["amount_minor"] = int(data["amount"])
        elif "amount" not in self.errors:
            self.add_error(
                "amount",
                forms.ValidationError(
                    _("Choose an amount or enter your own."), code="required"
                ),
            )
        return data

    @classmethod
    def initial_for(cls, options, *, currency, frequency=None, amount_minor=None):
        """Initial choices for a currency, a frequency and an amount (minor units):
        a preset when the amount is one, otherwise the "other amount" field."""
        option = options.get(currency) or next(iter(options.values()), None)
        initial = {}
        if option is not None:
            initial["currency"] = option.currency
        if frequency:
            initial["frequency"] = frequency
        if option is not None and amount_minor:
            if amount_minor in option.preset_amounts:
                initial["amount"] = str(amount_minor)
            else:
                initial["amount"] = ""
                initial["custom_amount"] = major_input(amount_minor, option.currency)
        return initial

    @classmethod
    def initial_from(cls, donation):
        """The choices a donor made, to fill the form again (cancelled, failed)."""
        options = donation.page.get_currency_options() if donation.page_id else {}
        if donation.currency not in options:
            return {"frequency": donation.frequency}
        return cls.initial_for(
            options,
            currency=donation.currency,
            frequency=donation.frequency,
            amount_minor=donation.amount_minor,
        )


class ManageRequestForm(forms.Form):
    email = forms.EmailField(
        label=_("The email address you gave when you started the monthly gift"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "dir": "ltr"}),
        error_messages={
            "required": _("Enter your email address."),
            "invalid": _("Enter an email address such as name@example.org."),
        },
    )
