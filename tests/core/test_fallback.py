"""An Arabic reader never meets English text that is not marked as English.

A part of a page not yet translated is shown in English (modeltranslation's fallback),
marked ``lang="en" dir="ltr"`` where it is shown, and the page says that parts of it
are not yet translated.
"""

import pytest
from bs4 import BeautifulSoup

from tests.core.factories import StandardPageFactory
from tests.faq.factories import FaqPageFactory, fill_faq

pytestmark = pytest.mark.django_db

PARTLY = "بعض أجزاء هذه الصفحة غير مترجمة بعد"
WHOLLY = "هذه الصفحة غير متوفرة بلغتك بعد"


def soup(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def half_translated(home):
    """Its Arabic title exists; its introduction, body and description do not."""
    return StandardPageFactory(
        parent=home,
        title_en="Our principles",
        title_ar="مبادئنا",
        slug_en="principles",
        slug_ar="مبادئنا",
        introduction_en="Neutrality, impartiality and independence.",
        introduction_ar="",
        body_en=[{"type": "paragraph", "value": "<p>We help everyone.</p>"}],
        search_description_en="What guides our work.",
        seo_title_en="Principles of the White Helmets",
        show_in_menus=True,
    )


def test_english_parts_of_an_arabic_page_are_marked_english(client, half_translated):
    page = soup(client, "/ar/مبادئنا/")
    assert page.html["lang"] == "ar"
    heading = page.select_one("h1")
    assert heading.get_text() == "مبادئنا" and not heading.has_attr("lang")
    lead = page.select_one(".lead")
    assert lead.get_text() == "Neutrality, impartiality and independence."
    assert (lead["lang"], lead["dir"]) == ("en", "ltr")
    body = page.select_one(".page-body")
    assert "We help everyone." in body.get_text()
    assert (body["lang"], body["dir"]) == ("en", "ltr")
    description = page.select_one("meta[name=description]")
    assert description["lang"] == "en"


def test_a_partly_english_page_says_so_in_arabic(client, half_translated):
    notice = soup(client, "/ar/مبادئنا/").select_one("main .notice")
    assert PARTLY in notice.get_text()


def test_the_english_seo_title_never_names_an_arabic_page(client, half_translated):
    title = soup(client, "/ar/مبادئنا/").title.get_text()
    assert title.startswith("مبادئنا ·")
    assert "Principles" not in title


def test_a_translated_page_has_no_notice_and_no_english_marks(client, half_translated):
    half_translated.introduction_ar = "الحياد وعدم التحيز والاستقلالية."
    half_translated.body_ar = [{"type": "paragraph", "value": "<p>نساعد الجميع.</p>"}]
    half_translated.search_description_ar = "ما يوجّه عملنا."
    half_translated.save_revision().publish()
    page = soup(client, "/ar/مبادئنا/")
    assert page.select_one("main .notice") is None
    assert page.select("main [lang=en]") == []


def test_english_page_is_never_marked(client, half_translated):
    page = soup(client, "/en/principles/")
    assert page.select_one("main .notice") is None
    assert page.select("body [lang=en][dir]") == []


def test_menu_marks_an_english_title_as_english(client, home, half_translated):
    StandardPageFactory(
        parent=home,
        title_en="Funding",
        title_ar="",
        slug_en="funding",
        slug_ar="funding",
        show_in_menus=True,
    )
    links = {
        link.get_text(): link for link in soup(client, "/ar/").select(".site-nav a")
    }
    assert (links["Funding"]["lang"], links["Funding"]["dir"]) == ("en", "ltr")
    assert not links["مبادئنا"].has_attr("lang")


def test_a_page_not_translated_at_all_is_wholly_english(client, home):
    StandardPageFactory(
        parent=home,
        title_en="Annual report",
        title_ar="",
        slug_en="report",
        slug_ar="report",
    )
    page = soup(client, "/ar/report/")
    assert (page.main["lang"], page.main["dir"]) == ("en", "ltr")
    assert WHOLLY in page.select_one("main .notice").get_text()


@pytest.fixture
def faq_with_an_untranslated_answer(home):
    page = FaqPageFactory(parent=home)
    return fill_faq(
        page,
        [
            (
                {"en": "About us", "ar": "عنّا"},
                [
                    {"question_en": "Who are you?", "question_ar": "من أنتم؟"},
                    {
                        "question_en": "Where do you work?",
                        "question_ar": "أين تعملون؟",
                        "answer_ar": [],
                    },
                ],
            )
        ],
    )


def test_faq_answer_in_english_is_marked_and_announced(
    client, faq_with_an_untranslated_answer
):
    page = soup(client, "/ar/الأسئلة-الشائعة/")
    answers = page.select(".faq-question__answer")
    assert not answers[0].has_attr("lang")
    assert (answers[1]["lang"], answers[1]["dir"]) == ("en", "ltr")
    assert PARTLY in page.select_one("main .notice").get_text()


def test_fully_translated_faq_has_no_notice(client, home):
    fill_faq(
        FaqPageFactory(parent=home),
        [({"en": "About us", "ar": "عنّا"}, [{"question_en": "Who are you?"}])],
    )
    assert soup(client, "/ar/الأسئلة-الشائعة/").select_one("main .notice") is None
