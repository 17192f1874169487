"""StreamField blocks shared by every page type.

Each block renders itself through its own template in ``templates/blocks/``.
"""

from django.core.exceptions import ValidationError
from django.forms.utils import ErrorList
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.images.blocks import ImageChooserBlock

from . import figures

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]


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
            "Describe the image for people who cannot see it. Leave empty only if the "
            "image is purely decorative."
        ),
        required=False,
    )
    caption = blocks.CharBlock(label=_("Caption"), max_length=250, required=False)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "blocks/image_block.html"


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

    value = blocks.CharBlock(
        label=_("Value"),
        max_length=20,
        required=False,
        help_text=_(
            "A fixed value such as “2014”. Leave empty when using a live figure."
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
    date = blocks.CharBlock(label=_("Date"), max_length=40, help_text=_("E.g. “2014”."))
    title = blocks.CharBlock(label=_("Title"), max_length=160)
    text = blocks.TextBlock(label=_("Text"), required=False)

    class Meta:
        icon = "date"
        label = _("Event")


class TimelineBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=160, required=False)
    events = blocks.ListBlock(TimelineEventBlock(), label=_("Events"), min_num=1)

    class Meta:
        icon = "history"
        label = _("Timeline")
        template = "blocks/timeline_block.html"


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
