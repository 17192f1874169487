"""Demo content: the memorial page and 304 sample records.

The records are plainly samples ("Sample volunteer 001" / "متطوع نموذجي 001"), never
invented real-sounding names, and are marked ``is_sample`` so the page says so. They are
spread over the years, governorates and causes the way the real losses are (most in
2015–2018, most in the northwest, most in double-tap strikes), from a fixed seed so
every run makes the same records. A few have no publication consent: they are counted
in the total (304) but shown nowhere.

Records are made only when the database has none, so running the command again, or
after the real list has been imported, changes nothing.
"""

import datetime
import random

from django.db import transaction
from django.utils import timezone, translation

from core.demo_content import SECTIONS, register, translated

from .models import Cause, Consent, FallenVolunteer, Governorate, MemorialPage

SAMPLE_COUNT = 304
SEED = 304

PAGE = {
    "slug": {"en": "memorial", "ar": "شهداء-الدفاع-المدني"},
    "title": {"en": "Memorial", "ar": "شهداء الدفاع المدني"},
    "introduction": {
        "en": (
            "<p>Since the Syria Civil Defence was founded, volunteers who ran towards "
            "danger to save others have been killed doing so, many of them in "
            "“double-tap” strikes that hit rescuers arriving at a bombed site. We "
            "remember each of them here, with the consent of their families.</p>"
        ),
        "ar": (
            "<p>منذ تأسيس الدفاع المدني السوري، استشهد متطوعون كانوا يندفعون نحو "
            "الخطر لإنقاذ الآخرين، كثير منهم في ضربات مزدوجة استهدفت المنقذين عند "
            "وصولهم إلى موقع القصف. نستذكر كل واحد منهم هنا، بموافقة عائلاتهم.</p>"
        ),
    },
    "search_description": {
        "en": "The Syria Civil Defence volunteers who were killed saving lives.",
        "ar": "متطوعو الدفاع المدني السوري الذين استشهدوا وهم ينقذون الأرواح.",
    },
}

# Weights: most losses in 2015–2018 and in the northwest and around Damascus.
YEARS = {
    2013: 6,
    2014: 16,
    2015: 34,
    2016: 46,
    2017: 40,
    2018: 36,
    2019: 26,
    2020: 20,
    2021: 8,
    2022: 6,
    2023: 10,
    2024: 5,
    2025: 3,
}
GOVERNORATES = {
    Governorate.IDLIB: 34,
    Governorate.ALEPPO: 26,
    Governorate.RIF_DIMASHQ: 16,
    Governorate.DARAA: 8,
    Governorate.HOMS: 6,
    Governorate.HAMA: 6,
    Governorate.DAMASCUS: 2,
    Governorate.LATAKIA: 1,
    Governorate.QUNEITRA: 1,
}
CAUSES = {
    Cause.DOUBLE_TAP: 52,
    Cause.AIRSTRIKE: 24,
    Cause.SHELLING: 16,
    Cause.CHEMICAL: 3,
    Cause.OTHER: 5,
}
CONSENTS = {Consent.NAME_AND_PHOTO: 45, Consent.NAME_ONLY: 50, Consent.NONE: 5}
# A few real places in each governorate, so the filters and cards look as they will.
PLACES = {
    Governorate.IDLIB: [
        ("Saraqib", "سراقب"),
        ("Khan Shaykhun", "خان شيخون"),
        ("Ariha", "أريحا"),
        ("Maarat al-Numan", "معرة النعمان"),
    ],
    Governorate.ALEPPO: [
        ("Aleppo city", "مدينة حلب"),
        ("Al-Atarib", "الأتارب"),
        ("Darat Izza", "دارة عزة"),
    ],
    Governorate.RIF_DIMASHQ: [
        ("Douma", "دوما"),
        ("Harasta", "حرستا"),
        ("Zamalka", "زملكا"),
    ],
    Governorate.DARAA: [("Nawa", "نوى"), ("Tafas", "طفس")],
    Governorate.HOMS: [("Al-Rastan", "الرستن"), ("Talbiseh", "تلبيسة")],
    Governorate.HAMA: [("Kafr Zita", "كفرزيتا"), ("Al-Lataminah", "اللطامنة")],
    Governorate.DAMASCUS: [("Jobar", "جوبر")],
    Governorate.LATAKIA: [("Kabani", "كباني")],
    Governorate.QUNEITRA: [("Jubata al-Khashab", "جباتا الخشب")],
}
ROLES = [
    ("Rescuer", "منقذ"),
    ("Rescuer", "منقذ"),
    ("Paramedic", "مسعف"),
    ("Driver", "سائق"),
    ("Team leader", "قائد فريق"),
    ("Firefighter", "إطفائي"),
]
TRIBUTE = {
    "en": (
        "<p>This is a sample record. A real record carries a few words chosen by "
        "the family and the team: who the volunteer was, and what they did for "
        "their neighbours.</p>"
    ),
    "ar": (
        "<p>هذا سجل نموذجي. يحمل السجل الحقيقي كلمات تختارها العائلة والفريق عن "
        "سيرة صاحبه أو صاحبته، وعن عطائه للجيران.</p>"
    ),
}


def _pick(rng, weights):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def sample_records(count=SAMPLE_COUNT, seed=SEED):
    """``count`` unsaved sample records, the same ones on every run."""
    rng = random.Random(seed)
    now = timezone.now()
    records = []
    for number in range(1, count + 1):
        year = _pick(rng, YEARS)
        day = datetime.date(year, 1, 1) + datetime.timedelta(days=rng.randrange(365))
        governorate = _pick(rng, GOVERNORATES)
        place_en, place_ar = rng.choice(PLACES[governorate])
        role_en, role_ar = rng.choice(ROLES)
        age = rng.randrange(19, 56)
        person = FallenVolunteer(
            external_id=f"sample-{number:03d}",
            slug=f"sample-volunteer-{number:03d}",
            date_of_death=day,
            date_is_approximate=rng.random() < 0.08,
            date_of_birth=(
                datetime.date(year - age, 1 + rng.randrange(12), 1 + rng.randrange(28))
                if rng.random() < 0.6
                else None
            ),
            governorate=governorate,
            cause=_pick(rng, CAUSES),
            consent=_pick(rng, CONSENTS),
            source_note="Sample record made by the demo content.",
            is_sample=True,
            live=True,
            has_unpublished_changes=False,
            first_published_at=now,
            last_published_at=now,
        )
        translated(
            person,
            "name",
            {
                "en": f"Sample volunteer {number:03d}",
                "ar": f"متطوع نموذجي {number:03d}",
            },
        )
        if number % 5 == 0:
            # Another spelling, with the diacritics a name is sometimes written with.
            person.other_names = f"مُتَطَوِّع نَمُوذَجِيّ {number:03d}"
        translated(person, "place", {"en": place_en, "ar": place_ar})
        translated(
            person,
            "centre",
            {"en": f"{place_en} centre", "ar": f"مركز {place_ar}"},
        )
        translated(person, "role", {"en": role_en, "ar": role_ar})
        if number % 2:
            translated(person, "tribute", TRIBUTE)
        person.update_search_key()
        records.append(person)
    return records


def find_page(home):
    return (
        MemorialPage.objects.child_of(home).filter(slug_en=PAGE["slug"]["en"]).first()
    )


@register(SECTIONS)
@transaction.atomic
def load_memorial(context):
    home = context.pages["home"]
    page = find_page(home)
    if page is None:
        with translation.override("en"):
            page = MemorialPage(
                title=PAGE["title"]["en"], slug=PAGE["slug"]["en"], show_in_menus=True
            )
            for name in ("title", "slug", "introduction", "search_description"):
                translated(page, name, PAGE[name])
            home.add_child(instance=page)
            page.save_revision().publish()
        context.add("memorial", page, created=True)
        context.log("Created the memorial page.")
    else:
        context.add("memorial", page)

    if not FallenVolunteer.objects.exists():
        FallenVolunteer.objects.bulk_create(sample_records())
        from . import importing

        transaction.on_commit(importing.records_changed)
        context.log(f"Created {SAMPLE_COUNT} sample memorial records.")
