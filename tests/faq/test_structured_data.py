"""schema.org FAQPage data: valid JSON, the same questions and answers as the page."""

import json

import pytest
from bs4 import BeautifulSoup

from .factories import fill_faq

pytestmark = pytest.mark.django_db


def structured_data(response):
    html = BeautifulSoup(response.content, "html.parser")
    scripts = html.select('script[type="application/ld+json"]')
    assert len(scripts) == 1
    return html, json.loads(scripts[0].string)


@pytest.mark.parametrize("language", ["en", "ar"])
def test_faq_page_data_matches_the_visible_questions(client, faq, language):
    html, data = structured_data(client.get(faq.get_translated_url(language)))
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "FAQPage"
    assert data["inLanguage"] == language
    assert data["name"] == html.h1.get_text(strip=True)
    visible = [
        (
            details.summary.get_text(strip=True),
            " ".join(details.select_one(".faq-question__answer").get_text(" ").split()),
        )
        for details in html.select("main details")
    ]
    described = [
        (item["name"], item["acceptedAnswer"]["text"]) for item in data["mainEntity"]
    ]
    assert described == visible
    for item, details in zip(
        data["mainEntity"], html.select("main details"), strict=True
    ):
        assert item["@type"] == "Question"
        assert item["acceptedAnswer"]["@type"] == "Answer"
        assert item["url"].endswith(f"#{details['data-anchor']}")
        assert item["url"].startswith("http://testserver/")
        assert item["dateModified"] == "2026-11-01"


def test_arabic_data_holds_the_arabic_questions(client, faq):
    _html, data = structured_data(client.get(faq.get_translated_url("ar")))
    assert data["mainEntity"][0]["name"] == "من هم الخوذ البيضاء؟"
    assert data["mainEntity"][0]["acceptedAnswer"]["text"] == (
        "متطوعون ينقذون الناس من تحت الأنقاض."
    )


def test_answer_text_carries_the_live_figure_and_no_markup(
    client, faq_page, lost_figure
):
    figure = {
        "type": "live_figure",
        "value": {"figure": lost_figure, "sentence": "We lost {value} volunteers."},
    }
    text = {"type": "paragraph", "value": "<p>Since 2014 <b>many</b> died.</p>"}
    fill_faq(
        faq_page,
        [({"en": "Losses", "ar": "الخسائر"}, [{"answer_en": [text, figure]}])],
    )
    _html, data = structured_data(client.get("/en/faq/"))
    answer = data["mainEntity"][0]["acceptedAnswer"]["text"]
    assert answer == "Since 2014 many died. We lost 1,234 volunteers."


def test_text_that_looks_like_html_cannot_close_the_script(client, faq_page):
    fill_faq(
        faq_page,
        [
            (
                {"en": "Odd", "ar": "غريب"},
                [{"question_en": "What about </script><script>alert(1)</script>?"}],
            )
        ],
    )
    response = client.get("/en/faq/")
    raw = response.content.decode()
    start = raw.index('<script type="application/ld+json">')
    block = raw[start : raw.index("</script>", start)]
    assert "<script>" not in block[10:]
    _html, data = structured_data(response)
    assert data["mainEntity"][0]["name"] == (
        "What about </script><script>alert(1)</script>?"
    )


def test_an_edited_question_shows_in_the_data_in_both_languages(client, faq):
    for _ in range(2):  # the data is kept now
        for language, name in (("en", "Who are the White Helmets?"), ("ar", None)):
            _html, data = structured_data(client.get(faq.get_translated_url(language)))
            assert name is None or data["mainEntity"][0]["name"] == name
    question = faq.questions.all()[0]
    question.question_en = "Who are the volunteers of the White Helmets?"
    question.question_ar = "من هم متطوعو الخوذ البيضاء؟"
    faq.questions = [question, *faq.questions.all()[1:]]
    faq.save_revision().publish()
    _html, data = structured_data(client.get(faq.get_translated_url("en")))
    assert data["mainEntity"][0]["name"] == question.question_en
    _html, data = structured_data(client.get(faq.get_translated_url("ar")))
    assert data["mainEntity"][0]["name"] == question.question_ar


def test_the_data_names_the_host_of_each_request(client, faq, settings):
    settings.ALLOWED_HOSTS = ["testserver", "localhost"]
    url = faq.get_translated_url("en")
    _html, data = structured_data(client.get(url))
    assert data["url"].startswith("http://testserver/")
    _html, data = structured_data(client.get(url, HTTP_HOST="localhost"))
    assert data["url"].startswith("http://localhost/")
