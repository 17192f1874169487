"""The donation form as donors see it, in English and Arabic, with the test provider."""

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.test import override_settings

from donations.models import Donation
from donations.money import format_amount, parse_amount
from tests.donations.helpers import submit

pytestmark = pytest.mark.django_db

FORM = {
    "frequency": "one_off",
    "currency": "USD",
    "amount": "5000",
    "custom_amount": "",
    "website": "",
}


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def alert(response):
    node = soup(response).select_one("[role=alert]")
    return node.get_text(" ", strip=True) if node else ""


def test_english_form_offers_presets_frequency_and_other_amount(client, donation_page):
    response = client.get("/en/donate/")

    assert response.status_code == 200
    page = soup(response)
    assert page.h1.get_text() == "Donate"
    assert "Your gift keeps rescue teams ready." in page.select_one(".lead").text
    labels = [
        label.get_text(strip=True) for label in page.select(".choices--amounts label")
    ]
    assert labels == ["$25", "$50", "$100", "$250"]
    assert page.select_one("input[name=amount][value='5000']").has_attr("checked")
    frequencies = [
        lab.get_text(strip=True) for lab in page.select(".choices--frequency label")
    ]
    assert frequencies == ["One-off", "Monthly"]
    custom = page.select_one("input[name=custom_amount]")
    assert page.select_one(f"label[for={custom['id']}]").text == "Other amount"
    assert "Between $5 and $10,000." in page.select_one("#custom-amount-hint").text
    assert page.select_one("input[name=csrfmiddlewaretoken]")
    assert page.select_one("input[name=currency]")["value"] == "USD"


def test_arabic_form_is_right_to_left_with_arabic_labels(client, donation_page):
    response = client.get("/ar/تبرع/")

    assert response.status_code == 200
    page = soup(response)
    assert page.html["dir"] == "rtl"
    assert page.h1.get_text() == "تبرّع"
    legends = [legend.get_text(strip=True) for legend in page.select("legend")]
    assert legends == ["كم مرة؟", "المبلغ (دولار أمريكي)"]
    frequencies = [
        lab.get_text(strip=True) for lab in page.select(".choices--frequency label")
    ]
    assert frequencies == ["لمرة واحدة", "شهري"]
    assert page.select_one(".donation-form__custom label").text == "مبلغ آخر"
    assert page.select_one(".donation-form__submit").text == "المتابعة إلى الدفع الآمن"


def test_the_donation_page_is_never_cached(client, donation_page):
    response = client.get("/en/donate/")
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_currency_links_switch_the_presets(client, donation_page):
    page = soup(client.get("/en/donate/?currency=GBP&frequency=monthly"))

    labels = [
        label.get_text(strip=True) for label in page.select(".choices--amounts label")
    ]
    assert labels == ["£20", "£40", "£80"]
    assert page.select_one("input[name=currency]")["value"] == "GBP"
    assert page.select_one("input[name=frequency][value=monthly]").has_attr("checked")
    current = page.select_one(".currency-switch a[aria-current]")
    assert current.text == "British Pound"
    links = {a.text: a["href"] for a in page.select(".currency-switch a")}
    assert links["Euro"] == "?currency=EUR&frequency=monthly"


def test_unknown_currency_in_the_address_falls_back_to_the_first(client, donation_page):
    page = soup(client.get("/en/donate/?currency=XYZ"))
    assert page.select_one("input[name=currency]")["value"] == "USD"


def test_submitting_writes_the_donation_and_redirects_303(client, donation_page):
    response = submit(client, "/en/donate/", {**FORM, "frequency": "monthly"})

    assert response.status_code == 303
    donation = Donation.objects.get()
    assert response["Location"] == (
        f"/en/donations/test-checkout/{donation.provider_reference}/"
    )
    assert donation.amount_minor == 5000
    assert donation.currency == "USD"
    assert donation.frequency == "monthly"
    assert donation.language == "en"
    assert donation.provider == "test"
    assert donation.status == Donation.Status.OPEN
    assert donation.page_id == donation_page.pk
    assert len(donation.token) >= 32
    assert donation.created_at and donation.updated_at


@pytest.mark.parametrize(
    ("typed", "currency", "minor"),
    [
        ("25", "USD", 2500),
        ("25.50", "EUR", 2550),
        ("25,5", "EUR", 2550),
        ("1,000", "GBP", 100000),
        ("٢٥", "USD", 2500),
        ("٢٥٫٥٠", "USD", 2550),
        ("۱۰۰", "USD", 10000),
        (" $30 ", "USD", 3000),
    ],
)
def test_custom_amounts_are_read_the_way_donors_write_them(
    client, donation_page, typed, currency, minor
):
    data = {**FORM, "currency": currency, "amount": "", "custom_amount": typed}
    response = submit(client, "/ar/تبرع/", data)

    assert response.status_code == 303
    assert Donation.objects.get().amount_minor == minor


def test_other_amount_wins_over_a_preset_left_selected(client, donation_page):
    submit(client, "/en/donate/", {**FORM, "amount": "5000", "custom_amount": "75"})
    assert Donation.objects.get().amount_minor == 7500


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"custom_amount": "4.99", "amount": ""},
            "The smallest gift we can accept is $5.",
        ),
        (
            {"custom_amount": "10000.01", "amount": ""},
            "The largest gift we can accept online is $10,000.",
        ),
        ({"custom_amount": "twenty", "amount": ""}, "Enter an amount in figures"),
        ({"custom_amount": "25.123", "amount": ""}, "Enter an amount in figures"),
        ({"custom_amount": "-25", "amount": ""}, "Enter an amount in figures"),
        ({"custom_amount": "1e3", "amount": ""}, "Enter an amount in figures"),
        ({"amount": "1"}, "Choose one of the amounts shown."),
        ({"amount": ""}, "Choose an amount or enter your own."),
        ({"currency": "JPY"}, "Choose one of the currencies offered."),
        ({"frequency": "weekly"}, "Select a valid choice."),
    ],
)
def test_invalid_gifts_are_refused_with_a_message(client, donation_page, data, message):
    response = submit(client, "/en/donate/", {**FORM, **data})

    assert response.status_code == 400
    assert message in alert(response)
    assert Donation.objects.count() == 0


def test_arabic_donor_reads_validation_messages_in_arabic(client, donation_page):
    response = submit(client, "/ar/تبرع/", {**FORM, "amount": "", "custom_amount": "٢"})

    assert response.status_code == 400
    assert "أصغر تبرّع يمكننا قبوله هو" in alert(response)
    page = soup(response)
    field = page.select_one("input[name=custom_amount]")
    assert field["aria-invalid"] == "true"
    assert "custom-amount-error" in field["aria-describedby"]


def test_honeypot_filled_in_is_refused_and_nothing_written(client, donation_page):
    response = submit(client, "/en/donate/", {**FORM, "website": "http://spam.example"})

    assert response.status_code == 400
    assert "We could not accept this form." in alert(response)
    assert Donation.objects.count() == 0


def test_honeypot_is_hidden_from_people(client, donation_page):
    page = soup(client.get("/en/donate/"))
    trap = page.select_one(".donation-form__trap")
    assert trap["aria-hidden"] == "true"
    assert trap.select_one("input[name=website]")["tabindex"] == "-1"


def test_form_needs_a_csrf_token(donation_page):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post("/en/donate/", FORM)
    assert response.status_code == 403
    assert Donation.objects.count() == 0


def test_rate_limit_stops_checkout_sessions_from_one_address(
    client, donation_page, settings
):
    settings.DONATIONS_RATE_LIMIT = 3
    codes = [submit(client, "/en/donate/", FORM).status_code for _ in range(4)]

    assert codes == [303, 303, 303, 429]
    assert Donation.objects.count() == 3
    response = submit(client, "/ar/تبرع/", FORM)
    assert response.status_code == 429
    assert "وصلتنا محاولات تبرّع كثيرة من اتصالك" in alert(response)
    # Another address is not affected.
    other = submit(client, "/en/donate/", FORM, REMOTE_ADDR="203.0.113.9")
    assert other.status_code == 303


def test_rate_limit_message_in_english(client, donation_page, settings):
    settings.DONATIONS_RATE_LIMIT = 1
    submit(client, "/en/donate/", FORM)
    response = submit(client, "/en/donate/", FORM)
    assert response.status_code == 429
    assert "many donation attempts from your connection" in alert(response)


def test_rate_limit_counts_the_address_the_trusted_proxy_saw(
    client, donation_page, settings
):
    settings.DONATIONS_RATE_LIMIT = 1
    settings.DONATIONS_TRUSTED_PROXIES = 1
    # The donor forges the first X-Forwarded-For entry; the proxy appends the real one.
    first = submit(
        client, "/en/donate/", FORM, HTTP_X_FORWARDED_FOR="1.1.1.1, 198.51.100.7"
    )
    second = submit(
        client, "/en/donate/", FORM, HTTP_X_FORWARDED_FOR="2.2.2.2, 198.51.100.7"
    )
    third = submit(client, "/en/donate/", FORM, HTTP_X_FORWARDED_FOR="198.51.100.8")
    assert [first.status_code, second.status_code, third.status_code] == [
        303,
        429,
        303,
    ]


def test_forwarded_for_is_ignored_without_a_trusted_proxy(
    client, donation_page, settings
):
    settings.DONATIONS_RATE_LIMIT = 1
    submit(client, "/en/donate/", FORM, HTTP_X_FORWARDED_FOR="1.1.1.1")
    response = submit(client, "/en/donate/", FORM, HTTP_X_FORWARDED_FOR="2.2.2.2")
    assert response.status_code == 429


def test_rate_limit_fails_open_when_the_cache_is_down(client, donation_page, caplog):
    broken = {"default": {"BACKEND": "tests.donations.broken_cache.WriteRefusingCache"}}
    client.get("/en/donate/")  # the donor opened the form while the cache was well
    with override_settings(CACHES=broken):
        response = submit(client, "/en/donate/", FORM)

    assert response.status_code == 303
    assert Donation.objects.count() == 1
    assert "cache is unavailable" in caplog.text
    cache.clear()


def test_donation_page_runs_a_fixed_number_of_queries(
    client, donation_page, django_assert_max_num_queries
):
    client.get("/en/donate/")  # warm the site-root cache
    with django_assert_max_num_queries(12):
        response = client.get("/en/donate/")
    assert response.status_code == 200


def test_money_helpers_round_trip():
    assert parse_amount("25.5", "USD") == 2550
    assert format_amount(2500, "USD", "en") == "$25"
    assert format_amount(2550, "EUR", "en") == "€25.50"
    assert "25" in format_amount(2500, "GBP", "ar")
    with pytest.raises(ValueError):
        parse_amount("", "USD")
    with pytest.raises(ValueError):
        parse_amount("1,00,000", "USD")
