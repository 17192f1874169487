"""Originals and documents are never served from /media/; renditions are."""

import importlib

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import Storage
from django.urls import clear_url_caches
from wagtail.documents import get_document_model
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection, CollectionViewRestriction
from wagtail.utils import sendfile


class RemoteStorage(Storage):
    """Like S3: files have a public URL but no path on this machine."""

    files = {}

    def _save(self, name, content):
        self.files[name] = content.read()
        return name

    def _open(self, name, mode="rb"):
        return ContentFile(self.files[name], name=name)

    def exists(self, name):
        return name in self.files

    def size(self, name):
        return len(self.files[name])

    def delete(self, name):
        self.files.pop(name, None)

    def url(self, name):
        return f"https://bucket.example.org/{name}"


def _reload_urls():
    import whitehelmets.urls

    importlib.reload(whitehelmets.urls)
    clear_url_caches()


@pytest.fixture
def media_served_by_django(settings):
    """A single container with no web server in front (SERVE_MEDIA=1)."""
    settings.SERVE_MEDIA = True
    _reload_urls()
    yield
    settings.SERVE_MEDIA = False
    _reload_urls()


@pytest.fixture
def image(db):
    return Image.objects.create(title="Portrait", file=get_test_image_file())


@pytest.fixture
def restricted_document(db):
    root = Collection.get_first_root_node()
    staff = root.add_child(name="Staff only")
    CollectionViewRestriction.objects.create(
        collection=staff, restriction_type=CollectionViewRestriction.LOGIN
    )
    return get_document_model().objects.create(
        title="Rota", collection=staff, file=ContentFile(b"names", name="rota.txt")
    )


@pytest.fixture
def public_document(db):
    return get_document_model().objects.create(
        title="Annual report", file=ContentFile(b"report", name="report.txt")
    )


def test_django_serves_renditions_but_never_originals(
    media_served_by_django, client, image
):
    rendition = image.get_rendition("width-100")
    assert client.get(rendition.url).status_code == 200
    assert client.get(image.file.url).status_code == 404
    assert client.get(f"/media/{image.file.name}").status_code == 404
    assert client.get("/media/images/../original_images/x.png").status_code == 404


def test_django_never_serves_documents_from_media(
    media_served_by_django, client, restricted_document, public_document
):
    for document in (restricted_document, public_document):
        assert client.get(f"/media/{document.file.name}").status_code == 404


def test_a_restricted_document_is_refused_to_visitors(client, restricted_document):
    response = client.get(restricted_document.url)
    assert response.status_code == 302
    assert "/_util/login/" in response["Location"] or "login" in response["Location"]


def test_a_public_document_is_sent_by_wagtails_view(client, public_document):
    response = client.get(public_document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"report"


def test_with_remote_storage_documents_are_streamed_not_redirected(
    db, client, settings
):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": f"{__name__}.RemoteStorage"},
    }
    document = get_document_model().objects.create(
        title="Remote", file=ContentFile(b"remote", name="remote.txt")
    )
    response = client.get(document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"remote"


@pytest.fixture
def accel_redirect(settings):
    settings.MEDIA_ACCEL_REDIRECT_PREFIX = "/internal-media/"
    settings.SENDFILE_BACKEND = "django_sendfile.backends.nginx"
    settings.SENDFILE_ROOT = str(settings.MEDIA_ROOT)
    settings.SENDFILE_URL = "/internal-media"
    sendfile._get_sendfile.clear()
    yield
    sendfile._get_sendfile.clear()


def test_with_nginx_a_document_is_sent_by_an_internal_redirect(
    accel_redirect, client, public_document, restricted_document
):
    response = client.get(public_document.url)
    assert response.status_code == 200
    assert (
        response["X-Accel-Redirect"] == f"/internal-media/{public_document.file.name}"
    )
    assert client.get(restricted_document.url).status_code == 302
