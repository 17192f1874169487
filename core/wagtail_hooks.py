import django_filters
from django import forms
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import include, path, reverse
from django.utils.functional import cached_property
from django.utils.html import format_html, json_script
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.pages.listing import ExplorableIndexView
from wagtail.admin.views.reports import ReportView
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.admin.widgets import Button, HeaderButton
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import content_checks, translation_views  # noqa: F401 (checks: their hook)
from .models import GlossaryTerm, TranslationStatus
from .translation_admin import language_attributes, translator_languages
from .translation_columns import TranslationStatusColumn
from .translation_links import EditLinks
from .translation_sections import in_section, section_choices
from .translation_status import mark_checked
from .two_factor import urls as two_factor_urls
from .two_factor.audit import ACTIONS

# Right-to-left editing: translated fields carry their language's lang and dir -----


@hooks.register("insert_global_admin_js")
def field_language_script():
    """The rule's languages and the script that marks the fields the browser builds."""
    return format_html(
        '{}<script src="{}" defer></script>',
        json_script(language_attributes(), "admin-field-languages"),
        static("js/admin-field-language.js"),
    )


@hooks.register("insert_editor_js")
def field_focus_script():
    """An edit screen opened at a field's box (``#id_title_ar``) focuses it; its
    preview panel shows the language picked even when picked during an update."""
    return format_html(
        '<script src="{}" defer></script><script src="{}" defer></script>',
        static("js/admin-field-focus.js"),
        static("js/admin-preview-mode.js"),
    )


@hooks.register("insert_global_admin_css")
def no_copying_whole_streamfields():
    """wagtail-modeltranslation's "Copy content from" copies a whole StreamField, its
    text as if translated; another language starts from the English with "Start the
    Arabic from the English" instead (``core.shared_values``)."""
    return format_html(
        "<style>{}</style>", ".translation-field-copy-wrapper{display:none}"
    )


# The glossary, edited as a snippet and shown beside the fields it helps translate --


class GlossaryViewSet(SnippetViewSet):
    model = GlossaryTerm
    icon = "openquote"
    menu_label = _("Glossary")
    menu_order = 900
    add_to_admin_menu = True
    list_display = ["term_en", "term_ar", "kind", "note"]
    list_filter = ["kind"]
    search_fields = ["term_en", "term_ar", "note"]
    search_backend_name = None


register_snippet(GlossaryViewSet)


@hooks.register("insert_editor_js")
def glossary_beside_arabic_fields():
    """The glossary of each language but the default one, which the editor script
    shows beside the field being written in that language."""
    source = settings.LANGUAGE_CODE
    terms = list(GlossaryTerm.objects.all())
    attributes = language_attributes()
    glossaries = []
    for code, name in settings.LANGUAGES:
        if code == source:
            continue
        field = f"term_{code.replace('-', '_')}"
        rows = [
            (getattr(term, f"term_{source}"), getattr(term, field), term)
            for term in terms
            if getattr(term, field, None)
        ]
        glossaries.append(
            {"code": code, "name": name, "attributes": attributes[code], "rows": rows}
        )
    return render_to_string(
        "wagtailadmin/glossary_beside_fields.html",
        {
            "glossaries": glossaries,
            "source_attributes": attributes[source],
            "glossary_url": reverse(GlossaryTerm.snippet_viewset.get_url_name("list")),
        },
    )


# Translation status: the "Translations" report and the dashboard's counts -----------


def _may_edit_pages(user):
    return (
        PagePermissionPolicy()
        .instances_user_has_permission_for(user, "change")
        .exists()
    )


class TranslationsMenuItem(MenuItem):
    def is_shown(self, request):
        return _may_edit_pages(request.user)


class TranslationStatusFilterSet(WagtailFilterSet):
    language = django_filters.ChoiceFilter(
        label=_("Language"),
        choices=lambda: [
            (code, name)
            for code, name in settings.LANGUAGES
            if code != settings.LANGUAGE_CODE
        ],
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=TranslationStatus.Status.choices
    )
    section = django_filters.ChoiceFilter(
        label=_("Section"), choices=section_choices, method="filter_section"
    )
    content_type = django_filters.ModelChoiceFilter(
        label=_("Type"),
        queryset=lambda request: ContentType.objects.filter(
            pk__in=TranslationStatus.objects.values("content_type")
        ),
    )

    object_id = django_filters.CharFilter(widget=forms.HiddenInput)

    class Meta:
        model = TranslationStatus
        fields = ["language", "status", "section", "content_type", "object_id"]

    def filter_section(self, queryset, name, value):
        return in_section(queryset, value)


class CheckedColumn(Column):
    """A "Mark as checked" button for an outdated translation, or who checked it."""

    cell_template_name = "wagtailadmin/translation_checked_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        request = parent_context.get("request")
        context["csrf_token"] = get_token(request) if request else ""
        context["next"] = request.get_full_path() if request else ""
        return context


MAX_PAGES_IN_ONE_FILE = 100


class TranslationsReportView(ReportView):
    page_title = _("Translations")
    header_icon = "globe"
    index_url_name = "core_translations_report"
    index_results_url_name = "core_translations_report_results"
    paginate_by = 50
    model = TranslationStatus
    filterset_class = TranslationStatusFilterSet

    @cached_property
    def columns(self):
        # Each title links to the box of its field (core/translation_links.py).
        return [
            TitleColumn("object_title", label=_("Title"), get_url=EditLinks().url),
            Column("field_label", label=_("Field")),
            Column("content_type", label=_("Type")),
            Column("language", label=_("Language")),
            Column("get_status_display", label=_("Status")),
            DateColumn("updated_at", label=_("Updated")),
            CheckedColumn("checked", label=_("Checked")),
        ]

    list_export = ["object_title", "field_label", "language", "status", "updated_at"]

    def dispatch(self, request, *args, **kwargs):
        if not _may_edit_pages(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return TranslationStatus.objects.select_related(
            "content_type", "checked_by"
        ).order_by("status", "object_title", "field")

    def get_filename(self):
        return "translations"

    @cached_property
    def header_buttons(self):
        """ "Translate these pages offline" and "Translate these records offline":
        the pages and the memorial records of the rows shown, picked for one file (the
        listings' bulk actions, which ask language and format)."""
        types = ContentType.objects.filter(
            pk__in=TranslationStatus.objects.values("content_type")
        )
        page_types = [
            content_type.pk
            for content_type in types
            if issubclass(content_type.model_class() or object, Page)
        ]
        record_types = [
            content_type.pk
            for content_type in types
            if content_type.app_label == "memorial"
            and content_type.model == "fallenvolunteer"
        ]
        rows = self.filter_queryset(self.get_queryset())
        buttons = []
        for content_types, label, action in (
            (
                page_types,
                _("Translate these pages offline"),
                ("wagtailcore", "page", "translate_offline"),
            ),
            (
                record_types,
                _("Translate these records offline"),
                ("memorial", "fallenvolunteer", "translate_offline"),
            ),
        ):
            ids = list(
                rows.filter(content_type__in=content_types)
                .order_by("object_id")
                .values_list("object_id", flat=True)
                .distinct()
            )[:MAX_PAGES_IN_ONE_FILE]
            if not ids:
                continue
            query = urlencode(
                [("id", pk) for pk in ids] + [("next", self.request.get_full_path())]
            )
            buttons.append(
                HeaderButton(
                    label,
                    url=reverse("wagtail_bulk_action", args=action) + "?" + query,
                    icon_name="download",
                )
            )
        return buttons


@require_POST
def mark_translation_checked(request, pk):
    """The translation still fits its source: up to date, recorded as checked."""
    row = get_object_or_404(TranslationStatus, pk=pk)
    languages = translator_languages(request.user)
    if not _may_edit_pages(request.user) or (
        languages is not None and row.language not in languages
    ):
        raise PermissionDenied
    mark_checked(row, request.user)
    messages.success(request, _("Marked as checked: %(row)s") % {"row": row})
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts=None):
        next_url = reverse("core_translations_report")
    return redirect(next_url)


@hooks.register("register_admin_urls")
def translations_report_urls():
    return [
        path(
            "reports/translations/<int:pk>/checked/",
            mark_translation_checked,
            name="core_translation_checked",
        ),
        path(
            "reports/translations/",
            TranslationsReportView.as_view(),
            name="core_translations_report",
        ),
        path(
            "reports/translations/results/",
            TranslationsReportView.as_view(results_only=True),
            name="core_translations_report_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def translations_report_menu_item():
    return TranslationsMenuItem(
        _("Translations"),
        reverse("core_translations_report"),
        name="translations",
        icon_name="globe",
        order=640,
    )


class TranslationCountsPanel(Component):
    """On the dashboard: how many translations are missing and outdated."""

    name = "translation_counts"
    order = 90
    template_name = "wagtailadmin/translation_counts.html"

    def get_context_data(self, parent_context=None):
        counts = dict(
            TranslationStatus.objects.exclude(
                status=TranslationStatus.Status.UP_TO_DATE
            )
            .values_list("status")
            .annotate(count=Count("pk"))
        )
        url = reverse("core_translations_report")
        return {
            "missing": counts.get(TranslationStatus.Status.MISSING, 0),
            "outdated": counts.get(TranslationStatus.Status.OUTDATED, 0),
            "missing_url": f"{url}?status={TranslationStatus.Status.MISSING}",
            "outdated_url": f"{url}?status={TranslationStatus.Status.OUTDATED}",
        }


@hooks.register("construct_homepage_panels")
def translation_counts_on_dashboard(request, panels):
    panels.append(TranslationCountsPanel())


class TranslatedPageViewSet(PageViewSet):
    """The page explorer, with a "Translations" column beside the status."""

    name = "translated_pages"
    columns = [
        *ExplorableIndexView.base_columns,
        TranslationStatusColumn("translations", label=_("Translations"), width="14%"),
    ]


@hooks.register("register_admin_viewset")
def translated_page_viewset():
    return TranslatedPageViewSet(model=Page)


# Offline translation: a page's text out as PO and back ------------------------------


@hooks.register("register_admin_urls")
def translation_exchange_urls():
    return [
        path(
            "translations/pages/<int:page_id>/export/",
            translation_views.export_page,
            name="core_translation_export",
        ),
        path(
            "translations/pages/<int:page_id>/import/",
            translation_views.import_page,
            name="core_translation_import",
        ),
        path(
            "translations/pages/import/",
            translation_views.import_pages,
            name="core_translation_import_pages",
        ),
        path(
            "translations/memorial-records/export/",
            translation_views.export_records,
            name="core_translation_export_records",
        ),
        path(
            "translations/memorial-records/import/",
            translation_views.import_records,
            name="core_translation_import_records",
        ),
    ]


hooks.register("register_bulk_action", translation_views.TranslateOfflineBulkAction)
hooks.register(
    "register_bulk_action", translation_views.TranslateRecordsOfflineBulkAction
)


@hooks.register("register_page_header_buttons")
def translate_offline_button(page, user, view_name, next_url=None):
    if page.is_root() or not page.permissions_for_user(user).can_edit():
        return
    yield Button(
        _("Translate offline (PO, XLIFF)"),
        reverse("core_translation_import", args=(page.pk,)),
        icon_name="globe",
        priority=80,
    )


# Staff sign-in: the second factor and security events ---------------------------


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
