import datetime

import factory

from memorial.models import Cause, Consent, FallenVolunteer, Governorate, MemorialPage
from tests.core.factories import TranslatedPageFactory


class MemorialPageFactory(TranslatedPageFactory):
    title_en = "Memorial"
    title_ar = "شهداء الدفاع المدني"
    slug_en = "memorial"
    slug_ar = "شهداء-الدفاع-المدني"
    introduction_en = "<p>We remember them.</p>"
    introduction_ar = "<p>نستذكرهم.</p>"
    show_in_menus = True

    class Meta:
        model = MemorialPage


class FallenVolunteerFactory(factory.django.DjangoModelFactory):
    """A published record whose family agreed to the name and the photo."""

    name_en = factory.Sequence(lambda n: f"Volunteer {n:04d}")
    name_ar = factory.Sequence(lambda n: f"متطوع {n:04d}")
    slug = factory.Sequence(lambda n: f"volunteer-{n:04d}")
    external_id = factory.Sequence(lambda n: f"ext-{n:04d}")
    date_of_death = datetime.date(2016, 5, 12)
    governorate = Governorate.IDLIB
    cause = Cause.DOUBLE_TAP
    consent = Consent.NAME_AND_PHOTO
    place_en = "Saraqib"
    place_ar = "سراقب"
    live = True

    class Meta:
        model = FallenVolunteer

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        from django.utils import translation

        with translation.override("en"):
            return super()._create(model_class, *args, **kwargs)


def bulk_records(count, *, consent=Consent.NAME_ONLY, photo=None, **fields):
    """``count`` published records made in one query (for size tests)."""
    records = []
    for number in range(count):
        record = FallenVolunteer(
            name_en=f"Bulk volunteer {number:05d}",
            name_ar=f"متطوع جماعي {number:05d}",
            slug=f"bulk-{number:05d}",
            external_id=f"bulk-{number:05d}",
            date_of_death=datetime.date(2013 + number % 12, 1 + number % 12, 1),
            governorate=list(Governorate.values)[number % 14],
            cause=list(Cause.values)[number % 5],
            consent=consent,
            photo=photo,
            live=True,
            **fields,
        )
        record.update_search_key()
        records.append(record)
    return FallenVolunteer.objects.bulk_create(records)
