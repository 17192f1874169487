"""The memorial's list and a person's page are kept with the cached pieces between
renders; an edit or a withdrawal shows on the next view, in both languages, and
what a page shows of a record is never kept longer than a personal page."""

import time

import pytest
from bs4 import BeautifulSoup

from memorial.models import Consent, FallenVolunteer
from tests.memorial.factories import FallenVolunteerFactory

pytestmark = pytest.mark.django_db

AR_BASE = "/ar/شهداء-الدفاع-المدني/"
LISTS = {"en": "/en/memorial/", "ar": AR_BASE}


def names(client, url):
    html = BeautifulSoup(client.get(url).content, "html.parser")
    return [a.get_text(strip=True) for a in html.select(".memorial-card__name a")]


def heading(client, url):
    response = client.get(url)
    if response.status_code != 200:
        return response.status_code
    return BeautifulSoup(response.content, "html.parser").h1.get_text(strip=True)


@pytest.fixture
def people(memorial):
    return [
        FallenVolunteerFactory(
            name_en="Amal Haddad", name_ar="أمل حداد", slug="amal-haddad"
        ),
        FallenVolunteerFactory(
            name_en="Omar Khalil", name_ar="عمر خليل", slug="omar-khalil"
        ),
    ]


def person_urls(slug):
    return {"en": f"/en/memorial/{slug}/", "ar": f"{AR_BASE}{slug}/"}


def test_an_edited_record_shows_on_the_list_and_its_page_in_both_languages(
    client, people
):
    amal = people[0]
    for _ in range(2):  # kept now
        assert "Amal Haddad" in names(client, LISTS["en"])
        assert "أمل حداد" in names(client, LISTS["ar"])
        assert heading(client, person_urls(amal.slug)["en"]) == "Amal Haddad"
        assert heading(client, person_urls(amal.slug)["ar"]) == "أمل حداد"
    amal.name_en, amal.name_ar = "Amal Haddad Saleh", "أمل حداد صالح"
    amal.save()
    assert "Amal Haddad Saleh" in names(client, LISTS["en"])
    assert "أمل حداد صالح" in names(client, LISTS["ar"])
    assert heading(client, person_urls(amal.slug)["en"]) == "Amal Haddad Saleh"
    assert heading(client, person_urls(amal.slug)["ar"]) == "أمل حداد صالح"


def test_a_withdrawn_record_leaves_the_list_and_its_page_at_once(client, people):
    omar = people[1]
    for _ in range(2):
        assert "Omar Khalil" in names(client, f"{LISTS['en']}?cause=double_tap")
        assert "عمر خليل" in names(client, LISTS["ar"])
        assert heading(client, person_urls(omar.slug)["ar"]) == "عمر خليل"
    omar.consent = Consent.NONE
    omar.save()
    assert "Omar Khalil" not in names(client, f"{LISTS['en']}?cause=double_tap")
    assert names(client, LISTS["ar"]) == ["أمل حداد"]
    assert heading(client, person_urls(omar.slug)["en"]) == 404
    assert heading(client, person_urls(omar.slug)["ar"]) == 404


def test_a_new_record_shows_on_the_list_at_once(client, people):
    assert len(names(client, LISTS["en"])) == 2
    FallenVolunteerFactory(name_en="Rami Nasser", name_ar="رامي ناصر", slug="rami")
    assert "Rami Nasser" in names(client, LISTS["en"])
    assert "رامي ناصر" in names(client, LISTS["ar"])
    assert heading(client, person_urls("rami")["en"]) == "Rami Nasser"


def test_a_person_page_is_kept_no_longer_than_a_personal_page(client, people, settings):
    settings.PAGE_CACHE_PERSONAL_SECONDS = 1
    amal = people[0]
    urls = person_urls(amal.slug)
    assert heading(client, urls["en"]) == "Amal Haddad"
    assert "Amal Haddad" in names(client, f"{LISTS['en']}?year=2016")
    # Withdrawn without a signal, as if the change never reached the cache: what
    # is kept shows the person for a while…
    FallenVolunteer.objects.filter(pk=amal.pk).update(consent=Consent.NONE)
    assert heading(client, urls["en"]) == "Amal Haddad"
    time.sleep(1.1)
    # … and no longer than a page showing personal records may be kept.
    assert heading(client, urls["en"]) == 404
    assert heading(client, urls["ar"]) == 404
    assert names(client, f"{LISTS['en']}?year=2016") == ["Omar Khalil"]
