"""Admin: the memorial records (snippets with drafts, revisions and preview) and the
import/export page, grouped under one "Memorial" menu."""

from django.contrib import messages
from django.urls import path, reverse_lazy
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, StatusTagColumn
from wagtail.admin.viewsets.base import ViewSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView as SnippetIndexView
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from core.spreadsheets import FormulaSafeExportMixin
from core.translation_columns import TranslationStatusColumn

from . import views
from .models import FallenVolunteer


class FallenVolunteerFilterSet(WagtailFilterSet):
    class Meta:
        model = FallenVolunteer
        fields = ["governorate", "cause", "consent", "live", "is_sample"]


class CalendarDateColumn(Column):
    """A date as staff read it ("12 May 2016"), not Wagtail's "9 years ago"."""

    def get_value(self, instance):
        value = super().get_value(instance)
        return date_format(value, "j F Y") if value else ""


class FallenVolunteerIndexView(FormulaSafeExportMixin, SnippetIndexView):
    """The listing; its "Download CSV/XLSX" never writes a cell that runs."""


class FallenVolunteerViewSet(SnippetViewSet):
    model = FallenVolunteer
    index_view_class = FallenVolunteerIndexView
    icon = "user"
    menu_label = _("Memorial records")
    menu_name = "memorial_records"
    list_per_page = 50
    ordering = ["-date_of_death", "pk"]
    filterset_class = FallenVolunteerFilterSet
    search_backend_name = None  # plain database search, works without an index
    search_fields = ["name_en", "name_ar", "other_names", "external_id", "search_key"]
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = [
        "name",
        CalendarDateColumn(
            "date_of_death", label=_("Date of death"), sort_key="date_of_death"
        ),
        Column("place", label=_("Place")),
        Column(
            "governorate", label=_("Governorate"), accessor="get_governorate_display"
        ),
        Column("cause", label=_("Cause"), accessor="get_cause_display"),
        Column("consent", label=_("Consent"), accessor="get_consent_display"),
        StatusTagColumn(
            "status_string",
            label=_("Status"),
            primary=lambda obj: obj.live,
            sort_key="live",
        ),
        TranslationStatusColumn("translations", label=_("Translations")),
    ]
    list_export = [
        "external_id",
        "slug",
        "name_en",
        "name_ar",
        "date_of_death",
        "governorate",
        "cause",
        "consent",
        "live",
    ]
    export_filename = "memorial-records"


class ImportExportViewSet(ViewSet):
    name = "memorial_import"
    icon = "upload"
    menu_label = _("Import and export")

    def get_urlpatterns(self):
        return [
            path("", views.ImportView.as_view(), name="index"),
            path("sample.csv", views.sample_view, name="sample_csv"),
            path(
                "export.csv",
                views.export_view,
                {"file_format": "csv"},
                name="export_csv",
            ),
            path(
                "export.json",
                views.export_view,
                {"file_format": "json"},
                name="export_json",
            ),
        ]

    @property
    def menu_item_class(self):
        def is_shown(item, request):
            return views._can_import(request.user) or views._can_export(request.user)

        return type("MemorialImportMenuItem", (MenuItem,), {"is_shown": is_shown})


class TranslateRecordsMenuItem(MenuItem):
    """The screen for translating records offline, for those who may translate them
    (``core.translation_views``)."""

    def is_shown(self, request):
        from core.translation_views import _languages, _may_translate_records

        return bool(_languages(request.user)) and _may_translate_records(request.user)


class MemorialGroup(SnippetViewSetGroup):
    items = (FallenVolunteerViewSet, ImportExportViewSet)
    menu_label = _("Memorial")
    menu_icon = "user"
    menu_order = 250

    def get_submenu_items(self):
        return [
            *super().get_submenu_items(),
            TranslateRecordsMenuItem(
                _("Translate records"),
                reverse_lazy("core_translation_import_records"),
                name="translate-records",
                icon_name="globe",
                order=len(self.registerables) + 1,
            ),
        ]


register_snippet(MemorialGroup)


@hooks.register("after_edit_snippet")
def say_a_withdrawal_took_effect(request, instance):
    """A withdrawal saved as a draft is public at once: say so after the save."""
    if getattr(instance, "withdrawn_consent", None) is None:
        return
    if "action-publish" in request.POST:
        return  # published: every change is public, as the usual message says
    messages.warning(
        request,
        _(
            "The consent of “%(name)s” was lowered to “%(consent)s”: the public "
            "record already shows it. The other changes wait for a publish."
        )
        % {"name": instance, "consent": instance.get_consent_display()},
    )
