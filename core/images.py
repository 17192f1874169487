"""Uploaded images keep nothing but their pixels.

A photo from a phone carries where it was taken (GPS), the camera and its serial
number, the time, often the photographer's name; its file name may carry the person's.
Every image file is cleaned when it is saved to an image record, whichever way it came
(the admin's upload, the multiple uploader, a chooser, demo content, code): a
``pre_save`` hook on the image model rewrites the file before it is stored, so the
original and every rendition made from it are clean.

Cleaning applies the EXIF orientation to the pixels, then writes the image again with
no EXIF, XMP, IPTC/Photoshop blocks, comments, text chunks or unknown application
segments; only the colour profile and transparency are kept. A file that carries none
of that is kept byte for byte. Either way it is stored under a random name
(``original_images/<32 hex digits>.<ext>``), so the renditions' names are random too.

``clean_image(image)`` does the same for an image already stored (the
``strip_image_metadata`` command).
"""

import hashlib
import io
import os
import secrets

from django.core.files.base import ContentFile
from django.db.models.signals import pre_save
from PIL import Image as PILImage
from PIL import ImageOps, JpegImagePlugin
from wagtail.images import get_image_model

ORIENTATION_TAG = 0x0112
# What an image may keep: how to draw it, nothing about where it came from.
SAFE_INFO_KEYS = {
    "adobe",
    "adobe_transform",
    "aspect",
    "background",
    "chromaticity",
    "dpi",
    "duration",
    "gamma",
    "icc_profile",
    "interlace",
    "jfif",
    "jfif_density",
    "jfif_unit",
    "jfif_version",
    "loop",
    "progression",
    "progressive",
    "srgb",
    "transparency",
}
SAFE_JPEG_SEGMENTS = {"APP0", "APP14"}  # JFIF and Adobe colour transform
EXTENSIONS = {"JPEG": "jpg", "MPO": "jpg", "PNG": "png", "WEBP": "webp", "AVIF": "avif"}
JPEG_FORMATS = {"JPEG", "MPO"}


class UnreadableImage(ValueError):
    """The file is not an image this site can clean; it is never stored as it is."""


def _register_optional_openers():
    try:  # HEIF/AVIF through pillow-heif when it is installed (Willow uses it too)
        from pillow_heif import register_heif_opener
    except ImportError:  # pragma: no cover
        return
    register_heif_opener()


_register_optional_openers()


def _open(data):
    """The image with its metadata read; its pixels are decoded only if rewritten."""
    try:
        return PILImage.open(io.BytesIO(data))
    except Exception as error:
        raise UnreadableImage(str(error)) from error


def carries_metadata(image):
    """True if the opened image holds anything beyond how to draw its pixels."""
    if image.getexif().get(ORIENTATION_TAG, 1) not in (None, 1):
        return True
    if any(key not in SAFE_INFO_KEYS for key in image.info):
        return True
    if image.format in JPEG_FORMATS:
        for marker, payload in getattr(image, "applist", []):
            if marker in SAFE_JPEG_SEGMENTS:
                continue
            if marker == "APP2" and payload.startswith(b"ICC_PROFILE\0"):
                continue
            return True
    return False


def _rewrite(image):
    """The image written again without metadata, orientation applied."""
    fmt = "JPEG" if image.format in JPEG_FORMATS else image.format
    icc_profile = image.info.get("icc_profile")
    transparency = image.info.get("transparency")
    params = {"exif": b"", "xmp": b""}
    if icc_profile:
        params["icc_profile"] = icc_profile
    if fmt == "JPEG":
        # The source's own quantisation tables and sampling: no visible loss.
        params["qtables"] = image.quantization
        params["subsampling"] = JpegImagePlugin.get_sampling(image)
        params["progressive"] = bool(
            image.info.get("progressive") or image.info.get("progression")
        )
        clean = ImageOps.exif_transpose(image)
    elif getattr(image, "n_frames", 1) > 1:
        clean = image
        params["save_all"] = True
    else:
        clean = ImageOps.exif_transpose(image)
        if transparency is not None:
            params["transparency"] = transparency
    if fmt in ("WEBP", "AVIF"):
        params["quality"] = 90
    clean.info = {}
    out = io.BytesIO()
    clean.save(out, fmt, **params)
    return out.getvalue(), clean.size


def cleaned(data):
    """``(bytes, extension, (width, height))`` of the file with no metadata."""
    image = _open(data)
    extension = EXTENSIONS.get(image.format)
    if extension is None:
        raise UnreadableImage(f"unsupported image format {image.format}")
    if not carries_metadata(image):
        return data, extension, image.size
    try:
        clean, size = _rewrite(image)
    except (OSError, ValueError) as error:  # truncated or corrupt pixels
        raise UnreadableImage(str(error)) from error
    return clean, extension, size


def random_name(extension):
    return f"{secrets.token_hex(16)}.{extension}"


def _store(instance, data):
    """Write ``data`` cleaned as the record's file (not saving the record)."""
    clean, extension, (width, height) = cleaned(data)
    instance.file.save(random_name(extension), ContentFile(clean), save=False)
    instance.width, instance.height = width, height
    instance.file_size = len(clean)
    instance.file_hash = hashlib.sha1(clean).hexdigest()
    return clean


def _read(field_file):
    field_file.open("rb")
    try:
        field_file.seek(0)
        return field_file.read()
    finally:
        field_file.seek(0)


def clean_on_save(sender, instance, raw=False, update_fields=None, **kwargs):
    """``pre_save`` of the image model: a new file is cleaned before it is stored."""
    if raw or not instance.file:
        return
    if update_fields is not None and "file" not in update_fields:
        return
    field_file = instance.file
    if getattr(field_file, "_committed", True):
        # Already in storage (the multiple uploader copies it there first): a file
        # this record did not have before is cleaned too.
        if instance.pk is not None:
            stored = (
                sender.objects.filter(pk=instance.pk)
                .values_list("file", flat=True)
                .first()
            )
            if stored == field_file.name:
                return
        old_name = field_file.name
        _store(instance, _read(field_file))
        shared = sender.objects.filter(file=old_name).exclude(pk=instance.pk)
        if old_name != instance.file.name and not shared.exists():
            instance.file.storage.delete(old_name)
        return
    _store(instance, _read(field_file))


def clean_image(image, *, dry_run=False):
    """Clean an image already stored; True if it needed it.

    The old file and every rendition are deleted (renditions are made again, clean,
    on the next request). Safe to run again: a clean image with a random name is left
    alone.
    """
    data = _read(image.file)
    image.file.close()
    name_is_random = _is_random_name(image.file.name)
    if name_is_random and not carries_metadata(_open(data)):
        return False
    if dry_run:
        return True
    old_name = image.file.name
    old_size = (image.width, image.height)
    _store(image, data)
    if (image.width, image.height) != old_size:
        # Turned upright: a focal point drawn on the sideways image no longer fits.
        image.focal_point_x = image.focal_point_y = None
        image.focal_point_width = image.focal_point_height = None
    type(image).objects.filter(pk=image.pk).update(
        file=image.file.name,
        width=image.width,
        height=image.height,
        file_size=image.file_size,
        file_hash=image.file_hash,
        focal_point_x=image.focal_point_x,
        focal_point_y=image.focal_point_y,
        focal_point_width=image.focal_point_width,
        focal_point_height=image.focal_point_height,
    )
    image.renditions.all().delete()  # deletes their files too
    if old_name != image.file.name:
        image.file.storage.delete(old_name)
    return True


def _is_random_name(name):
    stem = os.path.splitext(os.path.basename(name))[0]
    return len(stem) == 32 and all(c in "0123456789abcdef" for c in stem)


def register():
    pre_save.connect(
        clean_on_save, sender=get_image_model(), dispatch_uid="core-images-clean"
    )
