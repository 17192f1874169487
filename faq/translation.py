from modeltranslation.decorators import register
from modeltranslation.translator import TranslationOptions

from .models import FaqCategory, FaqPage, FaqQuestion


@register(FaqPage)
class FaqPageTR(TranslationOptions):
    fields = ("introduction",)


@register(FaqCategory)
class FaqCategoryTR(TranslationOptions):
    fields = ("title",)


@register(FaqQuestion)
class FaqQuestionTR(TranslationOptions):
    fields = ("question", "answer")
