"""StreamField blocks shared by every page type.

Each block renders itself through its own template in ``templates/blocks/``.
"""

import datetime

from django.core.exceptions import ValidationError
from django.forms.utils import ErrorList
from django.utils import formats
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.images.blocks import ImageChooserBlock

from . import figures
from .shared_values import image_alt

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]


class SharedCharBlock(blocks.CharBlock):
    """Characters that are a value, not text (a figure such as “3,000”): typed once, in
    English, and shared by every language (``core.shared_values``)."""

    shared = True


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Text"), max_length=160)
    level = blocks.ChoiceBlock(
        label=_("Level"),
        choices=[("h2", _("Section heading")), ("h3", _("Sub-heading"))],
        default="h2",
        help_text=_("Use section headings for main parts of the page."),
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "blocks/heading_block.html"


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        label = _("Text")
        template = "blocks/paragraph_block.html"


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        max_length=250,
        help_text=_(
            "Describe the image for people who cannot see it. Leave empty to use the "
            "image's description."
        ),
        required=False,
    )
    decorative = blocks.BooleanBlock(
        label=_("Decorative"),
        required=False,
        help_text=_(
            "Tick only if the image adds nothing to the text: it then has no "
            "alternative text at all."
        ),
    )
    caption = blocks.CharBlock(label=_("Caption"), max_length=250, required=False)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "blocks/image_block.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["alt"], context["alt_language"] = image_alt(value)
        return context


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(
        label=_("Attribution"), max_length=160, required=False
    )

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "blocks/quote_block.html"


class KeyFigureBlock(blocks.StructBlock):
    """A number with a label: typed in, or a live figure computed from the data."""

    value = SharedCharBlock(
        label=_("Value"),
        max_length=20,
        required=False,
        help_text=_(
            "A fixed value such as “2014”, the same in every language. Leave empty "
            "when using a live figure."
        ),
    )
    figure = blocks.ChoiceBlock(
        label=_("Live figure"),
        choices=figures.choices,
        required=False,
        help_text=_(
            "Shows the current number from the site's data instead of a fixed value."
        ),
    )
    label = blocks.CharBlock(label=_("Label"), max_length=120)

    class Meta:
        icon = "order"
        label = _("Key figure")
        template = "blocks/key_figure_block.html"

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("value")) == bool(value.get("figure")):
            message = _("Give either a fixed value or a live figure, not both.")
            raise StructBlockValidationError(
                block_errors={"value": ErrorList([ValidationError(message)])}
            )
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        if value.get("figure"):
            context["display_value"] = figures.render(value["figure"], default="—")
        else:
            context["display_value"] = value.get("value")
        return context


class LiveFigureBlock(blocks.StructBlock):
    """A sentence that quotes a live figure, such as the number of volunteers lost."""

    figure = blocks.ChoiceBlock(label=_("Live figure"), choices=figures.choices)
    sentence = blocks.TextBlock(
        label=_("Sentence"),
        help_text=_(
            "Write {value} where the number goes, e.g. “We have lost {value} "
            "volunteers.”"
        ),
    )

    class Meta:
        icon = "order"
        label = _("Sentence with a live figure")
        template = "blocks/live_figure_block.html"

    def clean(self, value):
        value = super().clean(value)
        if "{value}" not in value.get("sentence", ""):
            message = _("The sentence must contain {value} where the number goes.")
            raise StructBlockValidationError(
                block_errors={"sentence": ErrorList([ValidationError(message)])}
            )
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        before, _sep, after = value["sentence"].partition("{value}")
        context["before"] = before
        context["after"] = after.replace("{value}", "")
        context["display_value"] = figures.render(value["figure"], default="—")
        return context


class TimelineEventBlock(blocks.StructBlock):
    """One event: its year (and month) typed once and shown in each language's
    format, or a date in words (“Today”) that is translated."""

    year = blocks.IntegerBlock(
        label=_("Year"), required=False, min_value=1, max_value=9999
    )
    month = blocks.ChoiceBlock(
        label=_("Month"),
        choices=[(str(number), name) for number, name in MONTHS.items()],
        required=False,
    )
    date = blocks.CharBlock(
        label=_("Date in words"),
        max_length=40,
        required=False,
        help_text=_("Instead of a year, e.g. “Today”."),
    )
    title = blocks.CharBlock(label=_("Title"), max_length=160)
    text = blocks.TextBlock(label=_("Text"), required=False)

    class Meta:
        icon = "date"
        label = _("Event")

    @staticmethod
    def upgrade(value):
        """An event saved before the year had its own box (“2014” in the date)."""
        if isinstance(value, dict) and "year" not in value:
            date = str(value.get("date") or "").strip()
            if date.isdigit():
                return {**value, "year": int(date), "date": ""}
        return value

    def to_python(self, value):
        return super().to_python(self.upgrade(value))

    def bulk_to_python(self, values):
        return super().bulk_to_python([self.upgrade(value) for value in values])

    def clean(self, value):
        value = super().clean(value)
        if (
            not value.get("year")
            and not value.get("date")
            and not (self.is_deferred_validation)
        ):
            message = _("Give the year, or the date in words.")
            raise StructBlockValidationError(
                block_errors={"year": ErrorList([ValidationError(message)])}
            )
        if value.get("month") and not value.get("year"):
            message = _("A month needs its year.")
            raise StructBlockValidationError(
                block_errors={"year": ErrorList([ValidationError(message)])}
            )
        return value


def event_date(event):
    """An event's date as the active language writes it (“آذار 2011”)."""
    year, month = event.get("year"), event.get("month")
    if year and month:
        return formats.date_format(
            datetime.date(int(year), int(month), 1), "YEAR_MONTH_FORMAT"
        )
    if year:
        return str(year)
    return event.get("date") or ""


class TimelineBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=160, required=False)
    events = blocks.ListBlock(TimelineEventBlock(), label=_("Events"), min_num=1)

    class Meta:
        icon = "history"
        label = _("Timeline")
        template = "blocks/timeline_block.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["events"] = [
            {"date": event_date(event), "value": event} for event in value["events"]
        ]
        return context


class CallToActionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=160)
    text = blocks.TextBlock(label=_("Text"), required=False)
    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    url = blocks.URLBlock(label=_("Or address"), required=False)
    link_text = blocks.CharBlock(label=_("Button text"), max_length=60)

    class Meta:
        icon = "pick"
        label = _("Call to action")
        template = "blocks/call_to_action_block.html"

    def clean(self, value):
        value = super().clean(value)
        if not value.get("page") and not value.get("url"):
            message = _("Choose a page or give an address for the button.")
            raise StructBlockValidationError(
                block_errors={"page": ErrorList([ValidationError(message)])}
            )
        return value


class BaseStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    image = ImageBlock()
    quote = QuoteBlock()
    key_figure = KeyFigureBlock()
    live_figure = LiveFigureBlock()
    timeline = TimelineBlock()
    call_to_action = CallToActionBlock()

    class Meta:
        label = _("Content")


class KeyFiguresBlock(blocks.StreamBlock):
    key_figure = KeyFigureBlock()

    class Meta:
        label = _("Key figures")
        max_num = 6
