"""What the questions page shows, gathered in a fixed number of queries.

Two queries read the categories and the questions; the links in every answer are then
resolved together (one query for all linked pages, one for documents), and each live
figure is computed once however many answers quote it. The same rendered answers feed
the visible page and its schema.org ``FAQPage`` data, so the two always agree.
"""

import copy
import functools
import json
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import translation
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.models import Page
from wagtail.rich_text import RichText, expand_db_html, get_text_for_indexing
from wagtail.rich_text.rewriters import FIND_A_TAG, extract_attrs

from core import cache as page_cache

from . import anchors

SEPARATOR = "<!--faq-answer-part-->"


@dataclass
class Entry:
    anchor: str
    text: str
    lang: str
    answer_html: str
    answer_text: str
    answer_lang: str
    last_reviewed: object


@dataclass
class Section:
    anchor: str
    title: str
    lang: str
    entries: list = field(default_factory=list)


def _language_of(obj, field_name, current):
    """``current`` when ``obj`` has the field in that language, else the fallback."""
    if getattr(obj, f"{field_name}_{current}", None):
        return current
    return settings.MODELTRANSLATION_DEFAULT_LANGUAGE


def _link_pages(html):
    """Turn every ``<a linktype="page">`` into a link, with one query for them all.

    The pages' own translated paths give their address in the active language; no
    specific page objects are needed for that.
    """
    tags = [
        (match, extract_attrs(match.group(1)))
        for match in FIND_A_TAG.finditer(html)
        if 'linktype="page"' in match.group(1)
    ]
    if not tags:
        return html
    ids = {attrs.get("id") for _match, attrs in tags if attrs.get("id", "").isdigit()}
    pages = {str(page.pk): page for page in Page.objects.filter(pk__in=ids)}
    parts = []
    position = 0
    for match, attrs in tags:
        page = pages.get(attrs.get("id", ""))
        url = page.get_url() if page is not None and page.live else None
        parts.append(html[position : match.start()])
        parts.append(format_html('<a href="{}">', url) if url else "<a>")
        position = match.end()
    parts.append(html[position:])
    return "".join(parts)


def _expand_all(sources):
    """Expand the links of many rich texts at once (one query per kind of link)."""
    if not sources:
        return []
    expanded = expand_db_html(_link_pages(SEPARATOR.join(sources))).split(SEPARATOR)
    if len(expanded) != len(sources):  # a text contained the separator itself
        expanded = [expand_db_html(source) for source in sources]
    return expanded


def render_answers(questions, parent_context=None):
    """``{question: html}`` for each question, in the active language."""
    block_context = dict(parent_context or {})
    block_context["figure_values"] = {}
    answers = {id(question): list(question.answer) for question in questions}
    sources = [
        child.value.source
        for children in answers.values()
        for child in children
        if child.block_type == "paragraph"
    ]
    expanded = iter(_expand_all(sources))
    rendered = {}
    for question in questions:
        parts = []
        for child in answers[id(question)]:
            if child.block_type == "paragraph":
                value = RichText(next(expanded))
                parts.append(child.block.render(value, context=block_context))
            else:
                parts.append(child.render(context=block_context))
        rendered[id(question)] = mark_safe("".join(str(part) for part in parts))  # noqa: S308
    return rendered


def answer_text(html):
    """The answer as plain text (for structured data and search summaries)."""
    return " ".join(get_text_for_indexing(str(html)).split())


def build_sections(page, request=None, parent_context=None):
    """The page's categories, each with its questions, ready for the template."""
    current = translation.get_language()
    categories = list(page.categories.all())
    questions = list(page.questions.all())
    if not all(item.anchor for item in [*categories, *questions]):
        # A draft's new questions get their anchors when published: the preview
        # shows the ones they would get (and saves nothing).
        items = [copy.copy(item) for item in [*categories, *questions]]
        anchors.assign_anchors(items)
        categories, questions = items[: len(categories)], items[len(categories) :]
    answers = render_answers(questions, parent_context)

    sections = {}
    for category in categories:
        sections[category.anchor] = Section(
            anchor=category.anchor,
            title=category.title,
            lang=_language_of(category, "title", current),
        )
    orphans = Section(anchor="more-questions", title=_("More questions"), lang=current)
    for question in questions:
        html = answers[id(question)]
        entry = Entry(
            anchor=question.anchor,
            text=question.question,
            lang=_language_of(question, "question", current),
            answer_html=html,
            answer_text=answer_text(html),
            answer_lang=_language_of(question, "answer", current),
            last_reviewed=question.last_reviewed,
        )
        sections.get(question.category, orphans).entries.append(entry)
    result = [section for section in sections.values() if section.entries]
    if orphans.entries:
        result.append(orphans)
    return result


def json_ld(page, sections, request=None):
    """schema.org FAQPage data for ``sections``, safe to place inside <script>."""
    language = translation.get_language()
    url = page.get_url(request=request) or ""
    if request is not None:
        url = request.build_absolute_uri(url)
    data = {
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "name": page.title,
        "inLanguage": language,
        "url": url,
        "mainEntity": [
            {
                "@type": "Question",
                "name": entry.text,
                "url": f"{url}#{entry.anchor}",
                "dateModified": entry.last_reviewed.isoformat(),
                "acceptedAnswer": {"@type": "Answer", "text": entry.answer_text},
            }
            for section in sections
            for entry in section.entries
        ],
    }
    text = json.dumps(data, ensure_ascii=False, indent=None)
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, escaped)
    return mark_safe(text)  # noqa: S308 - JSON with <, > and & escaped


def cached_json_ld(page, sections, request):
    """``json_ld()``, kept with the questions (per page, language and the page's
    full address, which names the host)."""
    if request is None:
        return json_ld(page, sections, request)
    language = translation.get_language()
    address = request.build_absolute_uri(request.path)
    text = page_cache.remember_for_visitors(
        request,
        f"faq-json-ld:{page.pk}:{language}:{address}",
        lambda: str(json_ld(page, sections, request)),
    )
    return mark_safe(text)  # noqa: S308 - json_ld()'s own output


def filter_messages(total):
    """What the filter announces for 0…total matches, in the active language."""
    return _filter_messages(total, translation.get_language())


@functools.lru_cache(maxsize=64)
def _filter_messages(total, language):
    """Once per process for each number and language (the messages come from the
    translation catalogues, read when the process starts)."""
    return json.dumps(
        [_("No question matches. Try other words.")]
        + [
            ngettext(
                "%(count)s question matches",
                "%(count)s questions match",
                count,
            )
            % {"count": number_format(count)}
            for count in range(1, total + 1)
        ],
        ensure_ascii=False,
    )


def cached_sections(page, request, parent_context=None):
    """The rendered questions, kept in the fragment cache per page and language until
    the site next changes (a publish, a memorial record behind a live figure…)."""
    language = translation.get_language()
    return page_cache.remember_for_visitors(
        request,
        f"faq-sections:{page.pk}:{language}",
        lambda: build_sections(page, request, parent_context),
    )


def faq_context(page, request, parent_context=None):
    sections = cached_sections(page, request, parent_context)
    total = sum(len(section.entries) for section in sections)
    current = translation.get_language()
    return {
        "sections": sections,
        # Any question, answer or category shown in English: the page says so.
        "partly_english": any(
            section.lang != current
            or any(
                current != entry.lang or current != entry.answer_lang
                for entry in section.entries
            )
            for section in sections
        ),
        "question_count": total,
        "faq_json_ld": cached_json_ld(page, sections, request),
        "filter_messages": filter_messages(total),
        "print_view": request is not None and request.GET.get("print") == "1",
    }
