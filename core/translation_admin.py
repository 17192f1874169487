"""Translators in the admin: each translated field is written in its own language.

One rule, :func:`field_language`: a field whose name ends in ``_<code>`` for one of
``settings.LANGUAGES`` (the names django-modeltranslation gives the translated
columns: ``title_ar``, ``body_ar``, ``question_ar``) holds text in that language, and
its text box gets that language's ``lang`` and ``dir`` (``rtl`` for the languages in
``settings.LANGUAGES_BIDI``), whatever language the admin itself is shown in.

Two places apply it: :class:`FormRenderer` (``settings.FORM_RENDERER``) for every
field a form renders on the server (pages, snippets, inline rows, settings), and the
admin script ``js/admin-field-language.js`` for the StreamField blocks, which the
browser builds; the script is given :func:`language_attributes` so it follows the same
rule.
"""

import re

from django.conf import settings
from django.forms import Textarea, TextInput
from django.forms.boundfield import BoundField
from django.forms.renderers import DjangoTemplates


def language_attributes():
    """``{code: {"lang": code, "dir": "rtl" or "ltr"}}`` for every site language."""
    bidi = {code.split("-")[0] for code in settings.LANGUAGES_BIDI}
    return {
        code: {"lang": code, "dir": "rtl" if code.split("-")[0] in bidi else "ltr"}
        for code, _name in settings.LANGUAGES
    }


def field_language(name):
    """The language code a field named ``name`` is written in, or None.

    ``name`` may be a field name (``title_ar``) or a form input's full name, as inline
    rows and StreamField blocks have them (``questions-0-answer_ar-1-value-text``): the
    last part with a language suffix decides.
    """
    # django-modeltranslation writes "pt-br" as "_pt_br".
    suffixes = {code.replace("-", "_"): code for code, _name in settings.LANGUAGES}
    pattern = re.compile(rf"^\w+?_({'|'.join(map(re.escape, suffixes))})$")
    for part in reversed(name.split("-")):
        match = pattern.match(part)
        if match:
            return suffixes[match.group(1)]
    return None


class LanguageBoundField(BoundField):
    """A bound field whose text box carries its language's ``lang`` and ``dir``."""

    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        widget = widget or self.field.widget
        if isinstance(widget, TextInput | Textarea) and not widget.is_hidden:
            language = field_language(self.name)
            if language:
                for key, value in language_attributes()[language].items():
                    attrs.setdefault(key, value)
        return attrs


class FormRenderer(DjangoTemplates):
    """Django's default renderer, with the language of translated fields."""

    bound_field_class = LanguageBoundField
