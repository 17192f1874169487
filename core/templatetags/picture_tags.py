from django import template

from core.statements import latest_statements as newest

register = template.Library()


@register.simple_tag
def latest_statements(count=3):
    """The newest statements with their cards' images (a lazy queryset: inside a
    cached fragment it costs nothing once the fragment is kept)."""
    return newest(count)


@register.simple_tag
def picture_of(obj, field="image"):
    """``(image, alt)`` of ``obj``'s image field ``field``: the page's own description
    of it in the reader's language (``<field>_alt``), else the image's description
    (the image library's, as the image model gives it). ``(None, "")`` without one,
    or for a page type that has no such field."""
    image = getattr(obj, field, None)
    if image is None:
        return None, ""
    alt = getattr(obj, f"{field}_alt", "") or getattr(image, "description", "") or ""
    return image, alt
