"""Amounts in Arabic sentences keep their order and name their currency in Arabic."""

import pytest
from bs4 import BeautifulSoup

from donations.money import currency_name, format_amount
from tests.donations.helpers import submit

RLI, PDI = "\u2067", "\u2069"


@pytest.mark.parametrize(
    ("minor", "currency", "shown"),
    [
        (2500, "USD", "25 دولار أمريكي"),
        (2550, "USD", "25.50 دولار أمريكي"),
        (3500, "EUR", "35 يورو"),
        (1_000_000, "GBP", "10,000 جنيه إسترليني"),
    ],
)
def test_arabic_amount_is_isolated_with_the_currency_named_in_arabic(
    minor, currency, shown
):
    assert format_amount(minor, currency, "ar") == f"{RLI}{shown}{PDI}"


def test_arabic_amount_carries_no_stray_direction_mark():
    # Babel's Arabic pattern starts with a right-to-left mark, which the bidi
    # algorithm moves around the sentence ("$US 25.50"); isolation replaces it.
    text = format_amount(2550, "USD", "ar")
    assert "\u200f" not in text and "\u200e" not in text and "US$" not in text


def test_english_amounts_are_unchanged():
    assert format_amount(2500, "USD", "en") == "$25"
    assert format_amount(2550, "EUR", "en") == "€25.50"
    assert format_amount(1_000_000, "GBP", "en") == "£10,000"


def test_currency_names_follow_the_language():
    assert currency_name("USD", "ar") == "دولار أمريكي"
    assert currency_name("GBP", "ar") == "جنيه إسترليني"
    assert currency_name("EUR", "en") == "Euro"


@pytest.mark.django_db
def test_arabic_donation_errors_keep_the_amount_whole(client, donation_page):
    response = submit(
        client,
        "/ar/تبرع/",
        {
            "frequency": "one_off",
            "currency": "USD",
            "amount": "",
            "custom_amount": "2",
            "website": "",
        },
    )
    assert response.status_code == 400
    page = BeautifulSoup(response.content, "html.parser")
    alert = page.select_one("[role=alert]").get_text()
    assert f"{RLI}5 دولار أمريكي{PDI}" in alert
