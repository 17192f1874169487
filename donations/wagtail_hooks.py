"""Staff see donations, webhook events and monthly totals, read-only.

Nobody edits a gift in the admin: the provider's events are the only source of truth.
The read-only policy below is registered before any viewset asks for one.
"""

from collections import defaultdict
from datetime import timedelta

import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Count, F, Q, Sum
from django.db.models.functions import TruncMonth
from django.urls import path
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from .exports import csv_response
from .models import Donation, WebhookEvent
from .money import format_amount, major_units


class ReadOnlyPolicy(ModelPermissionPolicy):
    """Staff with the "view" permission may look; nobody may add, change or delete."""

    def user_has_permission(self, user, action):
        if action in ("add", "change", "delete"):
            return False
        return super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        actions = [a for a in actions if a not in ("add", "change", "delete")]
        if not actions:
            return get_user_model().objects.none()
        return super().users_with_any_permission(actions)


register_permission_policy(Donation, ReadOnlyPolicy(Donation), exact_class=True)
register_permission_policy(WebhookEvent, ReadOnlyPolicy(WebhookEvent), exact_class=True)


class ReadOnlyViewSet(ModelViewSet):
    """A listing with filters and an inspect view; no add, edit, copy or delete."""

    inspect_view_enabled = True
    copy_view_enabled = False
    add_to_reference_index = False

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("inspect/<int:pk>/", self.inspect_view, name="inspect"),
        ]


def abandoned():
    """Checkouts nobody will pay: expired, never reached the provider, or left
    "awaiting payment" for longer than a checkout stays open."""
    stale = timezone.now() - timedelta(days=1)
    return Q(status__in=[Donation.Status.EXPIRED, Donation.Status.PROVIDER_ERROR]) | Q(
        status__in=[Donation.Status.PENDING, Donation.Status.OPEN],
        created_at__lt=stale,
    )


class DonationFilterSet(WagtailFilterSet):
    show_abandoned = django_filters.BooleanFilter(
        label=_("Abandoned checkouts"),
        method="filter_abandoned",
        widget=forms.CheckboxInput,
        help_text=_(
            "Hidden unless ticked: checkouts that expired, never reached the payment "
            "service, or were left awaiting payment for more than a day."
        ),
    )

    class Meta:
        model = Donation
        fields = {
            "status": ["exact"],
            "currency": ["exact"],
            "frequency": ["exact"],
            "subscription_status": ["exact"],
            "provider": ["exact"],
            "created_at": ["date__gte", "date__lte"],
        }

    def filter_abandoned(self, queryset, name, value):
        return queryset  # applied in filter_queryset, also when left empty

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        data = self.form.cleaned_data
        if data.get("show_abandoned") or data.get("status"):
            return queryset  # asked for, or a status chosen on purpose
        return queryset.exclude(abandoned())


# The list export: what staff see on screen, amounts in major units.
EXPORT_COLUMNS = [
    ("id", _("ID")),
    ("reference", _("Reference")),
    ("created_at", _("Created")),
    ("confirmed_at", _("Confirmed at")),
    ("get_status_display", _("Status")),
    ("amount_major", _("Amount")),
    ("currency", _("Currency")),
    ("amount_refunded_major", _("Amount refunded")),
    ("get_frequency_display", _("Frequency")),
    ("get_subscription_status_display", _("Monthly gift")),
    ("language", _("Language")),
    ("provider", _("Provider")),
    ("provider_reference", _("Checkout reference")),
    ("payment_reference", _("Payment reference")),
    ("subscription_reference", _("Subscription reference")),
    ("invoice_reference", _("Invoice reference")),
    ("parent_id", _("Monthly gift ID")),
    ("donor_name", _("Donor name")),
    ("donor_email", _("Donor email")),
]


class DonationIndexView(IndexView):
    filterset_class = DonationFilterSet

    def write_csv_response(self, queryset):
        headings = [self.get_heading(queryset, field) for field in self.list_export]
        rows = (
            [
                self.preprocess_field_value(field, value, self.FORMAT_CSV)
                for field, value in self.to_row_dict(item).items()
            ]
            for item in queryset
        )
        return csv_response(self.get_filename(), headings, rows)


class DonationViewSet(ReadOnlyViewSet):
    model = Donation
    icon = "pick"
    menu_label = _("Donations")
    list_display = [
        Column("__str__", label=_("Gift"), accessor="amount_display"),
        "status",
        "frequency",
        "subscription_status",
        "currency",
        "provider",
        DateColumn("created_at", label=_("Created")),
    ]
    list_filter = DonationFilterSet.Meta.fields
    search_fields = [
        "reference",
        "provider_reference",
        "payment_reference",
        "subscription_reference",
        "invoice_reference",
        "donor_email",
        "donor_name",
    ]
    search_backend_name = None  # plain database lookups on the fields above
    index_view_class = DonationIndexView
    list_export = [field for field, _label in EXPORT_COLUMNS]
    export_headings = dict(EXPORT_COLUMNS)
    export_filename = "donations"
    inspect_view_fields = [
        "amount_display",
        "reference",
        "status",
        "frequency",
        "currency",
        "amount_minor",
        "language",
        "provider",
        "provider_reference",
        "payment_reference",
        "subscription_reference",
        "invoice_reference",
        "subscription_status",
        "subscription_amount_display",
        "customer_reference",
        "parent",
        "reported_amount_minor",
        "reported_currency",
        "amount_refunded_minor",
        "donor_name",
        "donor_email",
        "last_error",
        "receipt_sent_at",
        "receipt_attempts",
        "receipt_error",
        "page",
        "created_at",
        "updated_at",
        "confirmed_at",
        "personal_data_erased_at",
    ]


class WebhookEventViewSet(ReadOnlyViewSet):
    model = WebhookEvent
    icon = "resubmit"
    menu_label = _("Webhook events")
    list_display = [
        Column("type", label=_("Type")),
        "event_id",
        "provider",
        "outcome",
        "deliveries",
        DateColumn("received_at", label=_("Received")),
        DateColumn("processed_at", label=_("Processed")),
    ]
    list_filter = {
        "type": ["exact"],
        "provider": ["exact"],
        "received_at": ["date__gte", "date__lte"],
    }
    search_fields = ["event_id", "type", "outcome"]
    search_backend_name = None
    inspect_view_fields = [
        "event_id",
        "type",
        "provider",
        "donation",
        "deliveries",
        "received_at",
        "processed_at",
        "outcome",
        "error",
        "payload",
    ]


def monthly_totals(queryset=None):
    """Confirmed gifts per month and currency, net of refunds: a list of months,
    newest first, each ``{"month", "rows": [{"currency", "count", "total"}]}``."""
    queryset = Donation.objects.all() if queryset is None else queryset
    rows = (
        queryset.filter(
            status__in=[Donation.Status.PAID, Donation.Status.REFUNDED],
            confirmed_at__isnull=False,
        )
        .annotate(month=TruncMonth("confirmed_at"))
        .values("month", "currency")
        .annotate(
            count=Count("pk"),
            total=Sum(F("amount_minor") - F("amount_refunded_minor")),
        )
        .order_by("-month", "currency")
    )
    months = defaultdict(list)
    for row in rows:
        months[row["month"]].append(
            {
                "currency": row["currency"],
                "count": row["count"],
                "total_minor": row["total"] or 0,
                "total": format_amount(row["total"] or 0, row["currency"]),
            }
        )
    return [
        {"month": month, "label": date_format(month, "F Y"), "rows": rows}
        for month, rows in months.items()
    ]


class TotalsFilterForm(forms.Form):
    start = forms.DateField(
        label=_("From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Enter a date such as 2025-03-01.")},
    )
    end = forms.DateField(
        label=_("To"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Enter a date such as 2025-03-31.")},
    )

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            raise forms.ValidationError(
                _("The start date must be before the end date.")
            )
        return data

    def queryset(self):
        """Donations confirmed between the two dates (both included)."""
        queryset = Donation.objects.all()
        if not self.is_valid():
            return queryset.none()
        if self.cleaned_data.get("start"):
            queryset = queryset.filter(
                confirmed_at__date__gte=self.cleaned_data["start"]
            )
        if self.cleaned_data.get("end"):
            queryset = queryset.filter(confirmed_at__date__lte=self.cleaned_data["end"])
        return queryset


def totals_csv(months):
    """The totals as a spreadsheet: one row per month and currency."""
    rows = (
        [
            month["month"].strftime("%Y-%m"),
            row["currency"],
            row["count"],
            major_units(row["total_minor"], row["currency"]),
        ]
        for month in months
        for row in month["rows"]
    )
    headings = [_("Month"), _("Currency"), _("Gifts"), _("Total")]
    return csv_response("donation-totals", headings, rows)


class TotalsView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "donations/admin/totals.html"
    page_title = _("Donation totals")
    header_icon = "table"

    def dispatch(self, request, *args, **kwargs):
        policy = ReadOnlyPolicy(Donation)
        if not policy.user_has_permission(request.user, "view"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.page_title}]

    def get(self, request, *args, **kwargs):
        self.filter_form = TotalsFilterForm(request.GET or None)
        self.months = monthly_totals(
            self.filter_form.queryset() if request.GET else None
        )
        if request.GET.get("export") == "csv" and not self.filter_form.errors:
            return totals_csv(self.months)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query["export"] = "csv"
        context.update(
            {
                "months": self.months,
                "filter_form": self.filter_form,
                "csv_query": query.urlencode(),
            }
        )
        return context


class TotalsViewSet(ViewSet):
    name = "donation_totals"
    icon = "table"
    menu_label = _("Totals")

    def get_urlpatterns(self):
        return [path("", TotalsView.as_view(), name="index")]

    @property
    def menu_item_class(self):
        def is_shown(item, request):
            return ReadOnlyPolicy(Donation).user_has_permission(request.user, "view")

        return type("DonationTotalsMenuItem", (MenuItem,), {"is_shown": is_shown})


class DonationsGroup(ViewSetGroup):
    items = (DonationViewSet, TotalsViewSet, WebhookEventViewSet)
    menu_label = _("Donations")
    menu_icon = "pick"
    menu_order = 300


@hooks.register("register_admin_viewset")
def register_donations_viewsets():
    return DonationsGroup()
