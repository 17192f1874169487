"""The demo questions page: every answer of the old FAQ, in both languages."""

import json

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from wagtail.models import Site

from core.models import HomePage, SiteSettings, StandardPage
from faq import demo_data
from faq.models import FaqPage

pytestmark = pytest.mark.django_db

# Slips in the organisation's old text that must not reach the site.
SLIPS = [
    "FREQUWNTLY",
    "Defencse",
    "Defense",
    "volunteers., ,",
    ", ,",
    "but their Our",
    "summer. summer",
    "Firstly, First reason",
    "Secondly, Second reason",
    "press here",
    "focusing their work",
]


@pytest.fixture
def demo(db):
    call_command("load_demo_content", verbosity=0)
    return FaqPage.objects.get(slug_en="faq")


def page_html(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def all_questions():
    return [
        question
        for category in demo_data.CATEGORIES
        for question in category["questions"]
    ]


def test_faq_page_is_at_its_address_in_both_languages(client, demo):
    assert demo.live and demo.show_in_menus
    english = page_html(client, "/en/faq/")
    assert english.h1.get_text(strip=True) == "Frequently asked questions"
    arabic = page_html(client, "/ar/الأسئلة-الشائعة/")
    assert arabic.h1.get_text(strip=True) == "الأسئلة الشائعة"
    assert arabic.html["dir"] == "rtl"
    assert english.select_one(".lead") and arabic.select_one(".lead")


@pytest.mark.parametrize("language", ["en", "ar"])
def test_every_demo_question_and_category_is_shown_in_order(client, demo, language):
    html = page_html(client, demo.get_translated_url(language))
    shown = [
        (
            section.h2.get_text(strip=True),
            [s.get_text(strip=True) for s in section.select("summary")],
        )
        for section in html.select("section.faq-category")
    ]
    expected = [
        (
            category["title"][language],
            [q["question"][language] for q in category["questions"]],
        )
        for category in demo_data.CATEGORIES
    ]
    assert shown == expected
    assert len(html.select("details.faq-question")) == len(all_questions())
    # Everything is really in this language: no English fallback marked anywhere.
    assert html.select_one("main [lang]") is None


def test_every_answer_of_the_seed_is_on_the_page(client, demo):
    """Each sentence of the old FAQ survives, copy-edited, in some English answer."""
    html = page_html(client, "/en/faq/")
    text = " ".join(html.select_one("main").get_text(" ").split()).lower()
    # Key facts of every seed paragraph, as a reader would look for them.
    for fact in [
        "2014",
        "white helmets worn by the volunteers",
        "northwest syria",
        "idlib",
        "firefighting",
        "neutrality, impartiality and independence",
        "double-tap",
        "eastern ghouta",
        "northern countryside of homs",
        "cameras",
        "earthquake",
        "recruitment is limited to syrians",
        "donat",
    ]:
        assert fact in text, fact
    assert len(all_questions()) >= 12


@pytest.mark.parametrize("language", ["en", "ar"])
def test_demo_text_is_clean(client, demo, language):
    html = page_html(client, demo.get_translated_url(language))
    for details in html.select("main details"):
        question = details.summary.get_text(strip=True)
        assert question.endswith("?" if language == "en" else "؟"), question
        blocks = details.select(".faq-question__answer p, .faq-question__answer li")
        assert blocks, question
        for block in blocks:
            text = block.get_text()
            assert text.strip() == text and "  " not in text, text
            for slip in SLIPS:
                assert slip not in text, (slip, text)


@pytest.mark.parametrize("language", ["en", "ar"])
def test_answer_links_lead_to_who_we_are_and_to_the_donation_page(
    client, demo, language
):
    html = page_html(client, demo.get_translated_url(language))
    links = [a.get("href") for a in html.select(".faq-question__answer a")]
    assert links and all(links), "every link in an answer has an address"
    who_we_are = StandardPage.objects.get(slug_en="who-we-are")
    assert who_we_are.get_translated_url(language) in links
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    if site_settings.donate_page_id:
        assert site_settings.donate_page.specific.get_translated_url(language) in links
    for href in links:
        assert client.get(href).status_code == 200, href


def test_live_figure_in_an_answer_shows_a_number(client, demo):
    uses_figure = [
        q
        for q in all_questions()
        if any(kind == "live_figure" for kind, _value in q["answer"]["en"])
    ]
    html = page_html(client, "/en/faq/")
    values = html.select(".faq-question__answer .live-figure__value")
    assert len(values) == len(uses_figure)


def test_structured_data_lists_every_demo_question(client, demo):
    html = page_html(client, "/ar/الأسئلة-الشائعة/")
    data = json.loads(html.select_one('script[type="application/ld+json"]').string)
    assert [item["name"] for item in data["mainEntity"]] == [
        q["question"]["ar"] for q in all_questions()
    ]


def test_home_page_button_opens_the_questions(client, demo):
    html = page_html(client, "/en/")
    assert html.find("a", string="Read the questions")["href"] == "/en/faq/"
    assert HomePage.objects.get().faq_page_id == demo.pk


def test_loading_twice_changes_nothing_and_keeps_editor_changes(client, demo):
    questions = list(demo.questions.all())
    questions[0].question_en = "Who are the White Helmets, in a few words?"
    demo.questions = questions
    demo.save_revision().publish()
    before = list(demo.questions.values_list("anchor", "question_en", "question_ar"))

    call_command("load_demo_content", verbosity=0)

    page = FaqPage.objects.get()
    assert list(page.questions.values_list("anchor", "question_en", "question_ar")) == (
        before
    )
    assert page.categories.count() == len(demo_data.CATEGORIES)
