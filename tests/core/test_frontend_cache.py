"""A CDN in front of the site is told to drop every page a publish made stale."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import unquote, urlsplit

import pytest
from django.db import transaction
from wagtail.models import Site

from core.frontend_cache import PendingPurge, page_urls
from core.models import SiteSettings, StandardPage
from tests.core.factories import StandardPageFactory
from tests.core.test_infrastructure import PRODUCTION_ENV, run_with_settings
from tests.memorial.factories import FallenVolunteerFactory, MemorialPageFactory

pytestmark = pytest.mark.django_db


class PurgeRecorder:
    """A caching proxy's purge endpoint: records every PURGE it receives."""

    def __init__(self):
        self.purged = []
        recorder = self

        class Handler(BaseHTTPRequestHandler):
            def do_PURGE(self):
                recorder.purged.append((self.headers["Host"], unquote(self.path)))
                self.send_response(200)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def paths(self):
        return {path for _host, path in self.purged}

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def cdn(settings):
    """Pages made before this fixture are published without a CDN configured."""
    recorder = PurgeRecorder()
    settings.WAGTAILFRONTENDCACHE = {
        "proxy": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": recorder.url,
        }
    }
    yield recorder
    recorder.close()


EVERY_PAGE = {
    "/en/",
    "/ar/",
    "/en/about/",
    "/ar/من-نحن/",
    "/en/about/who-we-are/",
    "/ar/من-نحن/قصتنا/",
    "/sitemap.xml",
}


def test_publishing_purges_every_page_in_both_languages(
    who_we_are, cdn, django_capture_on_commit_callbacks
):
    page = StandardPage.objects.get(pk=who_we_are.pk)
    page.title_ar = "حكايتنا"
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert cdn.paths() == EVERY_PAGE
    # The purge asks for the site's own host name, as the CDN knows the pages.
    site = Site.objects.get(is_default_site=True)
    assert {host for host, _path in cdn.purged} == {site.hostname}


def test_unpublishing_purges_the_page_that_went_offline(
    who_we_are, cdn, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        StandardPage.objects.get(pk=who_we_are.pk).unpublish()
    assert {"/en/about/who-we-are/", "/ar/من-نحن/قصتنا/"} <= cdn.paths()
    assert {"/en/", "/ar/", "/en/about/"} <= cdn.paths()


SLUGS = ("one", "two", "three")


def test_deleting_a_section_purges_each_of_its_pages_once(
    about, cdn, django_capture_on_commit_callbacks
):
    children = [
        StandardPageFactory(parent=about, slug_en=slug, title_en=slug) for slug in SLUGS
    ]
    gone = {
        unquote(urlsplit(url).path)
        for page in [about, *children]
        for url in page_urls(page)
    }
    assert len(gone) == 8
    with django_capture_on_commit_callbacks(execute=True):
        StandardPage.objects.get(pk=about.pk).delete()
    assert len(cdn.purged) == len(set(cdn.purged))
    assert cdn.paths() == {"/en/", "/ar/", "/sitemap.xml", *gone}


def test_nothing_is_purged_for_a_change_that_was_rolled_back(
    who_we_are, cdn, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        StandardPage.objects.get(pk=who_we_are.pk).save_revision().publish()
        raise RuntimeError("the editor's request failed")
    assert not any(isinstance(callback, PendingPurge) for callback in callbacks)
    assert cdn.purged == []


def test_saving_site_settings_purges(home, cdn, django_capture_on_commit_callbacks):
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.contact_email = "press@example.org"
    with django_capture_on_commit_callbacks(execute=True):
        site_settings.save()
    assert cdn.paths() == {"/en/", "/ar/", "/sitemap.xml"}


def test_publishing_a_memorial_record_purges_the_pages_quoting_figures(
    home, cdn, django_capture_on_commit_callbacks
):
    MemorialPageFactory(parent=home)
    record = FallenVolunteerFactory(live=False)
    with django_capture_on_commit_callbacks(execute=True):
        record.save_revision().publish()
    assert {"/en/", "/ar/", "/en/memorial/"} <= cdn.paths()


AR_MEMORIAL = "/ar/شهداء-الدفاع-المدني/"


def showing_the_record(slug):
    """Every path that shows a memorial record, in both languages."""
    paths = {"/sitemap.xml"}
    for base in ("/en/memorial/", AR_MEMORIAL):
        paths |= {base, f"{base}{slug}/", f"{base}export/csv/", f"{base}export/json/"}
    return paths


@pytest.fixture
def memorial_records(home):
    MemorialPageFactory(parent=home)
    return {
        "changed": FallenVolunteerFactory(slug="changed-person"),
        "other": FallenVolunteerFactory(slug="other-person"),
    }


def test_publishing_a_memorial_record_purges_every_url_showing_it(
    memorial_records, cdn, django_capture_on_commit_callbacks
):
    record = memorial_records["changed"]
    record.place_en = "Ariha"
    with django_capture_on_commit_callbacks(execute=True):
        record.save_revision().publish()
    assert showing_the_record("changed-person") <= cdn.paths()
    # The memorial page declares its person pages: the list links to each of them.
    assert {"/en/memorial/other-person/", f"{AR_MEMORIAL}other-person/"} <= cdn.paths()
    assert len(cdn.purged) == len(set(cdn.purged))


def test_unpublishing_a_memorial_record_purges_its_person_pages(
    memorial_records, cdn, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        memorial_records["changed"].unpublish()
    assert showing_the_record("changed-person") <= cdn.paths()


def test_a_withdrawal_saved_as_a_draft_purges_the_person_no_longer_listed(
    memorial_records,
    cdn,
    client,
    django_user_model,
    django_capture_on_commit_callbacks,
    sign_in,
):
    record = memorial_records["changed"]
    sign_in(
        client,
        django_user_model.objects.create_superuser("admin", "a@example.org", "x"),
    )
    data = {
        "name_en": record.name_en,
        "name_ar": record.name_ar,
        "slug": record.slug,
        "date_of_death": record.date_of_death.isoformat(),
        "governorate": record.governorate,
        "cause": record.cause,
        "consent": "none",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/admin/snippets/memorial/fallenvolunteer/edit/{record.pk}/", data
        )
    assert response.status_code == 302
    assert showing_the_record("changed-person") <= cdn.paths()


def test_publishing_works_when_the_cdn_is_unreachable(
    settings, who_we_are, django_capture_on_commit_callbacks
):
    settings.WAGTAILFRONTENDCACHE = {
        "proxy": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": "http://127.0.0.1:9",
        }
    }
    page = StandardPage.objects.get(pk=who_we_are.pk)
    page.title_en = "Our story"
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert StandardPage.objects.get(pk=page.pk).title_en == "Our story"


def test_no_purge_without_a_configured_cdn(
    who_we_are, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        StandardPage.objects.get(pk=who_we_are.pk).save_revision().publish()
    assert not any(isinstance(callback, PendingPurge) for callback in callbacks)


@pytest.mark.parametrize(
    ("variables", "backend"),
    [
        ({"FRONTEND_CACHE_PURGE_URL": "http://varnish:6081"}, "HTTPBackend"),
        (
            {"CLOUDFLARE_BEARER_TOKEN": "token", "CLOUDFLARE_ZONE_ID": "zone"},
            "CloudflareBackend",
        ),
        ({"CLOUDFRONT_DISTRIBUTION_ID": "E123"}, "CloudfrontBackend"),
    ],
)
def test_the_cdn_is_configured_from_the_environment(variables, backend):
    result = run_with_settings(
        "whitehelmets.settings.production",
        "from django.conf import settings as s; "
        "print(*[v['BACKEND'].rsplit('.', 1)[1] for v in "
        "s.WAGTAILFRONTENDCACHE.values()])",
        **PRODUCTION_ENV,
        **variables,
    )
    assert result.stdout.split() == [backend], result.stderr


def test_a_withdrawal_imported_as_a_draft_purges_the_person(
    memorial_records, cdn, django_capture_on_commit_callbacks
):
    from memorial import importing

    record = memorial_records["changed"]
    text = (
        "external_id,name_en,date_of_death,governorate,cause,consent\n"
        f"{record.external_id},{record.name_en},2016-05-12,idlib,double_tap,none\n"
    )
    with django_capture_on_commit_callbacks(execute=True):
        result = importing.import_file(text.encode(), publish=False)
    assert result.updated == 1, result.errors
    assert showing_the_record("changed-person") <= cdn.paths()


def test_deleting_a_memorial_record_purges_its_person_pages(
    memorial_records, cdn, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        memorial_records["changed"].delete()
    assert showing_the_record("changed-person") <= cdn.paths()
