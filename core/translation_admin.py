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

from django import forms
from django.conf import settings
from django.forms import Textarea, TextInput
from django.forms.boundfield import BoundField
from django.forms.renderers import DjangoTemplates
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm

from .shared_values import SharedValuesFormMixin


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


# The translators' group: the fields of their languages and nothing else ---------


def translator_languages(user):
    """The languages ``user`` may edit as a translator, or None when they are not
    restricted (not a translator, a superuser, or also in a group with wider rights).

    ``settings.TRANSLATOR_GROUPS`` names the translators' groups and their languages.
    """
    if user is None or not user.is_authenticated or user.is_superuser:
        return None
    cached = getattr(user, "_translator_languages", False)
    if cached is not False:
        return cached
    teams = settings.TRANSLATOR_GROUPS
    names = set(user.groups.values_list("name", flat=True))
    languages = None
    if names and names <= set(teams):
        languages = frozenset(code for name in names for code in teams[name])
    user._translator_languages = languages
    return languages


_READ_ONLY_CLASSES = {}


def read_only(widget):
    """``widget``, shown but out of reach: rendered inside an ``inert`` box (for the
    editors the browser builds: StreamField, rich text, choosers)."""
    base = type(widget)
    if getattr(widget, "is_read_only", False) or widget.is_hidden:
        return widget
    if base not in _READ_ONLY_CLASSES:

        def render(self, name, value, attrs=None, renderer=None):
            html = super(cls, self).render(name, value, attrs=attrs, renderer=renderer)
            return format_html('<div class="admin-read-only" inert>{}</div>', html)

        cls = type(f"ReadOnly{base.__name__}", (base,), {"is_read_only": True})
        cls.render = render
        _READ_ONLY_CLASSES[base] = cls
    widget.__class__ = _READ_ONLY_CLASSES[base]
    return widget


class TranslatorFormMixin:
    """For a translator, every field not in one of their languages is read-only:
    shown, disabled, and its posted value ignored (Django keeps the saved value), in
    the form and in its inline rows, which they can neither add, remove nor reorder.

    Fields are locked when first rendered or cleaned, so fields a subclass adds or
    replaces after ``__init__`` are locked too.
    """

    restricted_languages = None
    # Comments are for everyone who can edit.
    open_formsets = ("comments",)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = getattr(self, "for_user", None)
        languages = translator_languages(user)
        if languages is None:
            return
        self.restricted_languages = languages
        for name, formset in getattr(self, "formsets", {}).items():
            if name in self.open_formsets:
                continue
            formset.form = restricted_form(formset.form, languages)
            formset.max_num = len(formset.get_queryset())
            formset.validate_max = True
            formset.extra = 0

    def lock_other_fields(self):
        if self.restricted_languages is None:
            return
        # An inline row's id is posted as it is, so the row is found again (a
        # disabled input is not sent at all).
        model = getattr(getattr(self, "_meta", None), "model", None)
        row_id = model._meta.pk.name if model is not None else None
        for name, field in self.fields.items():
            if name == row_id:
                continue
            if field_language(name) not in self.restricted_languages:
                field.disabled = True
                field.widget = read_only(field.widget)

    def __getitem__(self, name):
        self.lock_other_fields()
        return super().__getitem__(name)

    def full_clean(self):
        self.lock_other_fields()
        super().full_clean()


def restricted_form(form_class, languages):
    """``form_class`` (an inline row's form) locked to ``languages``."""
    if getattr(form_class, "restricted_languages", None) == languages:
        return form_class
    return type(
        form_class.__name__,
        (TranslatorFormMixin, form_class),
        {"restricted_languages": languages, "__module__": form_class.__module__},
    )


class TranslatablePageForm(
    SharedValuesFormMixin, TranslatorFormMixin, WagtailAdminPageForm
):
    """The admin form of every page: translators edit their languages only; an
    editor's minor change (a typo) leaves the translations up to date."""

    minor_edit = forms.BooleanField(
        label=_("Minor change"),
        required=False,
        help_text=_(
            "A typo or formatting fix that does not change the meaning: the "
            "translations of the text you changed stay up to date."
        ),
    )

    def save(self, commit=True):
        instance = super().save(commit=commit)
        # Read when the revision is saved (core.translation_status).
        instance.minor_edit = bool(self.cleaned_data.get("minor_edit"))
        return instance


class TranslatableModelForm(
    SharedValuesFormMixin, TranslatorFormMixin, WagtailAdminModelForm
):
    """The admin form of translated snippets: translators edit their languages only."""
