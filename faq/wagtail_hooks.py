"""Admin: a report of the answers to check, the least recently reviewed first, and
the checks panel's answer length check."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.functional import lazy
from django.utils.html import format_html, json_script
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies.pages import PagePermissionPolicy

from core import content_checks
from core.spreadsheets import FormulaSafeExportMixin

from .models import FaqPage, FaqQuestion


def _editable_pages(user):
    return (
        PagePermissionPolicy()
        .instances_user_has_permission_for(user, "change")
        .type(FaqPage)
    )


def _edit_url(question):
    return reverse("wagtailadmin_pages:edit", args=(question.page_id,))


class QuestionsToReviewView(FormulaSafeExportMixin, ReportView):
    page_title = _("Answers to review")
    header_icon = "help"
    index_url_name = "faq_questions_to_review"
    index_results_url_name = "faq_questions_to_review_results"
    paginate_by = 50
    model = FaqQuestion
    columns = [
        TitleColumn("question", label=_("Question"), get_url=_edit_url),
        Column("page", label=_("Page")),
        Column("category", label=_("Category"), accessor="category_title"),
        DateColumn("last_reviewed", label=_("Last reviewed")),
    ]
    list_export = ["question", "page", "category_title", "anchor", "last_reviewed"]
    export_headings = {
        "question": _("Question"),
        "page": _("Page"),
        "category_title": _("Category"),
        "anchor": _("Anchor"),
        "last_reviewed": _("Last reviewed"),
    }

    def dispatch(self, request, *args, **kwargs):
        if not _editable_pages(request.user).exists():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return (
            FaqQuestion.objects.filter(page__in=_editable_pages(self.request.user))
            .select_related("page")
            .prefetch_related("page__categories")
            .order_by("last_reviewed", "page_id", "sort_order")
        )

    def get_filename(self):
        return "answers-to-review"


class QuestionsToReviewMenuItem(MenuItem):
    def is_shown(self, request):
        return _editable_pages(request.user).exists()


@hooks.register("register_admin_urls")
def register_urls():
    view = QuestionsToReviewView.as_view()
    results = QuestionsToReviewView.as_view(results_only=True)
    return [
        path("reports/faq-review/", view, name="faq_questions_to_review"),
        path(
            "reports/faq-review/results/",
            results,
            name="faq_questions_to_review_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_menu_item():
    return QuestionsToReviewMenuItem(
        _("Answers to review"),
        reverse("faq_questions_to_review"),
        name="faq-answers-to-review",
        icon_name="help",
        order=650,
    )


def _answer_limit():
    return {"limit": settings.FAQ_ANSWER_WORD_LIMIT}


def _answer_limit_help():
    return _(
        "Keep an answer under %(limit)s words, to read at a glance; put the details "
        "on a page and link to it."
    ) % {"limit": settings.FAQ_ANSWER_WORD_LIMIT}


content_checks.register_rule(
    content_checks.Rule(
        id="wh-faq-answer-length",
        selector=".faq-question__answer",
        check="word-limit",
        options=_answer_limit,
        impact="moderate",
        error_name=_("FAQ answer too long"),
        help_text=lazy(_answer_limit_help, str)(),
    )
)


@hooks.register("insert_editor_js")
def questions_editor_script():
    """Rows labelled with their text, questions grouped and filtered by category."""
    messages = {
        "filter": _("Show the questions of"),
        "all": _("All categories"),
        "none": _("No category chosen yet"),
        "question": _("Question"),
        "category": _("Category"),
    }
    return format_html(
        '{}<script src="{}"></script>',
        json_script(
            {key: str(value) for key, value in messages.items()}, "faq-admin-messages"
        ),
        static("js/faq-admin.js"),
    )


@hooks.register("insert_editor_css")
def questions_editor_style():
    return format_html('<link rel="stylesheet" href="{}">', static("css/faq-admin.css"))
