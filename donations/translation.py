from modeltranslation.decorators import register
from modeltranslation.translator import TranslationOptions

from .models import DonationPage


@register(DonationPage)
class DonationPageTR(TranslationOptions):
    fields = ("introduction", "thank_you_message")
