from django.apps import apps
from django.conf import settings
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import GroupApprovalTask, Page, TaskState
from wagtail.search import index

from . import cache
from .blocks import BaseStreamBlock, KeyFiguresBlock
from .pictures import CardPages
from .preview import LanguagePreviewMixin
from .routing import RoutedPageMixin
from .searchtext import normalised
from .shared_values import SharedValuesModelMixin
from .translation_admin import TranslatablePageForm, translator_languages


class BasePage(RoutedPageMixin, SharedValuesModelMixin, LanguagePreviewMixin, Page):
    """Behaviour every public page shares: translated URLs and content language, and
    a preview in each language."""

    base_form_class = TranslatablePageForm
    settings_panels = Page.settings_panels + [FieldPanel("minor_edit")]

    class Meta:
        abstract = True

    def get_translated_url(self, language, request=None):
        """This page's URL in ``language`` (its translated slug, or the fallback)."""
        with translation.override(language):
            return self.get_url(request=request)

    def has_translation(self, language):
        """True when the page's own title exists in ``language`` (no fallback used)."""
        return bool(getattr(self, f"title_{language}", None))

    def sitemap_subpaths(self):
        """Extra paths below this page to list in the sitemap (routable pages)."""
        return []


class HomePage(BasePage):
    hero_heading = models.CharField(
        _("headline"),
        max_length=120,
        help_text=_("The large headline at the top of the home page."),
    )
    mission = models.TextField(
        _("mission statement"),
        help_text=_("One or two sentences that say who we are and what we do."),
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "The picture beside the headline. Set its focal point in the image "
            "library: every crop keeps it in view."
        ),
    )
    hero_image_alt = models.CharField(
        _("hero image description"),
        max_length=250,
        blank=True,
        help_text=_(
            "Describe the image for people who cannot see it. Empty: the image's own "
            "description is used."
        ),
    )
    key_figures = StreamField(
        KeyFiguresBlock(),
        blank=True,
        verbose_name=_("key figures"),
        help_text=_("Three or four figures shown under the mission statement."),
    )
    faq_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("questions page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The page the “Read the questions” button opens."),
    )
    body = StreamField(
        BaseStreamBlock(),
        blank=True,
        verbose_name=_("body"),
        help_text=_("Sections shown below the key figures."),
    )

    max_count = 1
    parent_page_types = ["wagtailcore.Page"]

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("hero_heading"),
                FieldPanel("mission"),
                PageChooserPanel("faq_page"),
            ],
            heading=_("Introduction"),
        ),
        MultiFieldPanel(
            [FieldPanel("hero_image"), FieldPanel("hero_image_alt")],
            heading=_("Hero image"),
        ),
        FieldPanel("key_figures"),
        FieldPanel("body"),
    ]
    search_fields = normalised(
        Page.search_fields + [index.SearchField("mission"), index.SearchField("body")]
    )

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def __str__(self):
        return self.title

    # The home page's sections read the other sections' pages only when the page's
    # content is rendered (it is kept in the fragment cache): methods, not context.
    def memorial_page(self):
        """The live memorial below this page, if the memorial section exists."""
        try:
            model = apps.get_model("memorial", "MemorialPage")
        except LookupError:
            return None
        return model.objects.live().public().descendant_of(self).first()

    def top_questions(self, count=3):
        """The first questions of the chosen questions page, in its order."""
        if not self.faq_page_id or not self.faq_page.live:
            return []
        questions = getattr(self.faq_page.specific, "questions", None)
        return list(questions.all()[:count]) if questions is not None else []


class StandardPage(BasePage):
    """An about-section or other content page: a lead paragraph and blocks."""

    introduction = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("A short lead paragraph shown under the title."),
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Shown under the title and on this page's card. Set its focal point in "
            "the image library: every crop keeps it in view."
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

    content_panels = Page.content_panels + [
        FieldPanel("introduction"),
        MultiFieldPanel(
            [FieldPanel("image"), FieldPanel("image_alt")], heading=_("Image")
        ),
        FieldPanel("body"),
    ]
    search_fields = normalised(
        Page.search_fields
        + [index.SearchField("introduction"), index.SearchField("body")]
    )

    class Meta:
        verbose_name = _("standard page")
        verbose_name_plural = _("standard pages")

    def __str__(self):
        return self.title

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["subpages"] = (
            CardPages(self.get_children().live().public().specific())
            if self.numchild
            else []
        )
        return context


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    contact_email = models.EmailField(
        _("contact email"), blank=True, help_text=_("Shown in the footer.")
    )
    address = models.TextField(
        _("address"), blank=True, help_text=_("Shown in the footer.")
    )
    footer_text = models.TextField(
        _("footer text"),
        blank=True,
        help_text=_(
            "A sentence about the organisation shown at the foot of every page."
        ),
    )
    donate_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("donation page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Where every “Donate” button leads."),
    )
    donate_url = models.URLField(
        _("donation address"),
        blank=True,
        help_text=_("Used only when no donation page is chosen."),
    )
    x_url = models.URLField(_("X (Twitter)"), blank=True)
    facebook_url = models.URLField(_("Facebook"), blank=True)
    instagram_url = models.URLField(_("Instagram"), blank=True)
    youtube_url = models.URLField(_("YouTube"), blank=True)
    telegram_url = models.URLField(_("Telegram"), blank=True)

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("contact_email"),
                FieldPanel("address"),
                FieldPanel("footer_text"),
            ],
            heading=_("Contact"),
        ),
        MultiFieldPanel(
            [PageChooserPanel("donate_page"), FieldPanel("donate_url")],
            heading=_("Donations"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("x_url"),
                FieldPanel("facebook_url"),
                FieldPanel("instagram_url"),
                FieldPanel("youtube_url"),
                FieldPanel("telegram_url"),
            ],
            heading=_("Social media"),
        ),
    ]

    class Meta:
        verbose_name = _("site settings")
        verbose_name_plural = _("site settings")

    def __str__(self):
        return str(_("Site settings for %(site)s") % {"site": self.site})

    @classmethod
    def for_site(cls, site):
        """The settings every page's header and footer read, kept in the fragment
        cache until anything on the site changes (saving them bumps it too)."""
        if site is None:
            return super().for_site(site)
        return cache.remember(
            f"site-settings:{site.pk}", lambda: super(SiteSettings, cls).for_site(site)
        )

    @property
    def social_links(self):
        names = [
            ("x_url", "X"),
            ("facebook_url", "Facebook"),
            ("instagram_url", "Instagram"),
            ("youtube_url", "YouTube"),
            ("telegram_url", "Telegram"),
        ]
        return [
            (label, getattr(self, field))
            for field, label in names
            if getattr(self, field)
        ]

    def get_donate_url(self):
        """The donate button's address: the donation page while it is live, or the
        external link (kept in the fragment cache: every page shows the button)."""
        if not self.donate_page_id:
            return self.donate_url

        def find():
            page = Page.objects.filter(pk=self.donate_page_id, live=True).first()
            return page.get_url() if page else self.donate_url

        language = translation.get_language()
        return cache.remember(
            f"donate-url:{self.pk}:{self.donate_page_id}:{language}", find
        )


class TranslationReviewTask(GroupApprovalTask):
    """A workflow step for what a translator submitted ("Arabic review"): its groups
    approve or ask for changes. Anything submitted by someone else skips it."""

    def start(self, workflow_state, user=None):
        submitter = user or workflow_state.requested_by
        if translator_languages(submitter) is not None:
            return super().start(workflow_state, user=user)
        task_state = self.get_task_state_class()(
            workflow_state=workflow_state,
            task=self,
            revision=workflow_state.content_object.get_latest_revision(),
            status=TaskState.STATUS_SKIPPED,
            finished_at=timezone.now(),
        )
        task_state.save()
        return task_state

    class Meta:
        verbose_name = _("translation review task")
        verbose_name_plural = _("translation review tasks")


class GlossaryTerm(models.Model):
    """One term and its agreed translation, shown to translators beside the fields
    they translate, so the same thing is always called the same."""

    class Kind(models.TextChoices):
        TERM = "term", _("Term")
        PLACE = "place", _("Place name")

    term = models.CharField(
        _("term"),
        max_length=200,
        help_text=_("The term in each language, as every page should write it."),
    )
    kind = models.CharField(
        _("kind"), max_length=10, choices=Kind.choices, default=Kind.TERM
    )
    note = models.CharField(
        _("note for translators"),
        max_length=250,
        blank=True,
        help_text=_("When to use it, or what to avoid."),
    )

    panels = [FieldPanel("term"), FieldPanel("kind"), FieldPanel("note")]

    class Meta:
        ordering = ["kind", "term"]
        verbose_name = _("glossary term")
        verbose_name_plural = _("glossary")

    def __str__(self):
        return self.term


class TranslationStatus(models.Model):
    """Whether one translated field of one page, record or row is translated in one
    language: missing, up to date, or outdated (its source text changed since the
    translation was last saved). Kept by ``core.translation_status``."""

    class Status(models.TextChoices):
        MISSING = "missing", _("Missing")
        OUTDATED = "outdated", _("Outdated")
        UP_TO_DATE = "up_to_date", _("Up to date")

    content_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.CASCADE, related_name="+"
    )
    object_id = models.CharField(max_length=255)
    object_title = models.CharField(_("title"), max_length=255)
    field = models.CharField(_("field"), max_length=255)
    field_label = models.CharField(_("field"), max_length=255)
    language = models.CharField(_("language"), max_length=10)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    source_digest = models.CharField(max_length=64, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("checked by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    checked_at = models.DateTimeField(_("checked"), null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "field", "language"],
                name="one_translation_status_per_field_and_language",
            )
        ]
        indexes = [models.Index(fields=["status", "language"])]
        verbose_name = _("translation status")
        verbose_name_plural = _("translation statuses")

    def __str__(self):
        return f"{self.object_title} · {self.field_label} [{self.language}]"


# Statements (a module of their own; imported here so Django finds the models).
from .statements import StatementIndexPage, StatementPage  # noqa: E402, F401
