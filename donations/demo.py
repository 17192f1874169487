"""Demo content: the donation page, under the home page, in both languages."""

from django.db import transaction
from django.utils import translation

from core.demo_content import SECTIONS, register, translated

from .models import DonationCurrency, DonationPage

PAGE = {
    "title": {"en": "Donate", "ar": "تبرّع"},
    "slug": {"en": "donate", "ar": "تبرع"},
    "search_description": {
        "en": "Give once or every month to the Syria Civil Defence volunteers.",
        "ar": "تبرّع مرة واحدة أو كل شهر لمتطوعي الدفاع المدني السوري.",
    },
    "introduction": {
        "en": (
            "Your gift keeps volunteer rescue teams ready: fuel for ambulances and "
            "fire engines, protective equipment, and training for search and rescue."
        ),
        "ar": (
            "تبقي تبرعاتكم فرق الإنقاذ التطوعية على أهبة الاستعداد: وقود لسيارات "
            "الإسعاف والإطفاء، ومعدات الحماية، والتدريب على البحث والإنقاذ."
        ),
    },
    "thank_you_message": {
        "en": (
            "Thank you for standing with the volunteers of the Syria Civil Defence. "
            "Your support reaches the teams who answer every call."
        ),
        "ar": (
            "شكراً لك على وقوفك إلى جانب متطوعي الدفاع المدني السوري. "
            "يصل دعمك إلى الفرق التي تلبي كل نداء."
        ),
    },
}

CURRENCIES = [
    ("USD", "25, 50, 100, 250"),
    ("EUR", "25, 50, 100, 250"),
    ("GBP", "20, 40, 80, 200"),
]


@register(SECTIONS)
@transaction.atomic
def load_donation_page(context):
    home = context.pages["home"]
    page = DonationPage.objects.child_of(home).filter(slug_en="donate").first()
    if page is not None:
        context.add("donate", page)
        return
    with translation.override("en"):
        page = DonationPage(
            title=PAGE["title"]["en"], slug=PAGE["slug"]["en"], show_in_menus=False
        )
        for field in ("title", "slug", "search_description", "introduction"):
            translated(page, field, PAGE[field])
        translated(page, "thank_you_message", PAGE["thank_you_message"])
        for code, presets in CURRENCIES:
            page.currencies.add(
                DonationCurrency(
                    currency=code, presets=presets, minimum=5, maximum=10_000
                )
            )
        home.add_child(instance=page)
        page.save_revision().publish()
    context.add("donate", page, created=True)
    context.log("Created the donation page.")
