from modeltranslation.decorators import register
from modeltranslation.translator import TranslationOptions

from .models import GlossaryTerm, HomePage, SiteSettings, StandardPage


@register(HomePage)
class HomePageTR(TranslationOptions):
    fields = ("hero_heading", "mission", "key_figures", "body")


@register(StandardPage)
class StandardPageTR(TranslationOptions):
    fields = ("introduction", "body")


@register(SiteSettings)
class SiteSettingsTR(TranslationOptions):
    fields = ("address", "footer_text")


@register(GlossaryTerm)
class GlossaryTermTR(TranslationOptions):
    fields = ("term",)
