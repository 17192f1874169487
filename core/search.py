"""Site search: Wagtail pages, plus whatever the sections register.

A section that keeps searchable things other than pages (FAQ questions, say) registers a
function ``searcher(query, request) -> list[SearchResult]``; ``core`` merges the lists
without knowing the sections.
"""

from dataclasses import dataclass

from django.db import DatabaseError
from wagtail.models import Page

from .searchtext import normalise

MAX_RESULTS = 30
_searchers = []


@dataclass
class SearchResult:
    title: str
    url: str
    summary: str = ""
    kind: str = ""


def register(searcher):
    if searcher not in _searchers:
        _searchers.append(searcher)
    return searcher


def search_pages(query, request):
    query = normalise(query)
    if not query:
        return []
    pages = Page.objects.live().public().specific().search(query)[:MAX_RESULTS]
    return [
        SearchResult(
            title=page.title,
            url=page.get_url(request=request),
            summary=page.search_description or getattr(page, "introduction", ""),
        )
        for page in pages
    ]


def search(query, request):
    results = []
    for searcher in [*_searchers, search_pages]:
        try:
            results.extend(searcher(query, request))
        except DatabaseError:
            # A malformed query for one backend must not hide the other results.
            continue
    return results[:MAX_RESULTS]
