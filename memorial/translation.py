from modeltranslation.decorators import register
from modeltranslation.translator import TranslationOptions

from .models import FallenVolunteer, MemorialPage


@register(MemorialPage)
class MemorialPageTR(TranslationOptions):
    fields = ("introduction",)


@register(FallenVolunteer)
class FallenVolunteerTR(TranslationOptions):
    fields = ("name", "photo_alt", "place", "centre", "role", "tribute")
