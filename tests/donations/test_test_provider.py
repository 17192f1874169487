"""The test provider takes no pretend donations on a real site, whatever the name of
its settings module (it fails closed)."""

import pytest
from django.core.checks import run_checks
from django.core.exceptions import ImproperlyConfigured

from donations.providers import get_provider
from donations.providers.testing import TestProvider

pytestmark = pytest.mark.django_db


def warnings_ids():
    return {issue.id for issue in run_checks()}


@pytest.mark.parametrize(
    "module", ["whitehelmets.settings.live", "whitehelmets.settings.prod", "site_conf"]
)
def test_refused_without_debug_whatever_the_settings_module(
    settings, monkeypatch, module
):
    monkeypatch.setenv("DJANGO_SETTINGS_MODULE", module)
    settings.DEBUG = False
    settings.DONATIONS_PROVIDER = "test"
    settings.DONATIONS_ALLOW_TEST_PROVIDER = False
    with pytest.raises(ImproperlyConfigured, match="refused unless DEBUG is on"):
        TestProvider()
    assert "donations.W002" in warnings_ids()


def test_allowed_while_developing(settings):
    settings.DEBUG = True
    settings.DONATIONS_ALLOW_TEST_PROVIDER = False
    assert get_provider("test").is_test
    assert "donations.W002" not in warnings_ids()


def test_allowed_when_asked_for_on_a_staging_site(settings):
    settings.DEBUG = False
    settings.DONATIONS_ALLOW_TEST_PROVIDER = True
    assert get_provider("test").is_test
    assert "donations.W002" not in warnings_ids()
