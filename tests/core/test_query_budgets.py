"""Every main page of the demo site stays within its SQL budget in both languages.

The budget (no page cache; the cached pieces filled by a first view) is what keeps a
page cheap when the page cache is cold or bypassed: a page is found and checked in
one query (core/routing.py), the memorial list and a person's page read their
records in one more, the donation form its own. Each section also proves its own
pages constant in the number of records (tests/faq, tests/memorial).
"""

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.models import HomePage, StandardPage
from donations.models import DonationPage
from faq.models import FaqPage
from memorial.models import FallenVolunteer, MemorialPage

BUDGETS = {"home": 1, "about": 1, "faq": 1, "memorial": 2, "person": 2, "donate": 4}


@pytest.fixture
def demo_site(db):
    call_command("load_demo_content", verbosity=0)


def main_pages():
    memorial = MemorialPage.objects.get()
    person = FallenVolunteer.objects.public().order_by("external_id").first()
    pages = {
        "home": HomePage.objects.get(),
        "about": StandardPage.objects.get(slug_en="who-we-are"),
        "faq": FaqPage.objects.get(),
        "memorial": memorial,
        "donate": DonationPage.objects.get(),
    }
    for language in ("en", "ar"):
        for name, page in pages.items():
            yield f"{name} ({language})", page.get_translated_url(language)
        url = memorial.get_translated_url(language)
        yield f"person ({language})", f"{url}{person.slug}/"


def test_main_pages_stay_within_the_query_budget(demo_site, client):
    over = {}
    for name, url in main_pages():
        client.get(url)  # the first view may fill per-process caches
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, (name, url)
        if len(queries) > BUDGETS[name.split(" (")[0]]:
            over[name] = [query["sql"][:120] for query in queries]
    assert over == {}
