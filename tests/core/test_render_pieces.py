"""The pieces kept between renders (core/memo.py, the fragment cache) change nothing a
visitor sees: every main page, in both languages, is the same rendered from scratch,
rendered while filling them, and rendered from them; and a change another worker
announces (the site version) shows on the next request."""

import re
import time

import pytest
from django.core.cache import cache
from django.core.management import call_command

from core import cache as page_cache
from core.models import SiteSettings
from memorial.models import FallenVolunteer, MemorialPage
from tests.core.test_query_budgets import main_pages

pytestmark = pytest.mark.django_db

CSRF = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]+"')


@pytest.fixture
def demo_site(db):
    call_command("load_demo_content", verbosity=0)


def body(client, url, **query):
    response = client.get(url, query)
    assert response.status_code == 200, url
    return CSRF.sub(b"", response.content)


def test_pages_are_the_same_with_and_without_the_kept_pieces(
    demo_site, client, settings
):
    urls = dict(main_pages())
    memorial = urls["memorial (en)"]
    urls["memorial, filtered (en)"] = f"{memorial}?year=2015"
    urls["memorial, page 2 (ar)"] = f"{urls['memorial (ar)']}?page=2"
    urls["faq, print (ar)"] = f"{urls['faq (ar)']}?print=1"
    settings.FRAGMENT_CACHE_SECONDS = 0
    fresh = {}
    for name, url in urls.items():
        path, _, query = url.partition("?")
        fresh[name] = body(client, path, **dict([query.split("=")] if query else []))
    settings.FRAGMENT_CACHE_SECONDS = 3600
    for name, url in urls.items():
        path, _, query = url.partition("?")
        params = dict([query.split("=")] if query else [])
        assert body(client, path, **params) == fresh[name], f"filling: {name}"
        assert body(client, path, **params) == fresh[name], f"kept: {name}"


def test_a_change_announced_by_another_worker_shows_on_the_next_request(
    demo_site, client
):
    assert "Neutral, impartial and independent" in client.get("/en/").text
    # Another worker saves the footer and bumps the site version in the shared
    # cache; this worker has the old footer in its memory.
    SiteSettings.objects.update(footer_text_en="A new footer.")
    cache.incr(page_cache.VERSION_KEY)
    response = client.get("/en/")
    assert "A new footer." in response.text
    assert "Neutral, impartial and independent" not in response.text


def test_a_memorial_card_is_kept_no_longer_than_a_personal_page(
    demo_site, client, settings
):
    settings.PAGE_CACHE_PERSONAL_SECONDS = 1
    person = FallenVolunteer.objects.public().order_by("-date_of_death", "pk").first()
    url = MemorialPage.objects.get().get_translated_url("en")
    assert person.name in client.get(url).text
    # Renamed without a signal, as if the change never reached the cache: the
    # card kept in the cache and in this worker shows the old name for a while…
    FallenVolunteer.objects.filter(pk=person.pk).update(name_en="A Changed Name")
    assert "A Changed Name" not in client.get(url).text
    time.sleep(1.1)
    # … and no longer than a page showing personal records may be kept.
    assert "A Changed Name" in client.get(url).text
