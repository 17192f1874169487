"""Site search finds single questions, in either language, and links to their answer."""

from django.utils.text import Truncator
from django.utils.translation import gettext as _
from wagtail.search.backends import get_search_backend

from core.search import MAX_RESULTS, SearchResult
from core.searchtext import normalise

from .content import answer_text, render_answers
from .models import FaqPage, FaqQuestion


def search_questions(query, request):
    """Questions on live public pages matching ``query``, linking to their answer."""
    query = normalise(query)
    if not query:
        return []
    pages = {
        page.pk: page for page in FaqPage.objects.live().public().defer_streamfields()
    }
    if not pages:
        return []
    found = get_search_backend().search(
        query, FaqQuestion.objects.filter(page_id__in=list(pages))
    )
    questions = list(found[:MAX_RESULTS])
    answers = render_answers(questions, {"request": request})
    results = []
    for question in questions:
        page_url = pages[question.page_id].get_url(request=request)
        if not page_url:
            continue
        results.append(
            SearchResult(
                title=question.question,
                url=f"{page_url}#{question.anchor}",
                summary=Truncator(answer_text(answers[id(question)])).words(40),
                kind=_("Frequently asked question"),
            )
        )
    return results
