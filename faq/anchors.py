"""Anchors: the part of a question's address after ``#``.

An anchor is made once, from the English text, and then kept: editing a question (in
any language) never changes it, so links that people have shared keep working.
Categories and questions of one page share one set of anchors, because each becomes
an ``id`` in the same HTML document.
"""

from django.utils.text import slugify

MAX_LENGTH = 60
# ids the FAQ page and the site layout already use.
RESERVED = frozenset(
    {
        "main",
        "more-questions",
        "faq-contents",
        "faq-contents-title",
        "faq-filter",
        "faq-filter-status",
    }
)


def anchor_base(*texts, default="question"):
    """A slug from the first of ``texts`` that gives one, cut at a word boundary."""
    for text in texts:
        slug = slugify(text or "", allow_unicode=True)
        if len(slug) > MAX_LENGTH:
            slug = slug[: MAX_LENGTH + 1].rsplit("-", 1)[0] or slug[:MAX_LENGTH]
        slug = slug.strip("-")
        if slug:
            return slug
    return default


def unique_anchor(base, taken):
    """``base``, or ``base-2``, ``base-3``… whichever is free; marks it as taken."""
    anchor = base
    number = 2
    while anchor in taken or anchor in RESERVED:
        suffix = f"-{number}"
        anchor = base[: MAX_LENGTH - len(suffix)].rstrip("-") + suffix
        number += 1
    taken.add(anchor)
    return anchor


def assign_anchors(items):
    """Give every item without an anchor (or with one already used) a free one.

    ``items`` are categories and questions in page order; each has ``anchor`` and
    ``anchor_texts()``. The first holder of an anchor keeps it.
    """
    taken = set()
    needing = []
    for item in items:
        if item.anchor and item.anchor not in taken and item.anchor not in RESERVED:
            taken.add(item.anchor)
        else:
            needing.append(item)
    for item in needing:
        item.anchor = unique_anchor(
            anchor_base(*item.anchor_texts(), default=item.anchor_default), taken
        )
