"""A person's photo, served only while the family's consent allows it.

Pages never link to the image library's files for a memorial photo: they link to
``/memorial-photos/<slug>/<filter>/``, and every request there checks, in the database,
that the record is published and its consent is "name and photo". When it is not (any
more), the answer is 404 at once.

The file itself is then sent by nginx, from an ``internal`` location that visitors
cannot ask for (``X-Accel-Redirect`` to ``MEDIA_ACCEL_REDIRECT_PREFIX``); without nginx
(or with S3 storage) Django streams it. Browsers and CDNs may keep a photo for
``MEMORIAL_PHOTO_CACHE_SECONDS`` (60 s): a withdrawal reaches every visitor within that
time, and at once at a CDN purged with ``photo_urls(person)``. The site's page cache
never keeps these responses.
"""

import mimetypes
from urllib.parse import quote

from django.conf import settings
from django.http import FileResponse, HttpResponse, HttpResponseNotFound
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe
from wagtail.images.models import SourceImageIOError

from .models import (
    PHOTO_SIZES,
    PHOTO_SIZES_CARD,
    PHOTO_SIZES_PERSON,
    Consent,
    FallenVolunteer,
)

# An empty URLconf: see ``_not_found``.
urlpatterns = []

CARD = PHOTO_SIZES_CARD
PERSON = PHOTO_SIZES_PERSON
FILTERS = PHOTO_SIZES  # the only renditions a visitor can ask for


def photo_path(person, filter_spec):
    return person.photo_path(filter_spec)


def photo_urls(person, root_url=None):
    """Every URL a visitor may have fetched this person's photo from (see
    ``FallenVolunteer.photo_urls``)."""
    return person.photo_urls(root_url)


def picture(person, filters):
    """What an ``<img>`` of the person's photo needs, or None when it may not show.

    Uses the renditions prefetched with the record (``pages._with_photos``).
    """
    photo = person.public_photo
    if photo is None:
        return None
    try:
        renditions = photo.get_renditions(*filters)
    except SourceImageIOError:  # the file is missing: the card shows no photo
        return None
    first = renditions[filters[0]]
    return {
        "src": photo_path(person, filters[0]),
        "srcset": ", ".join(
            f"{photo_path(person, spec)} {renditions[spec].width}w" for spec in filters
        ),
        "width": first.width,
        "height": first.height,
    }


def forget_withdrawn(sender, instance, **kwargs):
    """After a withdrawal, delete the photo's renditions (and so their files).

    The view already refuses the photo; this leaves no copy of it at any address,
    however it was learnt. A photo another published, consenting record still shows
    is kept. The renditions are made again if consent is given again.
    """
    if not instance.photo_id:
        return
    if instance.live and instance.consent == Consent.NAME_AND_PHOTO:
        return
    still_shown = (
        FallenVolunteer.objects.public()
        .filter(photo_id=instance.photo_id, consent=Consent.NAME_AND_PHOTO)
        .exclude(pk=instance.pk)
        .exists()
    )
    if not still_shown:
        instance.photo.renditions.all().delete()  # their files go on commit


def _file_response(field_file):
    content_type = (
        mimetypes.guess_type(field_file.name)[0] or "application/octet-stream"
    )
    prefix = settings.MEDIA_ACCEL_REDIRECT_PREFIX
    if prefix:
        try:
            field_file.path  # noqa: B018 (on the disk nginx reads)
        except NotImplementedError:
            pass
        else:
            response = HttpResponse(content_type=content_type)
            response["X-Accel-Redirect"] = quote(
                f"{prefix.rstrip('/')}/{field_file.name}"
            )
            return response
    return FileResponse(field_file.open("rb"), content_type=content_type)


def _not_found(request):
    """A plain 404, the same for every refusal, kept by no cache.

    A photo's address has no language. Django's LocaleMiddleware would turn a 404
    there into a redirect to ``/en/...`` (Wagtail's pages match any path under a
    language); pointing this request at a URLconf without language prefixes (this
    module's empty ``urlpatterns``) makes the refusal a 404 at once.
    """
    request.urlconf = __name__
    response = HttpResponseNotFound(b"", content_type="text/plain")
    patch_cache_control(response, no_store=True)
    return response


@require_safe
def serve(request, slug, filter_spec):
    if filter_spec not in FILTERS:
        return _not_found(request)
    person = (
        FallenVolunteer.objects.public()
        .filter(slug=slug, consent=Consent.NAME_AND_PHOTO, photo__isnull=False)
        .select_related("photo")
        .first()
    )
    if person is None:
        return _not_found(request)
    try:
        rendition = person.photo.get_rendition(filter_spec)
    except SourceImageIOError:
        return _not_found(request)
    response = _file_response(rendition.file)
    patch_cache_control(
        response,
        public=True,
        max_age=settings.MEMORIAL_PHOTO_CACHE_SECONDS,
        s_maxage=settings.MEMORIAL_PHOTO_CACHE_SECONDS,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
