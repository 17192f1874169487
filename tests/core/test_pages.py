from unittest import mock
from urllib.parse import quote

import pytest
from bs4 import BeautifulSoup

from core.models import HomePage
from tests.core.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def test_english_home_page_is_left_to_right(client, home):
    response = client.get("/en/")
    assert response.status_code == 200
    html = soup(response).html
    assert (html["lang"], html["dir"]) == ("en", "ltr")
    assert "Saving lives in Syria" in response.text


def test_arabic_home_page_is_right_to_left(client, home):
    response = client.get("/ar/")
    assert response.status_code == 200
    html = soup(response).html
    assert (html["lang"], html["dir"]) == ("ar", "rtl")
    assert "ننقذ الأرواح في سوريا" in response.text
    assert "Saving lives in Syria" not in response.text


@pytest.mark.parametrize(
    ("url", "lang", "direction", "title"),
    [
        ("/en/about/who-we-are/", "en", "ltr", "Who we are"),
        (f"/ar/{quote('من-نحن')}/{quote('قصتنا')}/", "ar", "rtl", "قصتنا"),
    ],
)
def test_standard_page_is_served_at_its_translated_slug(
    client, who_we_are, url, lang, direction, title
):
    response = client.get(url)
    assert response.status_code == 200
    page = soup(response)
    assert (page.html["lang"], page.html["dir"]) == (lang, direction)
    assert page.h1.get_text(strip=True) == title


def test_english_slug_does_not_serve_the_arabic_page(client, about):
    assert client.get("/ar/about/").status_code == 404


def test_language_switcher_links_to_the_same_page_in_the_other_language(
    client, who_we_are
):
    page = soup(client.get("/en/about/who-we-are/"))
    link = page.select_one(".language-switcher a[hreflang=ar]")
    assert link.get_text(strip=True) == "العربيّة"
    arabic = client.get(link["href"])
    assert arabic.status_code == 200
    assert soup(arabic).h1.get_text(strip=True) == "قصتنا"
    back = soup(arabic).select_one(".language-switcher a[hreflang=en]")
    assert back["href"] == "/en/about/who-we-are/"


def test_hreflang_and_canonical_links_point_to_existing_pages(client, who_we_are):
    page = soup(client.get("/en/about/who-we-are/"))
    alternates = {
        link["hreflang"]: link["href"]
        for link in page.select('link[rel="alternate"][hreflang]')
    }
    assert set(alternates) == {"en", "ar", "x-default"}
    for href in alternates.values():
        assert href.startswith("http://testserver/")
        assert client.get(href).status_code == 200
    canonical = page.select_one('link[rel="canonical"]')["href"]
    assert canonical == "http://testserver/en/about/who-we-are/"


def test_page_without_arabic_text_falls_back_to_english(client, home):
    StandardPageFactory(
        parent=home,
        title_en="Annual report",
        title_ar="",
        slug_en="annual-report",
        slug_ar="",
        introduction_ar="",
    )
    response = client.get("/ar/annual-report/")
    assert response.status_code == 200
    page = soup(response)
    assert (page.html["lang"], page.html["dir"]) == ("ar", "rtl")
    assert page.h1.get_text(strip=True) == "Annual report"
    assert page.main["lang"] == "en"
    assert page.main["dir"] == "ltr"
    assert "هذه الصفحة غير متوفرة بلغتك بعد" in response.text


def test_root_sends_visitors_to_the_language_their_browser_asks_for(client, home):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="ar,en;q=0.5")
    assert response.status_code == 302
    assert response["Location"] == "/ar/"
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert response["Location"] == "/en/"


def test_menu_is_built_from_the_page_tree(client, about, who_we_are):
    page = soup(client.get("/ar/"))
    menu = [a.get_text(strip=True) for a in page.select(".site-nav a")]
    assert menu == ["من نحن"]


def test_about_page_lists_its_subpages(client, who_we_are):
    page = soup(client.get("/en/about/"))
    assert [a.get_text(strip=True) for a in page.select(".card a")] == ["Who we are"]


@pytest.mark.parametrize(
    ("url", "text"),
    [
        ("/en/no-such-page/", "Page not found"),
        ("/ar/no-such-page/", "الصفحة غير موجودة"),
    ],
)
def test_missing_page_shows_a_translated_404(client, home, url, text):
    response = client.get(url)
    assert response.status_code == 404
    assert soup(response).h1.get_text(strip=True) == text


def test_search_finds_a_page_in_arabic(client, who_we_are):
    response = client.get("/ar/search/", {"q": "قصتنا"})
    assert response.status_code == 200
    titles = [
        a.get_text(strip=True) for a in soup(response).select(".search-results a")
    ]
    assert "قصتنا" in titles


@pytest.mark.parametrize(
    ("language", "text"), [("en", "Something went wrong"), ("ar", "حدث خطأ ما")]
)
def test_server_error_shows_a_translated_500_page(client, home, language, text):
    client.raise_request_exception = False
    with mock.patch.object(HomePage, "get_context", side_effect=RuntimeError("boom")):
        response = client.get(f"/{language}/")
    assert response.status_code == 500
    page = soup(response)
    assert page.html["lang"] == language
    assert page.h1.get_text(strip=True) == text
