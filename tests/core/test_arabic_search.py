"""Arabic readers find what they type, however they spell it, on SQLite and PostgreSQL.

One normalisation (``core.searchtext``) folds indexed text and queries alike: hamza
forms, alef maqsura, taa marbuta, tatweel, short vowels and shadda, the article, and
the space in compound names.
"""

from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup

from core.searchtext import normalise
from tests.core.factories import StandardPageFactory
from tests.memorial.factories import FallenVolunteerFactory, MemorialPageFactory

pytestmark = pytest.mark.django_db

# (what a page says, what a reader types): each pair must meet.
SPELLINGS = [
    ("التبرّع", "تبرع"),  # shadda, and the article
    ("الزلزال", "زلزال"),  # the article
    ("إطفاء", "اطفاء"),  # hamza below the alef
    ("الضربة", "الضربه"),  # taa marbuta written as haa
    ("مستشفى", "مستشفي"),  # alef maqsura written as yaa
    ("الإنقـــاذ", "انقاذ"),  # tatweel, hamza and the article
    ("عبد الرحمن", "عبدالرحمن"),  # a compound name with and without its space
    ("عبدالرحمن", "عبد الرحمن"),
    ("أبو بكر", "ابوبكر"),
]


@pytest.mark.parametrize(("written", "typed"), SPELLINGS)
def test_written_and_typed_spellings_fold_to_one_form(written, typed):
    assert normalise(written) == normalise(typed)


def test_folding_keeps_different_words_apart():
    assert normalise("زلزال") != normalise("زلزل")
    assert normalise("الحرب") != normalise("حربي")
    # "ال" that is the whole word, or too short to be an article, stays.
    assert normalise("الى") == "الي"


@pytest.fixture
def arabic_page(home):
    return StandardPageFactory(
        parent=home,
        title_en="After the earthquake",
        title_ar="بعد الزلزال",
        slug_en="after-the-earthquake",
        slug_ar="بعد-الزلزال",
        introduction_en="Firefighting, strikes, donations and hospitals.",
        introduction_ar=(
            "فرق إطفاء الحرائق تعمل بعد الضربة، وبفضل التبرّع نعيد بناء مستشفى"
            " الإنقـــاذ."
        ),
    )


def found_titles(client, query, language="ar"):
    response = client.get(f"/{language}/search/", {"q": query})
    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    return [
        (link.get_text(strip=True), unquote(link["href"]))
        for link in html.select(".search-results h2 a")
    ]


@pytest.mark.parametrize(
    "typed", ["تبرع", "زلزال", "اطفاء", "الضربه", "مستشفي", "انقاذ", "التبرّع"]
)
def test_arabic_site_search_finds_the_page_whatever_the_spelling(
    client, arabic_page, typed
):
    assert ("بعد الزلزال", "/ar/بعد-الزلزال/") in found_titles(client, typed)


def test_english_site_search_is_unchanged(client, arabic_page):
    found = found_titles(client, "earthquake", language="en")
    assert ("After the earthquake", "/en/after-the-earthquake/") in found
    assert found_titles(client, "tsunami", language="en") == []


@pytest.fixture
def abdulrahman(home):
    MemorialPageFactory(parent=home)
    return FallenVolunteerFactory(
        name_en="Abdul Rahman al-Khatib",
        name_ar="عبد الرحمن الخطيب",
        slug="abdul-rahman-al-khatib",
    )


@pytest.mark.parametrize("typed", ["عبدالرحمن", "عبد الرحمن", "عبد الرحمن خطيب"])
def test_memorial_name_search_joins_compound_names(client, abdulrahman, typed):
    response = client.get("/ar/شهداء-الدفاع-المدني/", {"q": typed})
    page = BeautifulSoup(response.content, "html.parser")
    names = [a.get_text() for a in page.select(".memorial-card__name a")]
    assert names == ["عبد الرحمن الخطيب"]


def test_site_search_finds_a_person_written_without_the_space(client, abdulrahman):
    titles = [title for title, _url in found_titles(client, "عبدالرحمن")]
    assert "عبد الرحمن الخطيب" in titles
