"""Pictures on lists of pages: each page's image and its renditions fetched together.

A list of cards (an about page's child pages) would otherwise cost two queries a card
(the image, then its renditions). ``CardPages`` loads the pages when a template first
reads them, then every image and every rendition of those images in two queries per
page type. Reading them lazily keeps a list inside a cached fragment free once the
fragment is kept.
"""

from django.db.models import prefetch_related_objects


def has_image_field(model, field="image"):
    try:
        return model._meta.get_field(field).is_relation
    except Exception:  # FieldDoesNotExist: a page type with no picture
        return False


def prefetch_pictures(pages, field="image"):
    """Load ``field`` and its renditions for every page of ``pages`` that has it."""
    by_model = {}
    for page in pages:
        by_model.setdefault(type(page), []).append(page)
    for model, group in by_model.items():
        if has_image_field(model, field):
            prefetch_related_objects(group, field, f"{field}__renditions")
    return pages


class CardPages:
    """A queryset of pages read once, with their pictures, when a template uses it."""

    def __init__(self, queryset, field="image"):
        self.queryset = queryset
        self.field = field
        self._pages = None

    @property
    def pages(self):
        if self._pages is None:
            self._pages = prefetch_pictures(list(self.queryset), self.field)
        return self._pages

    def __iter__(self):
        return iter(self.pages)

    def __len__(self):
        return len(self.pages)

    def __bool__(self):
        return bool(self.pages)
