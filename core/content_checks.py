"""Content checks of our own, beside Wagtail's, in the checks panel and the userbar.

Wagtail runs axe-core on the rendered preview (the preview panel's "Checks" and the
userbar's "Checks" on a page); the rules below are added to the ones it runs:

- ``wh-alt-text``: an image in the page's content whose alternative text says
  nothing: empty, a camera or file name ("IMG_1234.jpg", "DSC0042"), a word such as
  "image" or "صورة", or the image's own file name.
- ``wh-arabic-in-english``: an element in English (its own or its page's ``lang``)
  whose letters are mostly Arabic: Arabic typed into an English field.
- ``wh-english-in-arabic``: an element in Arabic whose letters are mostly Latin, in
  at least two words: English typed into an Arabic field. English shown where a
  translation is missing is marked ``lang="en"`` by the site, so it is in English and
  never counted here.
- rules the sections register with :func:`register_rule` (the FAQ's answer length).

The checks run in the preview's own page, in the language being previewed: preview
in English and in Arabic to check both. Their evaluation is in
``static/js/content-checks.js`` (registered with the userbar, which allows no script
but the site's own files); the thresholds are passed to it from here.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.userbar import AccessibilityItem, ContentCheckerItem

# Where editors' content is: the header, footer and menus are templates.
CONTENT = "main"
# Block elements whose own text is measured for its language.
TEXT_BLOCKS = (
    "p, li, h1, h2, h3, h4, h5, h6, td, th, caption, figcaption, blockquote, dt, dd, "
    "summary, label, [lang]"
)
TEXT_SELECTOR = ", ".join(f"{CONTENT} {tag.strip()}" for tag in TEXT_BLOCKS.split(","))

# Alternative texts that say nothing, once lower-cased, with "_", "-" and "." as spaces.
GENERIC_ALT_TEXTS = [
    "image",
    "img",
    "photo",
    "photograph",
    "picture",
    "pic",
    "screenshot",
    "screen shot",
    "untitled",
    "alt",
    "alt text",
    "placeholder",
    "logo",
    "صورة",
    "صوره",
    "الصورة",
    "صورة فوتوغرافية",
    "لقطة شاشة",
    "بدون عنوان",
]
# A file name, or the name a camera or phone gives a photo.
FILE_NAME_PATTERN = (
    r"\.(avif|bmp|gif|heic|heif|jpe?g|png|svg|tiff?|webp)$"
    r"|^(img|dsc[fn]?|pxl|mvimg|photo|image|screenshot|whatsapp image|wp)[\s_-]*\d"
    r"|^[\d\s_-]+$"
)


@dataclass
class Rule:
    """One axe-core rule and its check (evaluated by ``content-checks.js``).

    ``check`` names the evaluation in the script; ``options`` (a callable, read
    when the checker is built) are what the script receives as the check's options.
    """

    id: str
    selector: str
    check: str
    error_name: object
    help_text: object
    options: object = field(default=dict)
    impact: str = "serious"

    def axe_rule(self):
        return {
            "id": self.id,
            "impact": self.impact,
            "selector": self.selector,
            # Answers in closed <details> are content too.
            "excludeHidden": False,
            "tags": ["best-practice"],
            "any": [self.id],
            "enabled": True,
        }

    def axe_check(self):
        # The script finds its evaluation by the "evaluation" option.
        return {"id": self.id, "options": {**self.options(), "evaluation": self.check}}

    def messages(self):
        return {"error_name": self.error_name, "help_text": self.help_text}


def _alt_text_options():
    return {"generic": GENERIC_ALT_TEXTS, "pattern": FILE_NAME_PATTERN}


RULES = [
    Rule(
        id="wh-alt-text",
        selector=f"{CONTENT} img",
        check="alt-text",
        options=_alt_text_options,
        error_name=_("Image without meaningful alternative text"),
        help_text=_(
            "Say what the image shows for people who cannot see it, in each "
            "language: not a file name, and not “image”."
        ),
    ),
    Rule(
        id="wh-arabic-in-english",
        selector=", ".join(
            f"{CONTENT} {tag.strip()}" for tag in TEXT_BLOCKS.split(",")
        ),
        check="script-of-language",
        options=lambda: {
            "language": "en",
            "script": "arabic",
            "minimum": 3,
            "blocks": TEXT_BLOCKS,
        },
        error_name=_("Arabic text in an English field"),
        help_text=_(
            "Move the Arabic to the Arabic field and write the English here, or leave "
            "the English field empty."
        ),
    ),
    Rule(
        id="wh-english-in-arabic",
        selector=", ".join(
            f"{CONTENT} {tag.strip()}" for tag in TEXT_BLOCKS.split(",")
        ),
        check="script-of-language",
        options=lambda: {
            "language": "ar",
            "script": "latin",
            "minimum": 2,
            "blocks": TEXT_BLOCKS,
        },
        error_name=_("English text in an Arabic field"),
        help_text=_(
            "Write the Arabic here. A field left empty shows the English in its "
            "place, marked as English, until it is translated."
        ),
    ),
]
_registered = []


def register_rule(rule):
    """Add a section's rule (a :class:`Rule`) to the checks, once."""
    if all(existing.id != rule.id for existing in _registered):
        _registered.append(rule)
    return rule


def rules():
    return [*RULES, *_registered]


class ContentChecksItem(ContentCheckerItem):
    """Wagtail's content checker with the site's rules added."""

    class Media:
        js = ["js/content-checks.js"]

    def get_axe_run_only(self, request):
        run_only = list(super().get_axe_run_only(request) or [])
        return run_only + [rule.id for rule in rules()] if run_only else run_only

    def get_axe_custom_rules(self, request):
        return [*super().get_axe_custom_rules(request)] + [
            rule.axe_rule() for rule in rules()
        ]

    def get_axe_custom_checks(self, request):
        return [*super().get_axe_custom_checks(request)] + [
            rule.axe_check() for rule in rules()
        ]

    def get_axe_messages(self, request):
        messages = dict(super().get_axe_messages(request))
        messages.update({rule.id: rule.messages() for rule in rules()})
        return messages


@hooks.register("construct_wagtail_userbar")
def add_content_checks(request, items, page):
    """Wagtail's checker, in the userbar and in the editor's checks panel, becomes
    ours (the same rules, and the site's)."""
    for position, item in enumerate(items):
        if type(item) in (ContentCheckerItem, AccessibilityItem):
            items[position] = ContentChecksItem(in_editor=item.in_editor)
