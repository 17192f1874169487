from modeltranslation.decorators import register
from modeltranslation.translator import TranslationOptions

from .models import (
    GlossaryTerm,
    HomePage,
    SiteSettings,
    StandardPage,
    StatementIndexPage,
    StatementPage,
)


@register(HomePage)
class HomePageTR(TranslationOptions):
    fields = ("hero_heading", "mission", "hero_image_alt", "key_figures", "body")


@register(StandardPage)
class StandardPageTR(TranslationOptions):
    fields = ("introduction", "image_alt", "body")


@register(SiteSettings)
class SiteSettingsTR(TranslationOptions):
    fields = ("address", "footer_text")


@register(GlossaryTerm)
class GlossaryTermTR(TranslationOptions):
    fields = ("term",)


@register(StatementIndexPage)
class StatementIndexPageTR(TranslationOptions):
    fields = ("introduction",)


@register(StatementPage)
class StatementPageTR(TranslationOptions):
    fields = ("summary", "image_alt", "body")
