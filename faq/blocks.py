"""The blocks an FAQ answer is made of: text (with links to pages and documents) and
sentences that quote a live figure."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from core import figures
from core.blocks import LiveFigureBlock, ParagraphBlock

# No headings inside an answer: the question is the heading.
ANSWER_FEATURES = ["bold", "italic", "ol", "ul", "link", "document-link"]


class AnswerLiveFigureBlock(LiveFigureBlock):
    """core's live-figure sentence, computing each figure once per page.

    A page of questions may quote the same figure many times; when the page passes a
    ``figure_values`` dict in the context, each figure is computed once for all of them.
    """

    class Meta:
        icon = "order"
        label = _("Sentence with a live figure")
        template = "blocks/live_figure_block.html"

    def get_context(self, value, parent_context=None):
        values = (parent_context or {}).get("figure_values")
        if values is None:
            return super().get_context(value, parent_context=parent_context)
        context = blocks.StructBlock.get_context(
            self, value, parent_context=parent_context
        )
        name = value["figure"]
        if name not in values:
            values[name] = figures.render(name, default="—")
        before, _sep, after = value["sentence"].partition("{value}")
        context["before"] = before
        context["after"] = after.replace("{value}", "")
        context["display_value"] = values[name]
        return context


class AnswerBlock(blocks.StreamBlock):
    paragraph = ParagraphBlock(features=ANSWER_FEATURES)
    live_figure = AnswerLiveFigureBlock()

    class Meta:
        label = _("Answer")
