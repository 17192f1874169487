"""The memorial: a record for each volunteer who was killed, and the page showing them.

A record (``FallenVolunteer``) is a snippet with drafts, revisions and preview. What the
public may see of a person is decided by the family's consent, kept on the record:

* ``none``: nothing about the person is shown anywhere public; the record is counted
  in the totals and charts only;
* ``name_only``: the name and the facts of the record (dates, place, centre, role,
  cause, tribute), never a photo;
* ``name_and_photo``: all of that and the photo.

Only published (live) records are counted or shown; drafts are invisible. The source
note, the consent itself, the external id and the full date of birth are for staff.

Consent changes take effect when they are saved, draft or not: a withdrawal (consent
lowered) saved as a draft changes the live record at once, while granting consent
(raising it) waits for a publish like any other change
(``FallenVolunteer.save_revision``; the import applies the same rule).
"""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models, transaction
from django.db.models import Q
from django.dispatch import Signal
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
    PublishingPanel,
)
from wagtail.admin.widgets import AdminAutoHeightTextInput
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import RichTextField
from wagtail.models import (
    DraftStateMixin,
    Page,
    PreviewableMixin,
    RevisionMixin,
    Site,
)
from wagtail.search import index

from core import frontend_cache
from core.models import BasePage
from core.preview import LanguagePreviewMixin
from core.searchtext import normalised

from . import names
from .forms import FallenVolunteerForm

TRIBUTE_FEATURES = ["bold", "italic", "link"]
# The photo sizes pages show (memorial/photos.py serves no others).
PHOTO_SIZES_CARD = ["width-240", "width-480"]
PHOTO_SIZES_PERSON = ["width-360", "width-720"]
PHOTO_SIZES = PHOTO_SIZES_CARD + PHOTO_SIZES_PERSON


class Governorate(models.TextChoices):
    DAMASCUS = "damascus", _("Damascus")
    RIF_DIMASHQ = "rif_dimashq", _("Rif Dimashq")
    ALEPPO = "aleppo", _("Aleppo")
    IDLIB = "idlib", _("Idlib")
    HAMA = "hama", _("Hama")
    HOMS = "homs", _("Homs")
    LATAKIA = "latakia", _("Latakia")
    TARTUS = "tartus", _("Tartus")
    DARAA = "daraa", _("Daraa")
    AS_SUWAYDA = "as_suwayda", _("As-Suwayda")
    QUNEITRA = "quneitra", _("Quneitra")
    DEIR_EZ_ZOR = "deir_ez_zor", _("Deir ez-Zor")
    RAQQA = "raqqa", _("Raqqa")
    AL_HASAKAH = "al_hasakah", _("Al-Hasakah")


class Cause(models.TextChoices):
    DOUBLE_TAP = "double_tap", _("Double-tap strike")
    AIRSTRIKE = "airstrike", _("Airstrike")
    SHELLING = "shelling", _("Artillery or rocket shelling")
    CHEMICAL = "chemical", _("Chemical attack")
    OTHER = "other", _("Other")


class Consent(models.TextChoices):
    NONE = "none", _("Not published")
    NAME_ONLY = "name_only", _("Name only")
    NAME_AND_PHOTO = "name_and_photo", _("Name and photo")


# From the least shown to the most shown.
CONSENT_ORDER = (Consent.NONE, Consent.NAME_ONLY, Consent.NAME_AND_PHOTO)


def consent_rank(value):
    """How much of the person ``value`` lets the public see (unknown: nothing)."""
    try:
        return CONSENT_ORDER.index(value)
    except ValueError:
        return 0


def withdraws_consent(live, new):
    """True when going from the ``live`` consent to ``new`` shows less of the person:
    such a change takes effect as soon as it is saved, draft or not."""
    return consent_rank(new) < consent_rank(live)


# Sent after a withdrawal changed a live record without a publish (``instance``: the
# live record, ``previous``: its consent before). Purges and clean-ups listen to it.
consent_withdrawn = Signal()


def _choice_label(choices, value):
    try:
        return str(choices(value).label)
    except ValueError:  # a value no longer among the choices: shown as stored
        return value


class FallenVolunteerQuerySet(models.QuerySet):
    def counted(self):
        """Records counted in the totals: every published record, consent or not."""
        return self.filter(live=True)

    def public(self):
        """Records a visitor may see: published, and the family agreed."""
        return self.filter(live=True).exclude(consent=Consent.NONE)

    def matching(self, query):
        """Records whose names or spellings contain every word of ``query``."""
        condition = Q()
        for term in names.query_terms(query):
            condition &= Q(search_key__contains=term)
        return self.filter(condition)


def validate_not_future(value):
    if value and value > timezone.localdate():
        raise ValidationError(_("The date cannot be in the future."))


class FallenVolunteer(
    LanguagePreviewMixin, PreviewableMixin, DraftStateMixin, RevisionMixin, models.Model
):
    name = models.CharField(
        _("name"),
        max_length=200,
        help_text=_("The name as the family wishes it to be written."),
    )
    other_names = models.TextField(
        _("other spellings"),
        blank=True,
        help_text=_(
            "Other ways the name is written (one per line or separated by commas), so "
            "visitors find the person whatever spelling they type."
        ),
    )
    slug = models.SlugField(
        _("address"),
        max_length=80,
        unique=True,
        blank=True,
        # Only what the person's page URL accepts (no underscores, no capitals).
        validators=[
            RegexValidator(
                r"^[-a-z0-9]+\Z",
                _("Use lower-case letters a–z, digits and hyphens only."),
            )
        ],
        help_text=_(
            "The end of the person's page address, the same in every language. Made "
            "when you save (such as “v-000123”) and then kept, so links keep working."
        ),
    )
    external_id = models.CharField(
        _("external id"),
        max_length=64,
        unique=True,
        null=True,
        blank=True,
        help_text=_(
            "The record's id in the staff list it was imported from. Importing a file "
            "with the same id updates this record instead of adding another."
        ),
    )
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown only when the family agreed to the name and the photo."),
    )
    photo_alt = models.CharField(
        _("photo description"),
        max_length=250,
        blank=True,
        help_text=_("Describe the photo for people who cannot see it."),
    )
    date_of_death = models.DateField(
        _("date of death"), validators=[validate_not_future]
    )
    date_is_approximate = models.BooleanField(
        _("the date is approximate"),
        default=False,
        help_text=_("Tick when only the month or year is known for certain."),
    )
    date_of_birth = models.DateField(
        _("date of birth"),
        null=True,
        blank=True,
        validators=[validate_not_future],
        help_text=_("Only the year is shown publicly."),
    )
    governorate = models.CharField(
        _("governorate"), max_length=20, choices=Governorate.choices
    )
    place = models.CharField(
        _("town or place"),
        max_length=120,
        blank=True,
        help_text=_("Where the volunteer was killed."),
    )
    centre = models.CharField(
        _("centre or team"),
        max_length=120,
        blank=True,
        help_text=_("The civil defence centre or team the volunteer served with."),
    )
    role = models.CharField(
        _("role"),
        max_length=120,
        blank=True,
        help_text=_("For example: rescuer, driver, paramedic, team leader."),
    )
    cause = models.CharField(_("cause"), max_length=20, choices=Cause.choices)
    tribute = RichTextField(
        _("tribute"),
        features=TRIBUTE_FEATURES,
        blank=True,
        help_text=_("A few words about the volunteer, as the family and team wish."),
    )
    source_note = models.TextField(
        _("source and verification"),
        blank=True,
        help_text=_(
            "For staff only, never published: where this record comes from and how "
            "it was verified."
        ),
    )
    consent = models.CharField(
        _("publication consent"),
        max_length=20,
        choices=Consent.choices,
        default=Consent.NONE,
        help_text=_(
            "What the family agreed to publish. “Not published”: the person is only "
            "counted in the totals. “Name only”: the record without the photo."
        ),
    )
    is_sample = models.BooleanField(
        _("sample record"),
        default=False,
        editable=False,
        help_text=_("Made by the demo content, not a real person."),
    )
    search_key = models.TextField(editable=False, blank=True, default="")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = FallenVolunteerQuerySet.as_manager()
    base_form_class = FallenVolunteerForm

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("name"),
                # Spellings in either script, each read in its own direction.
                FieldPanel(
                    "other_names",
                    widget=AdminAutoHeightTextInput(attrs={"dir": "auto"}),
                ),
                FieldPanel("slug"),
            ],
            heading=_("Name"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("date_of_death"), FieldPanel("date_is_approximate")]
                ),
                FieldPanel("date_of_birth"),
                FieldRowPanel([FieldPanel("governorate"), FieldPanel("place")]),
                FieldRowPanel([FieldPanel("centre"), FieldPanel("role")]),
                FieldPanel("cause"),
            ],
            heading=_("What happened"),
        ),
        MultiFieldPanel(
            [FieldPanel("photo"), FieldPanel("photo_alt"), FieldPanel("tribute")],
            heading=_("Photo and tribute"),
        ),
        MultiFieldPanel(
            [
                FieldPanel(
                    "consent",
                    help_text=_(
                        "What the family agreed to publish. “Not published”: the "
                        "person is only counted in the totals. “Name only”: the record "
                        "without the photo. Lowering consent takes effect as soon as "
                        "you save, even with “Save draft”: the public record changes "
                        "at once. Raising it takes effect only when you publish."
                    ),
                ),
                FieldPanel("source_note"),
                FieldPanel("external_id"),
            ],
            heading=_("Consent and verification (staff)"),
        ),
        PublishingPanel(),
    ]

    class Meta:
        verbose_name = _("fallen volunteer")
        verbose_name_plural = _("memorial records")
        ordering = ["-date_of_death", "pk"]
        indexes = [
            models.Index(fields=["live", "consent"], name="memorial_public_idx"),
            models.Index(fields=["date_of_death"], name="memorial_date_idx"),
            models.Index(fields=["governorate"], name="memorial_governorate_idx"),
            models.Index(fields=["cause"], name="memorial_cause_idx"),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.update_search_key()
        if self.external_id == "":
            self.external_id = None
        super().save(*args, **kwargs)
        if not self.slug:
            self.slug = f"v-{self.pk:06d}"
            type(self).objects.filter(pk=self.pk).update(slug=self.slug)

    @transaction.atomic
    def save_revision(self, *args, **kwargs):
        """Save a revision; a consent withdrawal in it also changes the live record."""
        live_consent = None
        if self.pk and self.live:
            live_consent = (
                type(self)
                .objects.filter(pk=self.pk, live=True)
                .values_list("consent", flat=True)
                .first()
            )
        revision = super().save_revision(*args, **kwargs)
        if live_consent is not None and withdraws_consent(live_consent, self.consent):
            type(self).withdraw_live_consent(self.pk, self.consent)
            self.withdrawn_consent = live_consent  # the admin tells the editor
        return revision

    @classmethod
    def withdraw_live_consent(cls, pk, consent):
        """Lower the live record's consent to ``consent`` now, leaving every other
        field as published, and tell the listeners (caches, CDN)."""
        live = cls.objects.get(pk=pk)
        previous = live.consent
        if not withdraws_consent(previous, consent):
            return
        live.consent = consent
        live.save(update_fields=["consent", "updated_at"])
        # A version scheduled earlier must not grant the consent again when it goes
        # live on its own.
        for revision in live.revisions.filter(approved_go_live_at__isnull=False):
            if withdraws_consent(revision.content.get("consent"), consent):
                revision.content["consent"] = consent
                revision.save(update_fields=["content"])
        consent_withdrawn.send(sender=cls, instance=live, previous=previous)

    def clean(self):
        super().clean()
        if (
            self.date_of_birth
            and self.date_of_death
            and self.date_of_birth >= self.date_of_death
        ):
            raise ValidationError(
                {"date_of_birth": _("The date of birth must be before the death.")}
            )

    # Django's get_FOO_display() rebuilds a dict of every (lazily translated) choice
    # on each call; a page of 24 cards calls it 48 times. The choices' own enums look
    # a label up directly.
    def get_governorate_display(self):
        return _choice_label(Governorate, self.governorate)

    def get_cause_display(self):
        return _choice_label(Cause, self.cause)

    def get_consent_display(self):
        return _choice_label(Consent, self.consent)

    def update_search_key(self):
        self.search_key = names.search_key(
            *[
                getattr(self, field.name, "")
                for field in self._meta.fields
                if field.name.startswith("name_")
            ],
            self.name,
            self.other_names,
        )

    # What the public sees

    @property
    def is_public(self):
        return self.live and self.consent != Consent.NONE

    @property
    def public_photo(self):
        """The photo, only when the family agreed to show it."""
        if self.consent == Consent.NAME_AND_PHOTO and self.photo_id:
            return self.photo
        return None

    @property
    def birth_year(self):
        return self.date_of_birth.year if self.date_of_birth else None

    @property
    def year(self):
        return self.date_of_death.year

    @cached_property
    def alternative_names(self):
        return [
            part.strip()
            for part in self.other_names.replace(",", "\n").splitlines()
            if part.strip()
        ]

    # Copies a CDN may keep

    def frontend_cache_urls(self):
        """Every full URL that shows this person, in every language, whether or not
        the person is public now (a person just withdrawn must be purged too)."""
        urls = []
        for page in MemorialPage.objects.live().specific():
            urls += frontend_cache.sub_urls(page, [f"{self.slug}/"])
        return urls + self.photo_urls()

    def photo_path(self, filter_spec):
        """The address of this person's photo at one size (memorial/photos.py
        serves it while consent allows)."""
        return reverse("memorial_photo", args=[self.slug, filter_spec])

    def photo_urls(self, root_url=None):
        """Every full URL a visitor may have fetched this person's photo from.

        The same whatever the consent is now, so that a purge made after a withdrawal
        covers them. ``root_url`` is the site's (``https://www.example.org``); by
        default the default site's.
        """
        if root_url is None:
            site = Site.objects.filter(is_default_site=True).first()
            root_url = site.root_url if site else ""
        return [f"{root_url}{self.photo_path(spec)}" for spec in PHOTO_SIZES]

    # Preview

    def get_preview_template(self, request, mode_name):
        return "memorial/fallen_volunteer.html"

    def get_preview_context(self, request, mode_name):
        page = MemorialPage.objects.live().first()
        return {
            "request": request,
            "object": self,
            "person": self,
            "page": page,
            "is_preview": True,
            "photo": self.public_photo,
        }


class MemorialPage(RoutablePageMixin, BasePage):
    """The memorial: the total, charts, a searchable grid and a page per person."""

    introduction = RichTextField(
        _("introduction"),
        features=["bold", "italic", "link"],
        blank=True,
        help_text=_("Shown under the title, above the figures."),
    )
    per_page = models.PositiveSmallIntegerField(
        _("people per page"),
        default=24,
        validators=[MinValueValidator(6)],
        help_text=_("How many people the grid shows on each page."),
    )

    parent_page_types = ["core.HomePage", "core.StandardPage"]
    subpage_types = []
    max_count = 1

    content_panels = Page.content_panels + [
        FieldPanel("introduction"),
        FieldPanel("per_page"),
    ]
    search_fields = normalised(Page.search_fields + [index.SearchField("introduction")])

    class Meta:
        verbose_name = _("memorial page")
        verbose_name_plural = _("memorial pages")

    def __str__(self):
        return self.title

    def person_url(self, person, request=None):
        return f"{self.get_url(request=request)}{person.slug}/"

    EXPORT_SUBPATHS = ["export/csv/", "export/json/"]

    def sitemap_subpaths(self):
        slugs = FallenVolunteer.objects.public().order_by("slug")
        return [f"{slug}/" for slug in slugs.values_list("slug", flat=True)]

    def routable_subpaths(self):
        """Every path below this page that shows records: the exports and each public
        person's page (core/frontend_cache.py purges them with the page)."""
        return self.EXPORT_SUBPATHS + self.sitemap_subpaths()

    @path("")
    def index_route(self, request):
        from .pages import memorial_context

        return self.render(request, context_overrides=memorial_context(self, request))

    @path("export/csv/")
    def export_csv_route(self, request):
        from . import exporting

        return exporting.public_csv_response(self, request)

    @path("export/json/")
    def export_json_route(self, request):
        from . import exporting

        return exporting.public_json_response(self, request)

    @re_path(r"^(?P<slug>[-a-z0-9]+)/$")
    def person_route(self, request, slug):
        from .pages import person_context

        return self.render(
            request,
            context_overrides=person_context(self, request, slug),
            template="memorial/fallen_volunteer.html",
        )
