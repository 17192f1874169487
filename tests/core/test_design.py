"""The public design as the HTML carries it: the header's menu and search, the home
page's sections in their order with one donate call, the quote block and the footer's
contact (never a placeholder). The layout is proved in tests/browser/test_design.py."""

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from wagtail.models import Site

from core.models import HomePage, SiteSettings, StatementIndexPage, StatementPage
from faq.models import FaqPage
from memorial.models import MemorialPage


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def demo(db):
    call_command("load_demo_content", verbosity=0)


@pytest.mark.parametrize(
    ("url", "menu", "search"), [("/en/", "Menu", "Search"), ("/ar/", "القائمة", "بحث")]
)
def test_header_menu_holds_the_navigation_search_and_languages(
    demo, client, url, menu, search
):
    header = soup(client.get(url)).select_one("header.site-header")
    details = header.select_one("details.site-menu")
    # A disclosure: every link is in the page, reached without scripts.
    assert details.summary.get_text(strip=True) == menu
    assert not details.has_attr("open")
    assert [a.get_text(strip=True) for a in details.select(".site-nav a")]
    form = details.select_one("form.site-search[role=search]")
    assert form["action"] == f"{url}search/" and form["method"] == "get"
    field = form.select_one("input[name=q]")
    assert header.select_one(f"label[for={field['id']}]").get_text(strip=True)
    assert form.button.get_text(strip=True) == search
    assert details.select_one(".language-switcher a[hreflang]")
    # Donate sits outside the menu: always one tap away.
    assert header.select_one(".site-header__tools > a.button--donate")


def menu(response):
    """The header menu's links: ``(text, href, aria-current)`` in order."""
    return [
        (a.get_text(strip=True), a["href"], a.get("aria-current"))
        for a in soup(response).select("header .site-nav a")
    ]


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", ["About us", "Statements", "Frequently asked questions", "Memorial"]),
        ("ar", ["من نحن", "بيانات", "الأسئلة الشائعة", "شهداء الدفاع المدني"]),
    ],
)
def test_header_menu_lists_the_statements_current_on_their_pages(
    demo, client, language, expected
):
    index = StatementIndexPage.objects.get()
    statements_url = index.get_translated_url(language)
    home = menu(client.get(HomePage.objects.get().get_translated_url(language)))
    assert [text for text, _href, _current in home] == expected
    assert (expected[1], statements_url, None) in home
    statement = StatementPage.objects.child_of(index).first()
    for url in (statements_url, statement.get_translated_url(language)):
        current = [(text, href) for text, href, now in menu(client.get(url)) if now]
        assert current == [(expected[1], statements_url)], url


@pytest.mark.parametrize("language", ["en", "ar"])
def test_home_page_reads_in_order_with_one_donate_call(demo, client, language):
    home = HomePage.objects.get()
    html = soup(client.get(home.get_translated_url(language)))
    main = html.select_one("main")
    sections = [
        "hero" if "hero" in s.get("class", []) else s.get("aria-labelledby")
        for s in main.select("section")
        if s.get("aria-labelledby") or "hero" in s.get("class", [])
    ]
    assert sections == [
        "hero",
        "latest-statements-heading",
        "home-memorial-title",
        "home-questions-title",
        "home-donate-title",
    ]
    # One donate call in the page itself (the header has its own button).
    assert len(main.select(".button--donate")) == 1
    assert main.select_one(".home-donate .button--donate")
    # The memorial with its live total, and the first questions linking to answers.
    memorial = MemorialPage.objects.get()
    teaser = main.select_one("[aria-labelledby=home-memorial-title]")
    assert teaser.select_one(".home-memorial__value").get_text(strip=True)[0].isdigit()
    assert teaser.select_one("a")["href"] == memorial.get_translated_url(language)
    faq = FaqPage.objects.get()
    first = faq.questions.first()
    links = main.select(".home-questions__list a")
    assert len(links) == 3
    assert links[0]["href"] == f"{faq.get_translated_url(language)}#{first.anchor}"
    assert links[0].get_text(strip=True) == getattr(first, f"question_{language}")


def test_calls_to_action_in_a_body_are_secondary(home, client):
    home.body_en = [
        {
            "type": "call_to_action",
            "value": {
                "title": "Remember",
                "text": "",
                "page": None,
                "url": "https://example.org/",
                "link_text": "Visit",
            },
        }
    ]
    home.save_revision().publish()
    link = soup(client.get("/en/")).select_one(".cta a")
    assert "button--secondary" in link["class"]
    assert "button--donate" not in link["class"]


def test_quote_block_has_its_attribution_without_a_typed_dash(home, client):
    home.body_ar = [
        {"type": "quote", "value": {"text": "من أحيا نفساً", "attribution": "متطوع"}}
    ]
    home.save_revision().publish()
    quote = soup(client.get("/ar/")).select_one("figure.block-quote")
    assert quote.blockquote.get_text(strip=True) == "من أحيا نفساً"
    assert quote.figcaption.get_text(strip=True) == "متطوع"


def test_footer_shows_only_the_contact_the_settings_hold(demo, client):
    footer = soup(client.get("/en/")).select_one("footer")
    assert "example.org" not in footer.get_text()
    assert not footer.select("a[href^=mailto]")
    assert footer.select_one(".site-footer__social") is None
    assert footer.select_one(".site-footer__contact") is None  # no empty heading

    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.contact_email = "press@whitehelmets.org"
    settings.x_url = "https://x.com/SyriaCivilDef"
    settings.save()
    for url in ("/en/", "/ar/"):
        footer = soup(client.get(url)).select_one("footer")
        assert footer.select_one("a[href='mailto:press@whitehelmets.org']")
        social = footer.select(".site-footer__social a")
        assert [(a.get_text(), a["href"]) for a in social] == [
            ("X", "https://x.com/SyriaCivilDef")
        ]
