"""deploy/nginx.conf run by the real nginx, in front of a Django server of the test.

What a visitor gets through the production web server: no original image, memorial
photos only while the family's consent allows (sent by nginx after Django's check),
no document from /media/, restricted documents refused. nginx listens on free loopback
ports and is stopped at the end of the module.
"""

import http.client
import os
import shutil
import socket
import ssl
import subprocess
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings as django_settings
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection, CollectionViewRestriction
from wagtail.utils import sendfile

from bench.server import free_port
from memorial.models import Consent
from tests.memorial.factories import FallenVolunteerFactory

BASE_DIR = Path(__file__).resolve().parent.parent.parent
REQUIRED = bool(os.environ.get("REQUIRE_BROWSER") or os.environ.get("CI"))


def _needs(*programs):
    missing = [name for name in programs if not shutil.which(name)]
    if missing:
        message = f"needs {', '.join(missing)} (.ci/run installs them)"
        if REQUIRED:
            pytest.fail(message)
        pytest.skip(message)


def _certificate(folder):
    folder.mkdir()
    subprocess.run(
        [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
            "-subj", "/CN=localhost", "-keyout", folder / "privkey.pem",
            "-out", folder / "fullchain.pem",
        ],
        check=True,
        capture_output=True,
        timeout=60,
    )  # fmt: skip


def _site_config(app_url, media_root, certs, http_port, https_port):
    site = (BASE_DIR / "deploy" / "nginx.conf").read_text()
    replacements = {
        "listen [::]:80;": "",
        "listen [::]:443 ssl http2;": "",
        "listen 80;": f"listen 127.0.0.1:{http_port};",
        "listen 443 ssl http2;": f"listen 127.0.0.1:{https_port} ssl http2;",
        # nginx sends to Varnish in compose; here straight to the test server.
        "http://varnish:6081": app_url,
        "/etc/nginx/certs/": f"{certs}/",
        "/srv/media/": f"{media_root}/",
    }
    for old, new in replacements.items():
        assert old in site, old
        site = site.replace(old, new)
    return site


def _wait_for(port, process, seconds=10):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(process.stderr.read().decode())
        with socket.socket() as probe:
            probe.settimeout(0.2)
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise RuntimeError("nginx did not start")


@pytest.fixture(scope="module")
def nginx(live_server, tmp_path_factory):
    _needs("nginx", "openssl")
    folder = tmp_path_factory.mktemp("nginx")
    _certificate(folder / "certs")
    media_root = Path(django_settings.MEDIA_ROOT)
    media_root.chmod(0o755)  # nginx's workers read it
    app = urlsplit(live_server.url)
    http_port, https_port = free_port(), free_port()
    (folder / "site.conf").write_text(
        _site_config(
            f"http://127.0.0.1:{app.port}",
            media_root,
            folder / "certs",
            http_port,
            https_port,
        )
    )
    mime_types = Path("/etc/nginx/mime.types")
    temp = "".join(
        f"  {kind}_temp_path {folder}/{kind};\n"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    (folder / "nginx.conf").write_text(
        f"pid {folder}/nginx.pid;\nerror_log stderr;\nevents {{}}\n"
        f"http {{\n  access_log off;\n{temp}"
        + (f"  include {mime_types};\n" if mime_types.exists() else "")
        + f"  include {folder}/site.conf;\n}}\n"
    )
    process = subprocess.Popen(
        ["nginx", "-p", str(folder), "-c", str(folder / "nginx.conf")]
        + ["-g", "daemon off;"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        _wait_for(https_port, process)
        yield https_port
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@pytest.fixture
def accel_redirect(settings):
    """Production's setting in docker-compose.yml."""
    settings.MEDIA_ACCEL_REDIRECT_PREFIX = "/internal-media/"
    settings.SENDFILE_BACKEND = "django_sendfile.backends.nginx"
    settings.SENDFILE_ROOT = str(settings.MEDIA_ROOT)
    settings.SENDFILE_URL = "/internal-media"
    sendfile._get_sendfile.clear()
    yield
    sendfile._get_sendfile.clear()


def fetch(port, path):
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    connection = http.client.HTTPSConnection(
        "127.0.0.1", port, context=context, timeout=10
    )
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def stored(field_file):
    with field_file.open("rb") as f:
        return f.read()


@pytest.fixture
def collections():
    root = Collection.get_first_root_node() or Collection.add_root(name="Root")
    staff = root.add_child(name="Staff only")
    CollectionViewRestriction.objects.create(
        collection=staff, restriction_type=CollectionViewRestriction.LOGIN
    )
    return root, staff


# A server thread reads the data: committed, and the database restored afterwards as
# the serialised-rollback tests after this one expect it.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_through_nginx_consent_decides_what_files_visitors_get(
    nginx, accel_redirect, collections
):
    root, staff = collections
    photo = Image.objects.create(title="Portrait", file=get_test_image_file())
    person = FallenVolunteerFactory(slug="with-photo", photo=photo)
    other = Image.objects.create(title="Rescue", file=get_test_image_file())
    rendition = other.get_rendition("width-100")

    # Originals are never served, not even at their real address.
    assert (Path(django_settings.MEDIA_ROOT) / photo.file.name).exists()
    assert fetch(nginx, f"/media/{photo.file.name}")[0] == 404
    assert fetch(nginx, "/media/original_images/x.jpg")[0] == 404
    # Renditions used on other pages are served as before.
    status, headers, body = fetch(nginx, rendition.url)
    assert status == 200 and body == stored(rendition.file)

    # A consented photo: Django checks, nginx sends the file.
    url = "/memorial-photos/with-photo/width-240/"
    status, headers, body = fetch(nginx, url)
    assert status == 200
    assert body == stored(photo.get_rendition("width-240").file)
    assert headers["Content-Type"] == "image/png"
    assert "max-age=60" in headers["Cache-Control"]
    assert "Expires" not in headers and "X-Accel-Redirect" not in headers
    internal = f"/internal-media/{photo.get_rendition('width-240').file.name}"
    assert fetch(nginx, internal)[0] == 404  # only nginx itself may go there

    # Withdrawn: the very next request is refused.
    person.consent = Consent.NAME_ONLY
    person.save()
    status, headers, body = fetch(nginx, url)
    assert status == 404 and "no-store" in headers["Cache-Control"]

    # Documents: never from /media/; a restricted one is refused to visitors.
    Document = get_document_model()
    public = Document.objects.create(
        title="Report", collection=root, file=ContentFile(b"report", name="r.txt")
    )
    private = Document.objects.create(
        title="Rota", collection=staff, file=ContentFile(b"names", name="rota.txt")
    )
    for document in (public, private):
        assert fetch(nginx, f"/media/{document.file.name}")[0] == 404
        assert fetch(nginx, f"/internal-media/{document.file.name}")[0] == 404
    status, headers, body = fetch(nginx, private.url)
    assert status == 302 and body != b"names"
    status, headers, body = fetch(nginx, public.url)
    assert status == 200 and body == b"report"
    assert headers["Cache-Control"] == "private, no-store"
