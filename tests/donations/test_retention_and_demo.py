"""Donor data retention and the demo content."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from core.demo_content import DemoContext
from donations.demo import load_donation_page
from donations.models import Donation, DonationPage, WebhookEvent
from tests.donations.factories import DonationFactory
from tests.donations.helpers import make_event, session_object

pytestmark = pytest.mark.django_db


def age(obj, days, field):
    type(obj).objects.filter(pk=obj.pk).update(
        **{field: timezone.now() - timedelta(days=days)}
    )


def test_retention_erases_old_personal_data_and_keeps_the_accounts(settings):
    settings.DONATIONS_RETENTION_DAYS = 30
    old = DonationFactory(
        donor_email="old@example.org",
        donor_name="Old Donor",
        status=Donation.Status.PAID,
        amount_minor=7500,
    )
    recent = DonationFactory(donor_email="new@example.org", donor_name="New Donor")
    age(old, 31, "created_at")
    event = WebhookEvent.objects.create(
        provider="stripe",
        event_id="evt_old",
        type="checkout.session.completed",
        payload=make_event("checkout.session.completed", session_object(old)),
        donation=old,
    )
    age(event, 31, "received_at")

    call_command("apply_donor_data_retention", verbosity=0)

    old.refresh_from_db()
    recent.refresh_from_db()
    event.refresh_from_db()
    assert (old.donor_email, old.donor_name) == ("", "")
    assert old.personal_data_erased_at is not None
    assert (old.amount_minor, old.currency, old.status) == (7500, "USD", "paid")
    assert old.provider_reference
    assert recent.donor_email == "new@example.org"
    session = event.payload["data"]["object"]
    assert session["customer_details"] == "[erased]"
    assert session["amount_total"] == 7500
    assert "old@example.org" not in str(event.payload)
    assert event.personal_data_erased_at is not None


def test_retention_dry_run_changes_nothing(capsys):
    old = DonationFactory(donor_email="old@example.org")
    age(old, 1000, "created_at")

    call_command("apply_donor_data_retention", "--dry-run", "--days", "365")

    old.refresh_from_db()
    assert old.donor_email == "old@example.org"
    assert "Would erase personal data from 1 donation(s)" in capsys.readouterr().out


def test_retention_refuses_a_period_below_one_day():
    with pytest.raises(CommandError):
        call_command("apply_donor_data_retention", "--days", "0")


def test_demo_loader_makes_the_donation_page_once(home):
    context = DemoContext()
    context.add("home", home)
    load_donation_page(context)

    page = DonationPage.objects.get()
    assert "donate" in context.created
    assert context.pages["donate"].pk == page.pk
    assert (page.title_en, page.title_ar) == ("Donate", "تبرّع")
    assert (page.slug_en, page.slug_ar) == ("donate", "تبرع")
    assert page.live and not page.show_in_menus
    options = page.get_currency_options()
    assert options["USD"].preset_amounts == [2500, 5000, 10000, 25000]
    assert options["GBP"].preset_amounts == [2000, 4000, 8000, 20000]
    assert options["EUR"].minimum_minor == 500
    assert options["EUR"].maximum_minor == 1_000_000

    page.introduction_en = "Edited by an editor."
    page.save_revision().publish()
    again = DemoContext()
    again.add("home", home)
    load_donation_page(again)
    assert DonationPage.objects.count() == 1
    assert "donate" not in again.created
    page.refresh_from_db()
    assert page.introduction_en == "Edited by an editor."
