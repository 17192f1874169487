import factory

from donations.models import Donation, DonationCurrency, DonationPage
from tests.core.factories import TranslatedPageFactory

PRESETS = {"USD": "25, 50, 100, 250", "EUR": "25, 50, 100, 250", "GBP": "20, 40, 80"}


class DonationPageFactory(TranslatedPageFactory):
    title_en = "Donate"
    title_ar = "تبرّع"
    slug_en = "donate"
    slug_ar = "تبرع"
    introduction_en = "Your gift keeps rescue teams ready."
    introduction_ar = "تبقي تبرعاتكم فرق الإنقاذ على أهبة الاستعداد."
    thank_you_message_en = "The volunteers thank you."
    thank_you_message_ar = "المتطوعون يشكرونك."

    class Meta:
        model = DonationPage
        skip_postgeneration_save = True

    @factory.post_generation
    def currencies(page, create, extracted, **kwargs):
        if not create:
            return
        for order, code in enumerate(extracted or ("USD", "EUR", "GBP")):
            DonationCurrency.objects.create(
                page=page,
                currency=code,
                presets=PRESETS[code],
                minimum=5,
                maximum=10_000,
                sort_order=order,
            )


class DonationFactory(factory.django.DjangoModelFactory):
    amount_minor = 5000
    currency = "USD"
    frequency = Donation.Frequency.ONE_OFF
    language = "en"
    provider = "stripe"
    status = Donation.Status.OPEN
    provider_reference = factory.Sequence(lambda n: f"cs_test_{n:06d}")

    class Meta:
        model = Donation
