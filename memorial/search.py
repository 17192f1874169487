"""Site search: people on the memorial, found by any spelling of their name."""

from core.search import SearchResult

from . import names
from .models import FallenVolunteer, MemorialPage

MAX_PEOPLE = 10


def search_people(query, request):
    if not names.query_terms(query):
        return []
    page = MemorialPage.objects.live().public().first()
    if page is None:
        return []
    people = FallenVolunteer.objects.public().matching(query)
    base = page.get_url(request=request)
    return [
        SearchResult(
            title=person.name,
            url=f"{base}{person.slug}/",
            summary=_summary(person),
            kind=page.title,
        )
        for person in people[:MAX_PEOPLE]
    ]


def _summary(person):
    parts = [person.get_governorate_display()]
    if person.place:
        parts.insert(0, person.place)
    return f"{', '.join(str(part) for part in parts)} · {person.date_of_death.year}"
