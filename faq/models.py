"""The questions the public asks: an FAQ page holding ordered categories of questions.

Categories and questions are both edited on the page (two lists in the admin), so
editors reorder them by dragging, move a question by choosing another category, and
preview and publish the whole page with its revisions. A question names its category
by the category's anchor, which never changes once made, so drafts and old revisions
keep pointing at the right category.
"""

import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from core.models import BasePage
from core.searchtext import normalised

from . import anchors
from .blocks import AnswerBlock
from .content import faq_context
from .forms import FaqPageForm
from .panels import FaqInlinePanel, FaqQuestionsComparison


class AnchorMixin:
    """Fills in a missing anchor when a row is saved outside the page form."""

    anchor_default = "question"

    def anchor_texts(self):
        raise NotImplementedError

    def anchor_is_due(self):
        return True

    def ensure_anchor(self):
        if self.anchor or not self.page_id or not self.anchor_is_due():
            return
        taken = set(
            FaqCategory.objects.filter(page_id=self.page_id)
            .exclude(pk=self.pk if isinstance(self, FaqCategory) else None)
            .values_list("anchor", flat=True)
        ) | set(
            FaqQuestion.objects.filter(page_id=self.page_id)
            .exclude(pk=self.pk if isinstance(self, FaqQuestion) else None)
            .values_list("anchor", flat=True)
        )
        self.anchor = anchors.unique_anchor(
            anchors.anchor_base(*self.anchor_texts(), default=self.anchor_default),
            taken,
        )

    def save(self, *args, **kwargs):
        self.ensure_anchor()
        super().save(*args, **kwargs)


ANCHOR_HELP = _(
    "The end of this item's web address, after “#”. Made from the English text when "
    "you save and then kept, so links people have shared keep working. Change it "
    "only if you must; leave it empty to make a new one."
)


class FaqPage(BasePage):
    introduction = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("A short lead paragraph shown under the title."),
    )

    base_form_class = FaqPageForm
    parent_page_types = ["core.HomePage", "core.StandardPage"]
    subpage_types = []
    max_count_per_parent = 1

    content_panels = Page.content_panels + [
        FieldPanel("introduction"),
        FaqInlinePanel(
            "categories",
            heading=_("Categories"),
            label=_("Category"),
            help_text=_(
                "Groups of questions, in the order they appear on the page. Save "
                "the page after adding a category to be able to file questions "
                "under it."
            ),
        ),
        FaqInlinePanel(
            "questions",
            heading=_("Questions"),
            label=_("Question"),
            help_text=_(
                "Questions are listed by category, in the order they appear on the "
                "page; choose a category above the list to see only its questions "
                "(a question added then goes into that category). To move a question "
                "to another category, choose that category in the question."
            ),
            comparison_class=FaqQuestionsComparison,
            classname="faq-questions-panel",
        ),
    ]
    search_fields = normalised(Page.search_fields + [index.SearchField("introduction")])

    class Meta:
        verbose_name = _("questions page")
        verbose_name_plural = _("questions pages")

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        # Pages built in code (the demo, tests, a restored revision) get anchors too.
        # A question's anchor is made when the page goes live: a draft (saved by
        # hand or by autosave) of a page not yet published leaves it empty, so an
        # abandoned or half-typed question never takes an anchor.
        if self.categories.is_deferring or self.questions.is_deferring:
            categories = list(self.categories.all())
            questions = list(self.questions.all())
            if self.live:
                anchors.assign_anchors([*categories, *questions])
            else:
                kept = [question for question in questions if question.anchor]
                anchors.assign_anchors([*categories, *kept])
            for items in (categories, questions):
                if any(item.sort_order is None for item in items):
                    for position, item in enumerate(items):
                        item.sort_order = position
        return super().save(*args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(faq_context(self, request, context))
        return context


class FaqCategory(AnchorMixin, Orderable):
    page = ParentalKey(FaqPage, on_delete=models.CASCADE, related_name="categories")
    title = models.CharField(
        _("title"),
        max_length=120,
        help_text=_("For example: “How to help”."),
    )
    anchor = models.SlugField(
        _("anchor"),
        max_length=80,
        blank=True,
        allow_unicode=True,
        help_text=ANCHOR_HELP,
    )

    anchor_default = "category"
    panels = [FieldPanel("title"), FieldPanel("anchor")]

    class Meta(Orderable.Meta):
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self):
        return self.title

    def anchor_texts(self):
        return [self.title_en, self.title]


class FaqQuestion(AnchorMixin, index.Indexed, Orderable):
    page = ParentalKey(FaqPage, on_delete=models.CASCADE, related_name="questions")
    category = models.CharField(
        _("category"),
        max_length=80,
        help_text=_(
            "The category this question appears under. A new category can be chosen "
            "once the page has been saved."
        ),
    )
    question = models.CharField(
        _("question"),
        max_length=255,
        help_text=_("Phrased as people ask it, ending with a question mark."),
    )
    answer = StreamField(
        AnswerBlock(),
        verbose_name=_("answer"),
        help_text=_("Paragraphs, lists, links to pages and documents, live figures."),
    )
    anchor = models.SlugField(
        _("anchor"),
        max_length=80,
        blank=True,
        allow_unicode=True,
        help_text=ANCHOR_HELP,
    )
    last_reviewed = models.DateField(
        _("last reviewed"),
        default=datetime.date.today,
        help_text=_("When someone last checked that this answer is still right."),
    )

    panels = [
        FieldPanel("category"),
        FieldPanel("question"),
        FieldPanel("answer"),
        FieldRowPanel([FieldPanel("anchor"), FieldPanel("last_reviewed")]),
    ]
    search_fields = normalised(
        [
            index.SearchField("question_en", boost=2),
            index.SearchField("question_ar", boost=2),
            index.SearchField("answer_en"),
            index.SearchField("answer_ar"),
            index.FilterField("page"),
        ]
    )

    class Meta(Orderable.Meta):
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self):
        return self.question

    def anchor_texts(self):
        return [self.question_en, self.question]

    def anchor_is_due(self):
        # Made at publish (see FaqPage.save).
        return self.page.live

    @property
    def category_title(self):
        """The title of the question's category, as editors name it (the stored
        value is the category's anchor)."""
        for category in self.page.categories.all():
            if category.anchor == self.category:
                return category.title
        return self.category
