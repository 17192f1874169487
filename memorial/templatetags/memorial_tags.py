from django import template
from django.conf import settings
from django.utils import translation
from django.utils.html import format_html

register = template.Library()


@register.simple_tag
def field_lang(obj, field_name):
    """`` lang="en"`` when a translated field shows its fallback language on a page in
    another language (an Arabic page showing an English name), otherwise nothing."""
    current = translation.get_language()
    if getattr(obj, f"{field_name}_{current}", None):
        return ""
    fallback = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
    if fallback == current or not getattr(obj, f"{field_name}_{fallback}", None):
        return ""
    direction = "rtl" if translation.get_language_info(fallback)["bidi"] else "ltr"
    return format_html(' lang="{}" dir="{}"', fallback, direction)
