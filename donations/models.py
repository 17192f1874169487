import secrets

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Orderable, Page
from wagtail.search import index

from core.models import BasePage

from .money import (
    CURRENCIES,
    CURRENCY_CHOICES,
    format_amount,
    major_units,
    parse_amount,
)


class DonationPage(RoutablePageMixin, BasePage):
    """The donation form, with its thank-you and cancelled pages below it."""

    introduction = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("A short paragraph above the form: what a gift makes possible."),
    )
    thank_you_message = models.TextField(
        _("thank-you message"),
        blank=True,
        help_text=_(
            "Shown to donors on the thank-you page, under the state of their gift."
        ),
    )

    parent_page_types = ["core.HomePage", "core.StandardPage"]
    subpage_types = []
    max_count = 1

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("introduction"), FieldPanel("thank_you_message")],
            heading=_("Text"),
        ),
        InlinePanel(
            "currencies",
            heading=_("Currencies and amounts"),
            label=_("Currency"),
            min_num=1,
            help_text=_(
                "The first currency is the one the form opens with. Amounts are in "
                "whole units (25 means 25 dollars)."
            ),
        ),
    ]
    search_fields = Page.search_fields + [index.SearchField("introduction")]

    class Meta:
        verbose_name = _("donation page")
        verbose_name_plural = _("donation pages")

    def __str__(self):
        return self.title

    # Routes: the same sub-paths in every language (the language switcher keeps them).
    @path("")
    def form(self, request):
        from .pages import donation_form

        return donation_form(request, self)

    @path("thank-you/")
    def thank_you(self, request):
        from .pages import thank_you

        return thank_you(request, self)

    @path("cancelled/")
    def cancelled(self, request):
        from .pages import cancelled

        return cancelled(request, self)

    @path("manage/")
    def manage(self, request):
        from .pages import manage_request

        return manage_request(request, self)

    @path("manage/sent/")
    def manage_sent(self, request):
        from .pages import manage_sent

        return manage_sent(request, self)

    @path("manage/open/<str:token>/")
    def manage_open(self, request, token):
        from .pages import manage_open

        return manage_open(request, self, token)

    def sitemap_subpaths(self):
        return []  # the return pages belong to one donor each

    def get_currency_options(self):
        """``{code: DonationCurrency}`` in the editors' order (prefetched if asked)."""
        return {option.currency: option for option in self.currencies.all()}


class DonationCurrency(Orderable):
    """One currency offered on a donation page: its preset amounts and limits."""

    page = ParentalKey(
        DonationPage, on_delete=models.CASCADE, related_name="currencies"
    )
    currency = models.CharField(_("currency"), max_length=3, choices=CURRENCY_CHOICES)
    presets = models.CharField(
        _("suggested amounts"),
        max_length=200,
        help_text=_("Whole amounts separated by commas, smallest first: 25, 50, 100."),
    )
    minimum = models.PositiveIntegerField(
        _("smallest gift"), default=5, help_text=_("In whole units, e.g. 5.")
    )
    maximum = models.PositiveIntegerField(
        _("largest gift"),
        default=10_000,
        help_text=_("In whole units. Larger gifts are best made by bank transfer."),
    )

    panels = [
        FieldRowPanel([FieldPanel("currency"), FieldPanel("presets")]),
        FieldRowPanel([FieldPanel("minimum"), FieldPanel("maximum")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("currency")
        verbose_name_plural = _("currencies")
        constraints = [
            models.UniqueConstraint(
                fields=["page", "currency"], name="donations_one_row_per_currency"
            )
        ]

    def __str__(self):
        return self.currency

    @property
    def factor(self):
        return CURRENCIES[self.currency].factor

    @property
    def minimum_minor(self):
        return self.minimum * self.factor

    @property
    def maximum_minor(self):
        return self.maximum * self.factor

    @property
    def preset_amounts(self):
        """The suggested amounts in minor units; invalid entries are left out."""
        amounts = []
        for part in (self.presets or "").split(","):
            try:
                amounts.append(parse_amount(part, self.currency))
            except (ValueError, KeyError):
                continue
        return [amount for amount in amounts if amount > 0]

    def clean(self):
        super().clean()
        errors = {}
        if self.currency not in CURRENCIES:
            return
        if self.minimum < 1:
            errors["minimum"] = _("The smallest gift must be at least 1.")
        elif self.maximum <= self.minimum:
            errors["maximum"] = _("The largest gift must be above the smallest.")
        parts = [part for part in (self.presets or "").split(",") if part.strip()]
        amounts = []
        for part in parts:
            try:
                amounts.append(parse_amount(part, self.currency))
            except ValueError:
                errors["presets"] = _("“%(value)s” is not an amount.") % {
                    "value": part.strip()
                }
                break
        if not parts:
            errors["presets"] = _("Enter at least one suggested amount.")
        elif "presets" not in errors and "maximum" not in errors:
            outside = [
                a for a in amounts if not self.minimum_minor <= a <= self.maximum_minor
            ]
            if outside:
                errors["presets"] = _(
                    "Every suggested amount must be between the smallest and the "
                    "largest gift."
                )
        if errors:
            raise ValidationError(errors)


def new_token():
    return secrets.token_urlsafe(24)


# Letters and digits nobody mistakes for one another when reading a receipt aloud.
REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def new_reference():
    """A donor-facing reference such as ``SCD-7KQ4-M2XP``: random, so it says nothing
    about how many gifts we receive."""
    code = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))
    return f"SCD-{code[:4]}-{code[4:]}"


class DonationQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(status=Donation.Status.PAID)


class Donation(models.Model):
    """One gift: a one-off donation, the first gift of a monthly one, or an instalment.

    The status only moves forward (see ``RANK``): an event that arrives late or twice
    cannot take a confirmed gift back to "awaiting payment".
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Created")
        PROVIDER_ERROR = "provider_error", _("Provider unavailable")
        OPEN = "open", _("Awaiting payment")
        PROCESSING = "processing", _("Payment processing")
        EXPIRED = "expired", _("Expired")
        FAILED = "failed", _("Failed")
        PAID = "paid", _("Confirmed")
        NEEDS_REVIEW = "needs_review", _("Needs review")
        REFUNDED = "refunded", _("Refunded")

    RANK = {
        Status.PENDING: 0,
        Status.PROVIDER_ERROR: 0,
        Status.OPEN: 1,
        Status.PROCESSING: 2,
        Status.EXPIRED: 3,
        Status.FAILED: 3,
        Status.PAID: 4,
        Status.NEEDS_REVIEW: 5,
        Status.REFUNDED: 6,
    }

    class Frequency(models.TextChoices):
        ONE_OFF = "one_off", _("One-off")
        MONTHLY = "monthly", _("Monthly")

    class SubscriptionStatus(models.TextChoices):
        NONE = "", _("—")
        ACTIVE = "active", _("Active")
        ENDING = "ending", _("Ends at the end of the period")
        CANCELLED = "cancelled", _("Cancelled")

    token = models.CharField(
        _("token"), max_length=64, unique=True, default=new_token, editable=False
    )
    page = models.ForeignKey(
        DonationPage,
        verbose_name=_("donation page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("monthly gift"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="instalments",
        help_text=_("For a monthly instalment: the gift that started the series."),
    )
    amount_minor = models.PositiveIntegerField(
        _("amount (minor units)"), help_text=_("In cents or pence: 2500 is 25.00.")
    )
    currency = models.CharField(_("currency"), max_length=3)
    frequency = models.CharField(
        _("frequency"), max_length=10, choices=Frequency.choices
    )
    language = models.CharField(_("language"), max_length=10)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=Status.choices,
        default=Status.PENDING,
        db_index=True,
    )
    provider = models.CharField(_("provider"), max_length=20)
    provider_reference = models.CharField(
        _("checkout reference"), max_length=255, blank=True, db_index=True
    )
    payment_reference = models.CharField(
        _("payment reference"), max_length=255, blank=True, db_index=True
    )
    subscription_reference = models.CharField(
        _("subscription reference"), max_length=255, blank=True, db_index=True
    )
    invoice_reference = models.CharField(
        _("invoice reference"), max_length=255, blank=True
    )
    customer_reference = models.CharField(
        _("customer reference"), max_length=255, blank=True, db_index=True
    )
    subscription_amount_minor = models.PositiveIntegerField(
        _("monthly amount now (minor units)"),
        null=True,
        blank=True,
        help_text=_("The monthly amount after the donor changed it, if they did."),
    )
    subscription_changed_at = models.DateTimeField(
        _("subscription changed at"),
        null=True,
        blank=True,
        help_text=_("When the provider last reported a change to the monthly gift."),
    )
    subscription_status = models.CharField(
        _("subscription"),
        max_length=10,
        choices=SubscriptionStatus.choices,
        blank=True,
        default="",
    )
    reported_amount_minor = models.PositiveIntegerField(
        _("amount reported by the provider"), null=True, blank=True
    )
    reported_currency = models.CharField(
        _("currency reported by the provider"), max_length=3, blank=True
    )
    amount_refunded_minor = models.PositiveIntegerField(
        _("amount refunded (minor units)"), default=0
    )
    donor_email = models.EmailField(_("donor email"), blank=True)
    donor_name = models.CharField(_("donor name"), max_length=200, blank=True)
    reference = models.CharField(
        _("reference"),
        max_length=20,
        default=new_reference,
        editable=False,
        db_index=True,
        help_text=_("The reference the donor sees on the thank-you page and receipt."),
    )
    receipt_sent_at = models.DateTimeField(_("receipt sent at"), null=True, blank=True)
    receipt_attempts = models.PositiveIntegerField(_("receipt attempts"), default=0)
    receipt_error = models.TextField(_("receipt error"), blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    personal_data_erased_at = models.DateTimeField(
        _("personal data erased at"), null=True, blank=True
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = DonationQuerySet.as_manager()

    class Meta:
        verbose_name = _("donation")
        verbose_name_plural = _("donations")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "provider_reference"],
                condition=~models.Q(provider_reference=""),
                name="donations_unique_checkout_reference",
            ),
            models.UniqueConstraint(
                fields=["provider", "invoice_reference"],
                condition=~models.Q(invoice_reference=""),
                name="donations_unique_invoice_reference",
            ),
            models.CheckConstraint(
                condition=models.Q(amount_minor__gt=0),
                name="donations_amount_positive",
            ),
        ]

    def __str__(self):
        return f"{self.amount_display} {self.get_frequency_display()} #{self.pk}"

    @property
    def amount_display(self):
        return format_amount(self.amount_minor, self.currency)

    @property
    def subscription_amount_display(self):
        """The monthly amount the donor chose later on the provider's page."""
        if self.subscription_amount_minor is None:
            return ""
        return format_amount(self.subscription_amount_minor, self.currency)

    @property
    def amount_major(self):
        """The amount in major units for exports: ``"12.50"``, never ``1250``."""
        return major_units(self.amount_minor, self.currency)

    @property
    def amount_refunded_major(self):
        return major_units(self.amount_refunded_minor, self.currency)

    @property
    def needs_receipt(self):
        return (
            self.status == self.Status.PAID
            and self.receipt_sent_at is None
            and bool(self.donor_email)
            and self.personal_data_erased_at is None
        )

    @property
    def is_confirmed(self):
        return self.status == self.Status.PAID

    def advance(self, status):
        """Move to ``status`` if it is further along; True when the status changed."""
        if self.RANK[status] <= self.RANK[self.status]:
            return False
        self.status = status
        if status == self.Status.PAID and self.confirmed_at is None:
            self.confirmed_at = timezone.now()
        return True


class ManageLink(models.Model):
    """A single-use, expiring link a monthly donor asked for by email, which opens
    the provider's page to change or cancel the gift. Only a hash of the token is
    kept. A request for an address we do not know is recorded too (no donation):
    the request takes the same road either way."""

    token_hash = models.CharField(_("token hash"), max_length=64, unique=True)
    donation = models.ForeignKey(
        Donation,
        verbose_name=_("monthly gift"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="manage_links",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"))
    used_at = models.DateTimeField(_("used at"), null=True, blank=True)

    class Meta:
        verbose_name = _("link to manage a monthly gift")
        verbose_name_plural = _("links to manage a monthly gift")

    def __str__(self):
        return f"{self.donation_id or '-'} {self.created_at:%Y-%m-%d %H:%M}"


class WebhookEvent(models.Model):
    """Every event a provider sent us, verified, stored once whatever the retries."""

    provider = models.CharField(_("provider"), max_length=20)
    event_id = models.CharField(_("event id"), max_length=255)
    type = models.CharField(_("type"), max_length=100, db_index=True)
    payload = models.JSONField(_("payload"))
    donation = models.ForeignKey(
        Donation,
        verbose_name=_("donation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
    )
    deliveries = models.PositiveIntegerField(_("deliveries"), default=1)
    received_at = models.DateTimeField(_("received"), auto_now_add=True, db_index=True)
    processed_at = models.DateTimeField(_("processed"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=255, blank=True)
    error = models.TextField(_("error"), blank=True)
    personal_data_erased_at = models.DateTimeField(
        _("personal data erased at"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("webhook event")
        verbose_name_plural = _("webhook events")
        ordering = ["-received_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "event_id"], name="donations_unique_event"
            )
        ]

    def __str__(self):
        return f"{self.type} {self.event_id}"
