"""The memorial page and a person's page run a fixed number of queries, whatever the
number of records."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from memorial.models import Consent
from tests.memorial.factories import bulk_records

MAX_QUERIES = 12
URLS = [
    "/en/memorial/",
    "/ar/شهداء-الدفاع-المدني/",
    "/en/memorial/?governorate=idlib&q=volunteer",
    "/en/memorial/?year=2016&cause=double_tap",
    "/en/memorial/?page=2",
    "/en/memorial/bulk-00001/",
    "/ar/شهداء-الدفاع-المدني/bulk-00001/",
]


def count_queries(client, url):
    client.get(url)  # warm up: renditions made, site root paths cached
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.fixture
def photo(db):
    return Image.objects.create(title="Portrait", file=get_test_image_file())


def counts_for(client, size, photo):
    from memorial import queries

    bulk_records(size, consent=Consent.NAME_AND_PHOTO, photo=photo)
    result = {}
    for url in URLS:
        queries.invalidate()  # figures computed, not read from the cache
        result[url] = count_queries(client, url)
    return result


@pytest.mark.parametrize("size", [30, 3000])
def test_pages_stay_under_the_query_budget(memorial, client, photo, size):
    for url, queries in counts_for(client, size, photo).items():
        assert queries <= MAX_QUERIES, url


def test_query_counts_do_not_grow_with_the_records(memorial, client, photo):
    from memorial.models import FallenVolunteer

    small = counts_for(client, 30, photo)
    FallenVolunteer.objects.all().delete()
    large = counts_for(client, 3000, photo)
    assert small == large
