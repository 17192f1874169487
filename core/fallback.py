"""Which parts of a record are shown in English because they are not yet translated.

django-modeltranslation answers a field's value in the reader's language, or, when that
is empty, in English (``MODELTRANSLATION_FALLBACK_LANGUAGES``). That keeps a page whole,
but English text under ``lang="ar"`` is read with Arabic rules, right-aligned and with
no notice. Templates therefore ask here, per field, whether the value shown is the
fallback, mark such text ``lang="en" dir="ltr"`` where it is shown, and tell the reader
when any visible part of the page fell back.
"""

import functools

from django.conf import settings
from django.utils import translation
from django.utils.html import strip_tags
from modeltranslation.translator import NotRegistered, translator
from modeltranslation.utils import build_localized_fieldname

# Translated fields a visitor does not read as page text: addresses, and the head's
# tags, which are handled where they are written.
NOT_SHOWN = {"slug", "url_path", "seo_title", "search_description"}


def source_language():
    return settings.MODELTRANSLATION_DEFAULT_LANGUAGE


def translated_fields(obj):
    """The names of ``obj``'s translated fields (empty for an unregistered model)."""
    return list(_translated_fields(type(obj)))


@functools.cache
def _translated_fields(model):
    """Per model, once per process: models are registered when the apps load."""
    try:
        options = translator.get_options_for_model(model)
    except NotRegistered:
        return ()
    return tuple(options.all_fields)


def _is_empty(value):
    if value is None:
        return True
    if isinstance(value, str):
        return not strip_tags(value).strip()
    try:
        return len(value) == 0
    except TypeError:
        return not value


def falls_back(obj, field, language=None):
    """True when ``obj.field`` is shown in the source language instead of
    ``language`` (the active one): its own value is empty and the source's is not."""
    language = language or translation.get_language()
    source = source_language()
    if obj is None or not language or language == source:
        return False
    if field not in _translated_fields(type(obj)):
        return False
    own = getattr(obj, build_localized_fieldname(field, language), None)
    if not _is_empty(own):
        return False
    return not _is_empty(getattr(obj, build_localized_fieldname(field, source), None))


def fallen_back_fields(obj, language=None):
    """Every visible translated field of ``obj`` shown in the source language."""
    return [
        field
        for field in _translated_fields(type(obj))
        if field not in NOT_SHOWN and falls_back(obj, field, language)
    ]


def language_attributes(obj, field, language=None):
    """``{"lang": "en", "dir": "ltr"}`` for a field shown in the source language
    (empty when it is in the reader's language)."""
    if not falls_back(obj, field, language):
        return {}
    source = source_language()
    bidi = translation.get_language_info(source)["bidi"]
    return {"lang": source, "dir": "rtl" if bidi else "ltr"}
