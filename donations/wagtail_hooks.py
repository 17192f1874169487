"""Staff see donations, webhook events and monthly totals, read-only.

Nobody edits a gift in the admin: the provider's events are the only source of truth.
The read-only policy below is registered before any viewset asks for one.
"""

from collections import defaultdict

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Count, F, Sum
from django.db.models.functions import TruncMonth
from django.urls import path
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from .models import Donation, WebhookEvent
from .money import format_amount


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


class DonationViewSet(ReadOnlyViewSet):
    model = Donation
    icon = "pick"
    menu_label = _("Donations")
    list_display = [
        Column("__str__", label=_("Gift"), accessor="amount_display"),
        "status",
        "frequency",
        "currency",
        "provider",
        DateColumn("created_at", label=_("Created")),
    ]
    list_filter = {
        "status": ["exact"],
        "currency": ["exact"],
        "frequency": ["exact"],
        "provider": ["exact"],
        "created_at": ["date__gte", "date__lte"],
    }
    search_fields = [
        "provider_reference",
        "payment_reference",
        "subscription_reference",
        "invoice_reference",
        "donor_email",
        "donor_name",
    ]
    search_backend_name = None  # plain database lookups on the fields above
    list_export = [
        "id",
        "created_at",
        "status",
        "amount_minor",
        "currency",
        "frequency",
        "language",
        "provider",
        "provider_reference",
        "payment_reference",
        "subscription_reference",
        "invoice_reference",
        "parent_id",
        "subscription_status",
        "amount_refunded_minor",
        "reported_amount_minor",
        "reported_currency",
        "donor_name",
        "donor_email",
        "confirmed_at",
    ]
    export_filename = "donations"
    inspect_view_fields = [
        "amount_display",
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
        "parent",
        "reported_amount_minor",
        "reported_currency",
        "amount_refunded_minor",
        "donor_name",
        "donor_email",
        "last_error",
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

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["months"] = monthly_totals()
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
