"""Admin views: a page's text out as PO or XLIFF for an offline translator, and back."""

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin import messages
from wagtail.models import Page

from .translation_admin import translator_languages
from .translation_exchange import ImportFailed, export_file, import_page_file
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
    draft = page.get_latest_revision_as_object()
    response = HttpResponse(
        export_file([draft], language, fmt), content_type=fmt.content_type
    )
    suffix = "-xliff2" if fmt.name == "xliff2" else ""
    filename = f"page-{page.pk}-{language}{suffix}.{fmt.extension}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def import_page(request, page_id):
    page = _editable_page(request, page_id)
    languages = _languages(request.user)
    if not languages:
        raise PermissionDenied
    errors = []
    form = ImportForm(request.POST or None, request.FILES or None, languages=languages)
    if request.method == "POST" and form.is_valid():
        language = form.cleaned_data["language"]
        draft = page.get_latest_revision_as_object()
        try:
            revision = import_page_file(
                draft, language, form.cleaned_data["file"], request.user
            )
        except ImportFailed as failure:
            errors = failure.errors
        else:
            if revision is None:
                messages.warning(request, _("The file changes no translation."))
            else:
                messages.success(
                    request,
                    _("The translations were saved as a draft of “%(page)s”.")
                    % {"page": page.get_admin_display_title()},
                )
            return redirect("wagtailadmin_pages:edit", page.pk)
    return TemplateResponse(
        request,
        "wagtailadmin/translation_import.html",
        {
            "page": page,
            "form": form,
            "errors": errors,
            "export_urls": [
                (
                    name,
                    fmt.label,
                    reverse("core_translation_export", args=(page.pk,))
                    + f"?language={code}&format={fmt.name}",
                )
                for code, name in languages
                for fmt in FORMATS.values()
            ],
        },
    )
