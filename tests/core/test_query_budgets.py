"""Every main page of the demo site stays within its SQL budget in both languages.

The budget (no page cache; the cached pieces filled by a first view) is what keeps a
page cheap when the page cache is cold or bypassed: a page is found and checked in
one query (core/routing.py), the memorial list and a person's page read their
records in one more, the donation form its own. Each section also proves its own
pages constant in the number of records (tests/faq, tests/memorial, the statements
below).
"""

import datetime

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from core.models import HomePage, StandardPage, StatementIndexPage, StatementPage
from donations.models import DonationPage
from faq.models import FaqPage
from memorial.models import FallenVolunteer, MemorialPage

BUDGETS = {
    "home": 1,
    "about": 1,
    "faq": 1,
    "memorial": 2,
    "person": 2,
    "donate": 4,
    "statements": 3,
    "statement": 1,
}


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
        "statements": StatementIndexPage.objects.get(),
        "statement": StatementPage.objects.filter(image__isnull=False).first(),
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


def test_statements_cost_the_same_however_many_there_are(demo_site, client):
    """The home page's latest three and the statements page: the same queries with
    the demo's four statements as with ten more, their pictures included (the
    renditions are prefetched with the cards), with the fragment cache cold too."""
    from django.core.cache import cache

    index = StatementIndexPage.objects.get()
    urls = [
        url
        for language in ("en", "ar")
        for url in ("/" + language + "/", index.get_translated_url(language))
    ]

    def cold_counts():
        counts = []
        for url in urls:
            client.get(url)  # the renditions exist after the first view
            cache.clear()
            with CaptureQueriesContext(connection) as queries:
                client.get(url)
            counts.append(len(queries))
        return counts

    before = cold_counts()
    image = StatementPage.objects.filter(image__isnull=False).first().image
    for n in range(10):
        with translation.override("en"):
            page = StatementPage(
                title=f"More {n}",
                slug=f"more-{n}",
                date=datetime.date(2026, 1, 1) + datetime.timedelta(days=n),
                summary="More.",
                image=image,
            )
            index.add_child(instance=page)
            page.save_revision().publish()
    assert cold_counts() == before
