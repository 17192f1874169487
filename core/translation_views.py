"""Admin views: pages' text out as PO or XLIFF for an offline translator, and back.

A file holds one page, a page and its subpages, or the pages picked in the page
listing ("Translate offline" among the bulk actions); coming back, it is applied to
every page it names, or to none."""

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.functional import classproperty
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin import messages
from wagtail.admin.views.pages.bulk_actions.page_bulk_action import PageBulkAction
from wagtail.models import Page
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction

from .translation_admin import translator_languages
from .translation_exchange import ImportFailed, export_file, import_file
from .translation_formats import FORMATS

MAX_FILE_SIZE = 2 * 1024 * 1024


def _languages(user):
    """The languages ``user`` may translate into (never the source language)."""
    allowed = translator_languages(user)
    return [
        (code, name)
        for code, name in settings.LANGUAGES
        if code != settings.LANGUAGE_CODE and (allowed is None or code in allowed)
    ]


def _section(page, user):
    """``page`` and its subpages that ``user`` may edit, as their latest drafts."""
    pages = [page]
    for child in page.get_descendants().specific():
        if child.permissions_for_user(user).can_edit():
            pages.append(child)
    return [each.get_latest_revision_as_object() for each in pages]


def _download(pages, language, fmt, name):
    response = HttpResponse(
        export_file(pages, language, fmt), content_type=fmt.content_type
    )
    suffix = "-xliff2" if fmt.name == "xliff2" else ""
    filename = f"{name}-{language}{suffix}.{fmt.extension}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _resolver(user, within=None):
    """For ``import_file``: the pages a file names that ``user`` may change here
    (``within``: that page and its subpages only)."""

    def resolve(page_ids):
        pages, errors = {}, []
        candidates = Page.objects.filter(pk__in=[p for p in page_ids if p.isdigit()])
        if within is not None:
            candidates = candidates.descendant_of(within, inclusive=True)
        found = {str(page.pk): page for page in candidates.specific()}
        for page_id in page_ids:
            page = found.get(page_id)
            if page is None or not page.permissions_for_user(user).can_edit():
                errors.append(
                    _(
                        "The file holds page “%(id)s”, which is not one you may "
                        "translate here."
                    )
                    % {"id": page_id}
                )
            else:
                pages[page_id] = page.get_latest_revision_as_object()
        if not page_ids:
            errors.append(_("The file names no page."))
        return pages, errors

    return resolve


def _editable_page(request, page_id):
    page = get_object_or_404(Page, pk=page_id).specific
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    return page


class ImportForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"))
    file = forms.FileField(
        label=_("PO or XLIFF file"),
        help_text=_(
            "The file exported from this page, with the translations filled in."
        ),
    )

    def __init__(self, *args, languages, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = languages

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_FILE_SIZE:
            raise forms.ValidationError(_("The file is larger than 2 MB."))
        try:
            return upload.read().decode("utf-8")
        except UnicodeDecodeError as error:
            raise forms.ValidationError(
                _("The file is not UTF-8 text: save it as UTF-8 and try again.")
            ) from error


def export_page(request, page_id):
    page = _editable_page(request, page_id)
    languages = dict(_languages(request.user))
    language = request.GET.get("language") or next(iter(languages), "")
    if language not in languages:
        raise PermissionDenied
    fmt = FORMATS.get(request.GET.get("format") or "po")
    if fmt is None:
        raise PermissionDenied
    if request.GET.get("descendants"):
        return _download(
            _section(page, request.user), language, fmt, f"section-{page.pk}"
        )
    draft = page.get_latest_revision_as_object()
    return _download([draft], language, fmt, f"page-{page.pk}")


def _import(request, page, languages):
    """The upload form and its result, for one page's screen or for any pages."""
    errors = []
    form = ImportForm(request.POST or None, request.FILES or None, languages=languages)
    if request.method == "POST" and form.is_valid():
        resolve = _resolver(request.user, within=page)
        try:
            revisions = import_file(
                form.cleaned_data["file"],
                form.cleaned_data["language"],
                resolve,
                request.user,
            )
        except ImportFailed as failure:
            errors = failure.errors
        else:
            titles = [revision.object_str for revision in revisions]
            if not revisions:
                messages.warning(request, _("The file changes no translation."))
            elif len(revisions) == 1:
                messages.success(
                    request,
                    _("The translations were saved as a draft of “%(page)s”.")
                    % {"page": titles[0]},
                )
            else:
                messages.success(
                    request,
                    _("The translations were saved as drafts of: %(pages)s.")
                    % {"pages": ", ".join(titles)},
                )
            if page is not None:
                return redirect("wagtailadmin_pages:edit", page.pk)
            return redirect("wagtailadmin_explore_root")
    export_urls = []
    if page is not None:
        base = reverse("core_translation_export", args=(page.pk,))
        for code, name in languages:
            for fmt in FORMATS.values():
                query = f"?language={code}&format={fmt.name}"
                export_urls.append((name, fmt.label, base + query, False))
        if page.get_descendants().exists():
            for code, name in languages:
                for fmt in FORMATS.values():
                    query = f"?language={code}&format={fmt.name}&descendants=1"
                    export_urls.append((name, fmt.label, base + query, True))
    return TemplateResponse(
        request,
        "wagtailadmin/translation_import.html",
        {"page": page, "form": form, "errors": errors, "export_urls": export_urls},
    )


def import_page(request, page_id):
    page = _editable_page(request, page_id)
    languages = _languages(request.user)
    if not languages:
        raise PermissionDenied
    return _import(request, page, languages)


def import_pages(request):
    """A file of several pages (a selection from the page listing)."""
    languages = _languages(request.user)
    if not languages:
        raise PermissionDenied
    return _import(request, None, languages)


class ExportSelectionForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"))
    format = forms.ChoiceField(
        label=_("Format"),
        choices=[(fmt.name, fmt.label) for fmt in FORMATS.values()],
    )
    include_descendants = forms.BooleanField(
        label=_("Include their subpages"), required=False
    )

    def __init__(self, *args, languages, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = languages


class TranslateOfflineBulkAction(PageBulkAction):
    """The pages picked in the page listing, in one file for one language."""

    display_name = _("Translate offline")
    action_type = "translate_offline"
    aria_label = _("Download the selected pages' text for translation")
    template_name = "wagtailadmin/translation_export_selection.html"
    form_class = ExportSelectionForm
    action_priority = 90

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "languages": _languages(self.request.user)}

    def check_perm(self, page):
        return page.permissions_for_user(self.request.user).can_edit()

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "import_url": reverse("core_translation_import_pages"),
        }

    def prepare_action(self, objects, objects_without_access):
        data = self.cleaned_form.cleaned_data
        pages, seen = [], set()
        for page in objects:
            page = page.specific
            group = (
                _section(page, self.request.user)
                if data["include_descendants"]
                else [page.get_latest_revision_as_object()]
            )
            for each in group:
                if each.pk not in seen:
                    seen.add(each.pk)
                    pages.append(each)
        if not pages:
            raise PermissionDenied
        return _download(pages, data["language"], FORMATS[data["format"]], "pages")


# Memorial records ----------------------------------------------------------------
#
# Records are snippets with drafts and revisions, not pages: a file holds some of
# them (picked in the records listing, or every record whose translation is missing
# or outdated) and comes back on their own screen, each record's translations saved
# as one new draft revision (every record of the file or none).

RECORD = "memorial-record"


def _record_model():
    from memorial.models import FallenVolunteer

    return FallenVolunteer


def _may_translate_records(user):
    model = _record_model()
    return model.snippet_viewset.permission_policy.user_has_permission(user, "change")


def _records_for(language, pks=None):
    """The latest drafts of the records ``pks`` or, without ``pks``, of every record
    with a translation into ``language`` missing or outdated."""
    from django.contrib.contenttypes.models import ContentType

    from .models import TranslationStatus

    model = _record_model()
    if pks is None:
        pks = TranslationStatus.objects.filter(
            content_type=ContentType.objects.get_for_model(model),
            language=language,
            status__in=[
                TranslationStatus.Status.MISSING,
                TranslationStatus.Status.OUTDATED,
            ],
        ).values("object_id")
        records = model.objects.filter(pk__in=[int(pk["object_id"]) for pk in pks])
    else:
        records = model.objects.filter(pk__in=pks)
    return [record.get_latest_revision_as_object() for record in records.order_by("pk")]


def _record_resolver(page_ids):
    model = _record_model()
    found = {
        str(record.pk): record
        for record in model.objects.filter(
            pk__in=[pk for pk in page_ids if pk.isdigit()]
        )
    }
    records, errors = {}, []
    for pk in page_ids:
        if pk in found:
            records[pk] = found[pk].get_latest_revision_as_object()
        else:
            errors.append(
                _("The file holds memorial record “%(id)s”, which does not exist.")
                % {"id": pk}
            )
    if not page_ids:
        errors.append(_("The file names no memorial record."))
    return records, errors


def _records_download(records, language, fmt):
    response = HttpResponse(
        export_file(records, language, fmt, kind=RECORD),
        content_type=fmt.content_type,
    )
    suffix = "-xliff2" if fmt.name == "xliff2" else ""
    filename = f"memorial-records-{language}{suffix}.{fmt.extension}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def export_records(request):
    """Every record whose translation into ``language`` is missing or outdated
    (``?id=…`` for chosen records), in one file."""
    if not _may_translate_records(request.user):
        raise PermissionDenied
    languages = dict(_languages(request.user))
    language = request.GET.get("language") or next(iter(languages), "")
    fmt = FORMATS.get(request.GET.get("format") or "po")
    if language not in languages or fmt is None:
        raise PermissionDenied
    pks = [pk for pk in request.GET.getlist("id") if pk.isdigit()] or None
    records = _records_for(language, pks)
    if not records:
        messages.warning(request, _("No memorial record needs translating."))
        return redirect("core_translation_import_records")
    return _records_download(records, language, fmt)


def import_records(request):
    """The upload form for a file of memorial records, and its result."""
    languages = _languages(request.user)
    if not languages or not _may_translate_records(request.user):
        raise PermissionDenied
    errors = []
    form = ImportForm(request.POST or None, request.FILES or None, languages=languages)
    form.fields["file"].help_text = _(
        "The file downloaded for memorial records, with the translations filled in."
    )
    if request.method == "POST" and form.is_valid():
        try:
            revisions = import_file(
                form.cleaned_data["file"],
                form.cleaned_data["language"],
                _record_resolver,
                request.user,
                kind=RECORD,
            )
        except ImportFailed as failure:
            errors = failure.errors
        else:
            if not revisions:
                messages.warning(request, _("The file changes no translation."))
            else:
                messages.success(
                    request,
                    ngettext(
                        "The translations were saved as a draft of %(count)s "
                        "memorial record.",
                        "The translations were saved as drafts of %(count)s "
                        "memorial records.",
                        len(revisions),
                    )
                    % {"count": len(revisions)},
                )
            model = _record_model()
            return redirect(model.snippet_viewset.get_url_name("list"))
    base = reverse("core_translation_export_records")
    export_urls = [
        (name, fmt.label, f"{base}?language={code}&format={fmt.name}")
        for code, name in languages
        for fmt in FORMATS.values()
    ]
    return TemplateResponse(
        request,
        "wagtailadmin/translation_import_records.html",
        {"form": form, "errors": errors, "export_urls": export_urls},
    )


class TranslateRecordsOfflineBulkAction(SnippetBulkAction):
    """The records picked in the memorial records listing, in one file."""

    display_name = _("Translate offline")
    action_type = "translate_offline"
    aria_label = _("Download the selected records' text for translation")
    template_name = "wagtailadmin/translation_export_records.html"
    action_priority = 90

    @classproperty
    def models(cls):
        return [_record_model()]

    def get_form_class(self):
        return ExportRecordsForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "languages": _languages(self.request.user)}

    def check_perm(self, obj):
        return _may_translate_records(self.request.user)

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "import_url": reverse("core_translation_import_records"),
        }

    def prepare_action(self, objects, objects_without_access):
        data = self.cleaned_form.cleaned_data
        records = _records_for(data["language"], [obj.pk for obj in objects])
        if not records:
            raise PermissionDenied
        return _records_download(records, data["language"], FORMATS[data["format"]])


class ExportRecordsForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"))
    format = forms.ChoiceField(
        label=_("Format"),
        choices=[(fmt.name, fmt.label) for fmt in FORMATS.values()],
    )

    def __init__(self, *args, languages, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = languages
