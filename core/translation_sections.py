"""Sections of the site, for the Translations report's "Section" filter.

A section is a top-level part of the site: a page right under a site's home page
(About, Questions, Memorial, Donate…) with every page below it. The home page itself
is a section of its own holding only the home page (its children are sections).

Content that is not a page belongs to the section of the page that shows it:
``SHOWN_ON`` names that page type for each such model, so memorial records are in the
section holding the memorial page. Other content (a snippet no page shows) is in no
section and is listed only when no section is chosen.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Q
from django.db.models.functions import Cast
from wagtail.models import Page, Site

# Model label → the label of the page type that shows its objects.
SHOWN_ON = {"memorial.fallenvolunteer": "memorial.memorialpage"}


def _homes():
    return Page.objects.filter(pk__in=Site.objects.values("root_page")).order_by("path")


def section_choices():
    """``[(page id, title), ...]``: each home page, then the pages under it, titled
    in the language the admin is shown in."""
    choices = []
    for home in _homes():
        choices.append((str(home.pk), home.title))
        for page in home.get_children().order_by("path"):
            choices.append((str(page.pk), page.title))
    return choices


def _pages_in(section):
    if _homes().filter(pk=section.pk).exists():
        return Page.objects.filter(pk=section.pk)
    return Page.objects.descendant_of(section, inclusive=True)


def in_section(queryset, section_id):
    """The translation statuses of ``queryset`` whose content is in the section
    whose top page has id ``section_id`` (none for an id that is not a section)."""
    if str(section_id) not in {pk for pk, _title in section_choices()}:
        return queryset.none()
    section = Page.objects.get(pk=section_id)
    pages = _pages_in(section)
    page_types = [
        content_type
        for content_type in ContentType.objects.filter(
            pk__in=queryset.values("content_type")
        )
        if issubclass(content_type.model_class() or object, Page)
    ]
    condition = Q(
        content_type__in=page_types,
        object_id__in=pages.annotate(key=Cast("pk", CharField())).values("key"),
    )
    for model_label, page_label in SHOWN_ON.items():
        app_label, model_name = page_label.split(".")
        page_type = ContentType.objects.filter(
            app_label=app_label, model=model_name
        ).first()
        if page_type and pages.filter(content_type=page_type).exists():
            app_label, model_name = model_label.split(".")
            condition |= Q(
                content_type__app_label=app_label, content_type__model=model_name
            )
    return queryset.filter(condition)
