"""Every Arabic page of the demo site reads as Arabic.

The crawl visits every /ar/ page (each page in the sitemap, every person, the FAQ, the
donation states, search, the error pages) and fails on any visible English text that
is not marked ``lang="en"``: an interface string left untranslated, a fallback not
marked, a currency code, a mixed percent sign or a different word for the fallen.
"""

import re
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup, Comment, Doctype
from django.core.management import call_command
from django.db import transaction

from donations.models import Donation

# A Latin word of two letters or more: English a reader of Arabic would meet.
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
# Latin that belongs on an Arabic page: addresses, e-mail, and the names of file
# formats, which are the same in every language.
ALLOWED = re.compile(r"\S+@\S+|https?://\S+|www\.\S+|\b(CSV|JSON|PDF)\b")
INVISIBLE = ("script", "style", "template", "noscript", "svg")


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo site, loaded once for the module inside a transaction that is rolled
    back afterwards (the tests' own transactions nest inside it)."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo_content", verbosity=0)
        yield
        transaction.set_rollback(True)


def english_outside_marked_text(html):
    """The Latin words of ``html``'s visible text not inside an element with
    ``lang="en"``; also the words of the title and of translated attributes."""
    page = BeautifulSoup(html, "html.parser")
    for element in page.find_all(INVISIBLE):
        element.decompose()
    found = []
    for text in page.find_all(string=True):
        if isinstance(text, (Comment, Doctype)) or not text.strip():
            continue
        marked = text.find_parent(attrs={"lang": True})
        if marked is not None and marked["lang"].startswith("en"):
            continue
        if text.find_parent("bdi") is not None:  # the visitor's own words
            continue
        words = LATIN_WORD.findall(ALLOWED.sub("", text))
        if words:
            found.append((text.parent.name, text.strip()[:80]))
    for element in page.find_all(attrs={"aria-label": True}):
        if LATIN_WORD.search(element["aria-label"]):
            marked = element.find_parent(attrs={"lang": True}) or element
            if not marked.get("lang", "").startswith("en"):
                found.append(("aria-label", element["aria-label"]))
    return found


def arabic_urls(client):
    sitemap = client.get("/sitemap.xml")
    assert sitemap.status_code == 200
    locations = re.findall(r"<loc>([^<]+)</loc>", sitemap.content.decode())
    paths = {unquote(urlsplit(location).path) for location in locations}
    return sorted(path for path in paths if path.startswith("/ar/"))


@pytest.mark.django_db
def test_every_arabic_page_reads_as_arabic(client, demo):
    urls = arabic_urls(client)
    assert len(urls) > 250  # every page, and every person who may be shown
    urls += [
        "/ar/search/?q=إنقاذ",
        "/ar/search/?q=nothing-at-all",
        "/ar/page-that-does-not-exist/",
    ]
    problems = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code in (200, 404), url
        found = english_outside_marked_text(response.content)
        if found:
            problems[url] = found
    assert problems == {}, "\n".join(
        f"{url}: {found}" for url, found in problems.items()
    )


@pytest.mark.django_db
def test_every_donation_state_reads_as_arabic(client, demo):
    page = client.get("/ar/تبرع/")
    assert page.status_code == 200
    problems = {"/ar/تبرع/": english_outside_marked_text(page.content)}
    response = client.post(
        "/ar/تبرع/",
        {
            "frequency": "one_off",
            "currency": "USD",
            "amount": "",
            "custom_amount": "1",
            "website": "",
        },
    )
    problems["error"] = english_outside_marked_text(response.content)
    response = client.post(
        "/ar/تبرع/",
        {
            "frequency": "monthly",
            "currency": "USD",
            "amount": "5000",
            "custom_amount": "",
            "website": "",
        },
        follow=True,
    )
    problems["checkout"] = english_outside_marked_text(response.content)
    donation = Donation.objects.latest("pk")
    for state in ("thank-you", "cancelled"):
        url = f"/ar/تبرع/{state}/?donation={donation.token}"
        problems[state] = english_outside_marked_text(client.get(url).content)
    assert {key: value for key, value in problems.items() if value} == {}


@pytest.mark.django_db
def test_one_word_for_the_fallen_and_one_percent_sign(client, demo):
    for url in ("/ar/", "/ar/الأسئلة-الشائعة/", "/ar/شهداء-الدفاع-المدني/"):
        page = BeautifulSoup(client.get(url).content, "html.parser")
        for element in page.find_all(INVISIBLE):
            element.decompose()
        text = page.get_text()
        assert "استشهد" in text, url
        assert "قُتل" not in text and "قتلوا" not in text, url
        assert "%" not in text, url
