"""Statements: where the organisation answers false claims about its work with facts
that can be checked.

A ``StatementIndexPage`` lists its ``StatementPage`` children newest first, a page of
``StatementIndexPage.per_page`` at a time; the home page shows the latest three
(``latest_statements``). Both are translated like every other page
(core/translation.py).
"""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from .blocks import BaseStreamBlock
from .models import BasePage
from .searchtext import normalised


def with_card_images(statements):
    """``statements`` with their image and its renditions: two queries for a list of
    any length (Wagtail's picture tag reads prefetched renditions)."""
    return statements.select_related("image").prefetch_related("image__renditions")


def latest_statements(count=3):
    """The newest live public statements, for the home page."""
    return with_card_images(
        StatementPage.objects.live().public().order_by("-date", "-pk")
    )[:count]


class StatementIndexPage(BasePage):
    """The list of statements, newest first."""

    introduction = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("A short lead paragraph shown above the statements."),
    )

    per_page = 10
    show_in_menus_default = True
    subpage_types = ["core.StatementPage"]
    content_panels = Page.content_panels + [FieldPanel("introduction")]
    search_fields = normalised(Page.search_fields + [index.SearchField("introduction")])

    class Meta:
        verbose_name = _("statements page")
        verbose_name_plural = _("statements pages")

    def __str__(self):
        return self.title

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        statements = with_card_images(
            StatementPage.objects.child_of(self)
            .live()
            .public()
            .order_by("-date", "-pk")
        )
        paginator = Paginator(statements, self.per_page)
        try:
            statements_page = paginator.page(request.GET.get("page", 1))
        except PageNotAnInteger:
            statements_page = paginator.page(1)
        except EmptyPage:
            statements_page = paginator.page(paginator.num_pages)
        context["statements"] = statements_page
        return context


class StatementPage(BasePage):
    """One statement: a date, a summary, an image and the full answer."""

    date = models.DateField(
        _("date"),
        default=timezone.localdate,
        help_text=_("The day the statement was issued."),
    )
    summary = models.TextField(
        _("summary"),
        help_text=_(
            "One or two sentences: the claim answered and the facts that answer it. "
            "Shown on the cards and under the title."
        ),
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Shown on the cards and at the top of the statement. Set its focal point "
            "in the image library: every crop keeps it in view."
        ),
    )
    image_alt = models.CharField(
        _("image description"),
        max_length=250,
        blank=True,
        help_text=_(
            "Describe the image for people who cannot see it. Empty: the image's own "
            "description is used."
        ),
    )
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("body"))

    parent_page_types = ["core.StatementIndexPage"]
    subpage_types = []
    content_panels = Page.content_panels + [
        FieldPanel("date"),
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldPanel("image"), FieldPanel("image_alt")], heading=_("Image")
        ),
        FieldPanel("body"),
    ]
    search_fields = normalised(
        Page.search_fields
        + [
            index.SearchField("summary"),
            index.SearchField("body"),
            index.FilterField("date"),
        ]
    )

    class Meta:
        verbose_name = _("statement")
        verbose_name_plural = _("statements")

    def __str__(self):
        return self.title

    @property
    def introduction(self):
        """The summary, where lists of pages (search, child-page cards) read one."""
        return self.summary
