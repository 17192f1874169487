"""Preview in each of the site's languages, whatever the admin's language.

Pages and previewable snippets offer one preview mode per language ("Preview (English)",
"Preview (Arabic)"). The mode names the language the preview is rendered in: a page is
previewed at its address in that language (so Django's locale middleware, the language
switcher and the ``lang``/``dir`` of the page follow it), and the template is rendered
while that language is active, so "Preview in new tab" shows the Arabic page in Arabic
to an editor whose admin is in English.
"""

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _


def preview_language(mode_name):
    """The language a preview mode shows (the admin's language for an unknown mode)."""
    codes = [code for code, _name in settings.LANGUAGES]
    if mode_name in codes:
        return mode_name
    current = translation.get_language()
    return current if current in codes else settings.LANGUAGE_CODE


class LanguagePreviewMixin:
    """Preview modes named after the site's languages; mixed into a PreviewableMixin."""

    @property
    def preview_modes(self):
        return [
            (code, _("Preview (%(language)s)") % {"language": name})
            for code, name in settings.LANGUAGES
        ]

    @property
    def default_preview_mode(self):
        return preview_language(None)

    def make_preview_request(
        self, original_request=None, preview_mode=None, extra_request_attrs=None
    ):
        with translation.override(preview_language(preview_mode)):
            return super().make_preview_request(
                original_request, preview_mode, extra_request_attrs
            )

    def serve_preview(self, request, mode_name):
        language = preview_language(mode_name)
        with translation.override(language):
            request.LANGUAGE_CODE = language
            response = super().serve_preview(request, mode_name)
            if hasattr(response, "render") and callable(response.render):
                response.render()
        response.headers.setdefault("Content-Language", language)
        return response
