"""Post/redirect/get: Back and Reload never post the form again, and the donor's
choices survive an error, a decline and a cancel."""

from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup

from donations.models import Donation

pytestmark = pytest.mark.django_db

FORM = {
    "frequency": "monthly",
    "currency": "EUR",
    "amount": "",
    "custom_amount": "4.99",
    "website": "",
}


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/en/donate/", "The smallest gift we can accept is €5."),
        ("/ar/تبرع/", "أصغر تبرّع يمكننا قبوله هو"),
    ],
)
def test_an_amount_error_redirects_so_reload_and_back_never_resubmit(
    client, donation_page, path, message
):
    response = client.post(path, FORM)

    # A 303 to the form, never a page drawn in answer to the POST: the browser's
    # history holds a GET, so Back and Reload have nothing to post again.
    assert response.status_code == 303
    assert unquote(response["Location"]) == path
    shown = client.get(response["Location"])
    assert shown.status_code == 400
    page = soup(shown)
    assert message in page.select_one("[role=alert]").get_text()
    assert page.select_one("input[name=custom_amount]")["value"] == "4.99"
    assert page.select_one("input[name=frequency][value=monthly]").has_attr("checked")
    assert page.select_one("input[name=currency]")["value"] == "EUR"

    # Reload: the form with the same choices, no error left over, nothing written.
    again = client.get(response["Location"])
    assert again.status_code == 200
    assert not soup(again).select_one("[role=alert]")
    assert soup(again).select_one("input[name=custom_amount]")["value"] == "4.99"
    assert (
        soup(again)
        .select_one("input[name=frequency][value=monthly]")
        .has_attr("checked")
    )
    assert Donation.objects.count() == 0

    # The donor corrects the amount and goes to the payment page; Back from there
    # lands on the form (a GET), which writes nothing.
    paid = client.post(path, {**FORM, "custom_amount": "5"})
    assert paid.status_code == 303
    assert "/test-checkout/" in paid["Location"]
    back = client.get(path)
    assert back.status_code == 200
    assert soup(back).select_one("input[name=custom_amount]")["value"] == "5"
    assert Donation.objects.count() == 1


@pytest.mark.parametrize("path", ["/en/donate/", "/ar/تبرع/"])
def test_try_again_after_a_decline_keeps_the_amount(client, donation_page, path):
    data = {**FORM, "custom_amount": "35"}
    checkout = client.post(path, data)["Location"]
    declined = client.post(checkout, {"outcome": "decline"})
    result = client.get(declined["Location"])
    assert Donation.objects.get().status == Donation.Status.FAILED

    retry = soup(result).select_one(".donation-status--failed a.button")["href"]
    form = soup(client.get(retry))
    assert form.select_one("input[name=custom_amount]")["value"] == "35"
    assert form.select_one("input[name=frequency][value=monthly]").has_attr("checked")
    assert form.select_one("input[name=currency]")["value"] == "EUR"


def test_try_again_with_a_suggested_amount_selects_it(client, donation_page):
    data = {**FORM, "currency": "GBP", "amount": "4000", "custom_amount": ""}
    checkout = client.post("/en/donate/", data)["Location"]
    declined = client.post(checkout, {"outcome": "decline"})
    retry = soup(client.get(declined["Location"])).select_one(
        ".donation-status--failed a.button"
    )["href"]

    form = soup(client.get(retry))
    assert form.select_one("input[name=amount][value='4000']").has_attr("checked")
    assert form.select_one("input[name=custom_amount]")["value"] == ""


def test_amounts_in_form_values_are_never_localised(client, donation_page, settings):
    settings.USE_THOUSAND_SEPARATOR = True
    response = client.get("/ar/تبرع/?currency=GBP&frequency=one_off&amount=123456")
    form = soup(response)
    assert form.select_one("input[name=custom_amount]")["value"] == "1234.56"
    values = [radio["value"] for radio in form.select("input[name=amount]")]
    assert values == ["2000", "4000", "8000"]


def test_an_amount_in_the_address_that_is_no_number_is_ignored(client, donation_page):
    response = client.get("/en/donate/?currency=USD&amount=1e9")
    assert response.status_code == 200
    assert soup(response).select_one("input[name=custom_amount]")["value"] == ""
