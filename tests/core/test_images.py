"""Uploaded images keep no metadata: not the original, not a rendition."""

import io
import struct

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from core import images

GPS_IFD = 0x8825
ORIENTATION = 0x0112
COMMENT = b"taken at the Idlib centre by Khaled"
XMP = (
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/'
    b'02/22-rdf-syntax-ns#"><rdf:Description xmlns:photoshop="http://ns.adobe.com/'
    b'photoshop/1.0/" photoshop:City="Saraqib"/></rdf:RDF></x:xmpmeta>'
)
IPTC_CITY = b"Maarat al-Numan"
TRACES = [b"Exif\x00\x00", b"http://ns.adobe.com/xap/1.0/", b"Saraqib", COMMENT]
TRACES += [b"Photoshop 3.0", IPTC_CITY, b"PhoneMaker"]


def _iptc_segment():
    record = b"\x1c\x02\x5a" + struct.pack(">H", len(IPTC_CITY)) + IPTC_CITY
    if len(record) % 2:
        record += b"\x00"
    block = b"8BIM\x04\x04\x00\x00" + struct.pack(">I", len(record)) + record
    payload = b"Photoshop 3.0\x00" + block
    return b"\xff\xed" + struct.pack(">H", len(payload) + 2) + payload


def phone_photo():
    """A 40x20 JPEG, red on the left, blue on the right, stored sideways.

    Orientation 6 says "turn 90° clockwise to show": shown upright it is 20x40, red
    on top. It carries GPS, the camera, an XMP packet, an IPTC block and a comment.
    """
    image = PILImage.new("RGB", (40, 20), "blue")
    image.paste((255, 0, 0), (0, 0, 20, 20))
    exif = PILImage.Exif()
    exif[ORIENTATION] = 6
    exif[0x010F] = "PhoneMaker"  # camera make
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (35.0, 49.0, 0.0), 3: "E", 4: (36.0, 0.0)})
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif, xmp=XMP, comment=COMMENT, quality=95)
    data = out.getvalue()
    return data[:2] + _iptc_segment() + data[2:]


def assert_clean_and_upright(data):
    for trace in TRACES:
        assert trace not in data, trace
    image = PILImage.open(io.BytesIO(data))
    assert not image.getexif()
    assert not {"exif", "xmp", "comment", "photoshop"} & set(image.info)
    assert image.size == (20, 40)
    top = image.convert("RGB").getpixel((10, 5))
    bottom = image.convert("RGB").getpixel((10, 35))
    assert top[0] > 200 and top[2] < 60, top  # red on top, as the camera meant
    assert bottom[2] > 200 and bottom[0] < 60, bottom


def stored_bytes(field_file):
    with field_file.open("rb") as f:
        return f.read()


def assert_image_is_clean(image):
    image.refresh_from_db()
    assert image.file.name.startswith("original_images/")
    assert "phone" not in image.file.name  # the uploaded name is not kept
    assert (image.width, image.height) == (20, 40)
    original = stored_bytes(image.file)
    assert_clean_and_upright(original)
    assert image.file_size == len(original)
    rendition = image.get_rendition("width-20")
    assert_clean_and_upright(stored_bytes(rendition.file))


def test_the_test_photo_really_carries_metadata():
    data = phone_photo()
    for trace in TRACES:
        assert trace in data, trace
    opened = PILImage.open(io.BytesIO(data))
    assert images.carries_metadata(opened)
    assert {"exif", "xmp", "comment", "photoshop"} <= set(opened.info)


def test_upload_through_the_admin_add_view_is_stripped(admin_client):
    response = admin_client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Rescue",
            "file": SimpleUploadedFile("phone.jpg", phone_photo(), "image/jpeg"),
        },
    )
    assert response.status_code == 302, response.content[:500]
    assert_image_is_clean(get_image_model().objects.get(title="Rescue"))


def test_upload_through_the_multiple_uploader_is_stripped(admin_client):
    response = admin_client.post(
        reverse("wagtailimages:add_multiple"),
        {"files[]": SimpleUploadedFile("phone.jpg", phone_photo(), "image/jpeg")},
    )
    assert response.status_code == 200
    assert response.json()["success"], response.json()
    assert_image_is_clean(get_image_model().objects.get(pk=response.json()["image_id"]))


def test_upload_through_the_chooser_is_stripped(admin_client):
    response = admin_client.post(
        reverse("wagtailimages_chooser:create"),
        {
            "image-chooser-upload-title": "From the chooser",
            "image-chooser-upload-file": SimpleUploadedFile(
                "phone.jpg", phone_photo(), "image/jpeg"
            ),
        },
    )
    assert response.status_code == 200
    assert_image_is_clean(get_image_model().objects.get(title="From the chooser"))


@pytest.mark.django_db
def test_images_made_in_code_are_stripped():
    image = get_image_model().objects.create(
        title="Demo", file=SimpleUploadedFile("phone.jpg", phone_photo())
    )
    assert_image_is_clean(image)


@pytest.mark.django_db
def test_a_clean_upload_is_kept_byte_for_byte():
    original = get_test_image_file()
    data = original.file.getvalue()
    image = get_image_model().objects.create(title="Plain", file=original)
    assert stored_bytes(image.file) == data
    assert image.file.name != "original_images/test.png"


@pytest.mark.django_db
def test_a_stored_file_given_to_an_image_is_stripped():
    """As the multiple uploader does when it keeps an upload to finish later."""
    image = get_image_model().objects.create(title="Kept", file=get_test_image_file())
    image.file.storage.save("original_images/phone.jpg", io.BytesIO(phone_photo()))
    image.file = "original_images/phone.jpg"
    image.save()
    assert_image_is_clean(image)
    assert not image.file.storage.exists("original_images/phone.jpg")


def test_a_file_that_cannot_be_cleaned_is_refused():
    with pytest.raises(images.UnreadableImage):
        images.cleaned(b"GIF89a not really")


@pytest.mark.django_db
def test_the_command_strips_images_stored_before(
    django_capture_on_commit_callbacks, capsys
):
    model = get_image_model()
    model.objects.create(title="Clean already", file=get_test_image_file())
    image = model.objects.create(title="Old", file=get_test_image_file())
    # As stored before this change: the phone's file, as it was uploaded.
    image.file.storage.save("original_images/phone.jpg", io.BytesIO(phone_photo()))
    model.objects.filter(pk=image.pk).update(
        file="original_images/phone.jpg", width=40, height=20
    )
    image.refresh_from_db()
    stale = image.get_rendition("width-20")
    assert b"PhoneMaker" in stored_bytes(stale.file)

    call_command("strip_image_metadata", "--dry-run")
    assert "1 of 2 images" in capsys.readouterr().out
    image.refresh_from_db()
    assert image.file.name == "original_images/phone.jpg"

    with django_capture_on_commit_callbacks(execute=True):
        call_command("strip_image_metadata")
    assert "Cleaned 1 of 2 images" in capsys.readouterr().out
    assert not image.file.storage.exists("original_images/phone.jpg")
    assert not image.file.storage.exists(stale.file.name)
    assert not image.renditions.filter(pk=stale.pk).exists()
    assert_image_is_clean(image)

    call_command("strip_image_metadata")  # again: nothing left to do
    assert "Cleaned 0 of 2 images" in capsys.readouterr().out
