"""What a visitor sees on the questions page, in English and in Arabic."""

from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from .factories import fill_faq

pytestmark = pytest.mark.django_db


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def visible_structure(html):
    return [
        (
            section.h2.get_text(strip=True),
            [
                summary.get_text(strip=True)
                for summary in section.select("details > summary")
            ],
        )
        for section in html.select("main section.faq-category")
    ]


def test_categories_hold_their_questions_in_order(client, faq):
    html = soup(client.get("/en/faq/"))
    assert visible_structure(html) == [
        (
            "About the organisation",
            ["Who are the White Helmets?", "Why white helmets?"],
        ),
        ("How to help", ["Can I volunteer?"]),
    ]
    assert html.h1.get_text(strip=True) == "Frequently asked questions"


def test_reordering_and_moving_a_question_shows_on_the_page(client, faq):
    questions = list(faq.questions.all())
    help_anchor = faq.categories.all()[1].anchor
    questions[0].category = help_anchor  # "Who are…" moves to "How to help"
    reordered = [questions[2], questions[1], questions[0]]
    for position, question in enumerate(reordered):
        question.sort_order = position  # as the admin's drag and drop does
    faq.questions = reordered
    faq.save_revision().publish()
    html = soup(client.get("/en/faq/"))
    assert visible_structure(html) == [
        ("About the organisation", ["Why white helmets?"]),
        ("How to help", ["Can I volunteer?", "Who are the White Helmets?"]),
    ]


def test_arabic_faq_page_is_right_to_left_with_arabic_questions(client, faq):
    response = client.get("/ar/الأسئلة-الشائعة/")
    html = soup(response)
    assert html.html["lang"] == "ar"
    assert html.html["dir"] == "rtl"
    assert html.h1.get_text(strip=True) == "الأسئلة الشائعة"
    assert visible_structure(html) == [
        ("عن المنظمة", ["من هم الخوذ البيضاء؟", "لماذا الخوذ البيضاء؟"]),
        ("كيف تساعد", ["هل يمكنني التطوع؟"]),
    ]
    assert "متطوعون ينقذون الناس من تحت الأنقاض." in html.select_one("main").text
    # No English slips into the Arabic page, and no fallback is announced.
    assert "Who are the White Helmets?" not in response.text
    assert html.select_one("main [lang=en]") is None


def test_question_without_arabic_is_marked_as_english_on_the_arabic_page(
    client, faq_page
):
    fill_faq(
        faq_page,
        [
            (
                {"en": "Funding", "ar": "التمويل"},
                [{"question_en": "Who funds you?", "question_ar": "", "answer_ar": []}],
            )
        ],
    )
    html = soup(client.get("/ar/الأسئلة-الشائعة/"))
    summary = html.select_one("details.faq-question summary span")
    assert summary.get_text(strip=True) == "Who funds you?"
    assert summary["lang"] == "en"
    assert html.select_one(".faq-question__answer")["lang"] == "en"


def test_each_question_is_an_accordion_with_a_permalink(client, faq):
    html = soup(client.get("/en/faq/"))
    details = html.select("main details.faq-question")
    assert len(details) == 3
    for item in details:
        anchor = item["data-anchor"]
        # The anchor sits on the answer, so browsers open it for #anchor even
        # without the script.
        assert item.select_one(".faq-question__answer")["id"] == anchor
        assert item.summary is not None
        assert not item.has_attr("open")
        assert item.select_one(f"a.faq-question__permalink[href='#{anchor}']")
    ids = [tag["id"] for tag in html.select("[id]")]
    assert len(ids) == len(set(ids)), "every id on the page is unique"
    assert details[0]["data-anchor"] == "who-are-the-white-helmets"


def test_table_of_contents_links_to_every_category(client, faq):
    """A compact row of the categories before the first answer (the questions
    follow right after it, each with its own link)."""
    html = soup(client.get("/en/faq/"))
    targets = [a["href"] for a in html.select("nav.faq-contents a")]
    expected = [f"#{section['id']}" for section in html.select("section.faq-category")]
    assert targets == expected
    for target in targets:
        assert html.select_one(target) is not None


def test_filter_and_open_all_are_hidden_only_when_scripts_are_off(client, faq):
    html = soup(client.get("/en/faq/"))
    tools = html.select_one("[data-faq-tools]")
    # Shown from the first paint (revealing it later would move the page: layout
    # shift); a stylesheet loaded only without scripts hides it.
    assert not tools.has_attr("hidden")
    noscript = html.select_one("head noscript")
    assert noscript is not None and "faq-noscript" in str(noscript)
    assert html.select_one("label[for=faq-filter]").get_text(strip=True)
    status = html.select_one("#faq-filter-status")
    assert status["aria-live"] == "polite"
    script = html.select_one("script[src$='js/faq.js']")
    assert script.has_attr("defer")
    # No inline script other than the structured data, no inline style.
    for tag in html.select("script"):
        assert tag.has_attr("src") or tag["type"] == "application/ld+json"
    assert not html.select("[style]")


def test_filter_messages_are_translated_with_arabic_plurals(client, faq):
    import json

    english = soup(client.get("/en/faq/")).select_one("#faq-filter-status")
    messages = json.loads(english["data-messages"])
    assert messages[1] == "1 question matches"
    assert messages[3] == "3 questions match"
    arabic = soup(client.get("/ar/الأسئلة-الشائعة/")).select_one("#faq-filter-status")
    messages = json.loads(arabic["data-messages"])
    assert len(messages) == 4
    assert all("question" not in message for message in messages)


def test_printable_version_opens_every_answer(client, faq):
    html = soup(client.get("/en/faq/?print=1"))
    details = html.select("main details")
    assert len(details) == 3
    assert all(item.has_attr("open") for item in details)
    assert html.select_one("meta[name=robots]")["content"] == "noindex"
    assert html.select_one("[data-faq-tools]") is None
    # The normal page links to it; the Arabic twin keeps the query on switching.
    normal = soup(client.get("/en/faq/"))
    assert normal.select_one(".faq-print-note a")["href"] == "?print=1"
    arabic_link = html.select_one(".language-switcher a[hreflang=ar]")["href"]
    assert arabic_link.endswith("?print=1")


def test_last_reviewed_date_is_shown_in_each_language(client, faq):
    english = soup(client.get("/en/faq/"))
    time = english.select_one(".faq-question__reviewed time")
    assert time["datetime"] == "2026-11-01"
    assert time.get_text() == "1 November 2026"
    arabic = soup(client.get("/ar/الأسئلة-الشائعة/"))
    reviewed = arabic.select_one(".faq-question__reviewed time").get_text()
    assert reviewed == "1 تشرين الثاني 2026"  # the month as Syrian readers name it


def test_answer_links_point_to_the_page_in_the_reader_language(
    client, faq_page, who_we_are
):
    link = f'<a linktype="page" id="{who_we_are.pk}">'
    fill_faq(
        faq_page,
        [
            (
                {"en": "About", "ar": "عنا"},
                [
                    {
                        "answer_en": [
                            {
                                "type": "paragraph",
                                "value": f"<p>{link}Read more</a></p>",
                            }
                        ],
                        "answer_ar": [
                            {"type": "paragraph", "value": f"<p>{link}المزيد</a></p>"}
                        ],
                    }
                ],
            )
        ],
    )
    english = soup(client.get("/en/faq/"))
    href = english.select_one(".faq-question__answer a")["href"]
    assert href == "/en/about/who-we-are/"
    arabic = soup(client.get("/ar/الأسئلة-الشائعة/"))
    href = arabic.select_one(".faq-question__answer a")["href"]
    assert unquote(href) == "/ar/من-نحن/قصتنا/"


def test_live_figure_sentence_shows_the_current_number(client, faq_page, lost_figure):
    figure = {
        "type": "live_figure",
        "value": {
            "figure": lost_figure,
            "sentence": "We have lost {value} volunteers.",
        },
    }
    fill_faq(
        faq_page,
        [({"en": "Losses", "ar": "الخسائر"}, [{"answer_en": [figure]}])],
    )
    html = soup(client.get("/en/faq/"))
    answer = html.select_one(".faq-question__answer").get_text(" ", strip=True)
    assert "We have lost 1,234 volunteers." in answer


def _page_with_questions(faq_page, who_we_are, count):
    link = f'<a linktype="page" id="{who_we_are.pk}">'
    questions = [
        {
            "answer_en": [
                {"type": "paragraph", "value": f"<p>Answer {n}, {link}more</a>.</p>"},
                {
                    "type": "live_figure",
                    "value": {"figure": "test.lost", "sentence": "Lost: {value}."},
                },
            ]
        }
        for n in range(count)
    ]
    half = count // 2
    return fill_faq(
        faq_page,
        [
            ({"en": "First", "ar": "الأول"}, questions[:half]),
            ({"en": "Second", "ar": "الثاني"}, questions[half:]),
        ],
    )


def _queries_for(client, url):
    client.get(url)  # warm the site root cache, as on a running site
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return response, len(queries)


def test_page_runs_the_same_few_queries_whatever_the_number_of_questions(
    client, faq_page, who_we_are, lost_figure, django_assert_max_num_queries
):
    counts = {}
    for count in (5, 50):
        _page_with_questions(faq_page, who_we_are, count)
        for url in ("/en/faq/", "/ar/الأسئلة-الشائعة/"):
            response, counts[count, url] = _queries_for(client, url)
            assert response.text.count('<details class="faq-question"') == count
            assert response.text.count("/en/about/who-we-are/") >= count or (
                url.startswith("/ar/")
            )
        with django_assert_max_num_queries(12):
            client.get("/en/faq/")
    assert counts[5, "/en/faq/"] == counts[50, "/en/faq/"]
    assert counts[5, "/ar/الأسئلة-الشائعة/"] == counts[50, "/ar/الأسئلة-الشائعة/"]


def test_unpublished_questions_page_is_not_served(client, faq_page):
    faq_page.unpublish()
    assert client.get("/en/faq/").status_code == 404


def test_empty_questions_page_says_so(client, faq_page):
    html = soup(client.get("/en/faq/"))
    assert "no questions here yet" in html.select_one("main").text
    assert html.select_one("[data-faq-tools]") is None


def test_answers_kept_in_the_cache_follow_the_memorial_records(client, faq_page):
    from tests.memorial.factories import FallenVolunteerFactory

    figure = {
        "type": "live_figure",
        "value": {
            "figure": "memorial.total_lost",
            "sentence": "We have lost {value} volunteers.",
        },
    }
    fill_faq(
        faq_page,
        [({"en": "Losses", "ar": "الخسائر"}, [{"answer_en": [figure]}])],
    )
    FallenVolunteerFactory.create_batch(2)

    def answer(url):
        html = soup(client.get(url))
        return html.select_one(".faq-question__answer").get_text(" ", strip=True)

    assert "We have lost 2 volunteers." in answer("/en/faq/")
    assert "We have lost 2 volunteers." in answer("/en/faq/")  # from the cache
    FallenVolunteerFactory()
    assert "We have lost 3 volunteers." in answer("/en/faq/")
