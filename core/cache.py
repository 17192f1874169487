"""Anonymous full-page cache with site-wide invalidation.

Public pages are the same for every visitor who is not signed in, so the rendered
response is kept in the cache (Redis in production) and served without touching the
database. Every key carries a *site version*; any change that can show on a public page
(a page published, unpublished, moved or deleted; a section's records or settings saved)
bumps the version, so every page in every language is fresh at once, and the old entries
simply expire. Bumping is cheap and correct: the menus, live figures and related lists
that one change can touch are spread over many pages.

Never cached: anything but GET/HEAD, signed-in staff (a session cookie), previews and
the admin, responses that set cookies or say ``private``, ``no-store`` or ``no-cache``
(forms with a CSRF token use ``never_cache``), and anything but a 200.
"""

import hashlib
import logging

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import patch_cache_control

logger = logging.getLogger(__name__)

VERSION_KEY = "pagecache:version"
CACHED_HEADER = "X-Page-Cache"


def site_version():
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, 1, timeout=None)
        version = cache.get(VERSION_KEY, 1)
    return version


def invalidate(**kwargs):
    """Make every cached page stale (signal receivers call this with the signal's
    arguments, which are ignored)."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # no version yet: start one past the default
        cache.set(VERSION_KEY, 2, timeout=None)
    except Exception:
        # The cache is down: nothing is being served from it either.
        logger.warning("Page cache: could not bump the site version", exc_info=True)


def remember(name, compute, timeout=None):
    """``compute()``, kept in the cache until the site next changes.

    For the small pieces every page shows (the menu, the donate link): one cache read
    instead of several queries, and the same invalidation as the page cache. When the
    cache is down the value is simply computed.
    """
    timeout = timeout or settings.FRAGMENT_CACHE_SECONDS
    if not timeout:
        return compute()
    try:
        key = f"fragment:{site_version()}:{name}"
        value = cache.get(key)
    except Exception:
        logger.warning("Fragment cache unavailable; computing %s", name, exc_info=True)
        return compute()
    if value is None:
        value = compute()
        try:
            cache.set(key, value, timeout)
        except Exception:
            logger.warning("Fragment cache: could not store %s", name, exc_info=True)
    return value


def remember_for_visitors(request, name, compute):
    """``remember()`` for what a page shows its visitors; a preview shows a draft, so
    it is always computed afresh and never stored."""
    if request is None or getattr(request, "is_preview", False):
        return compute()
    return remember(name, compute)


def is_cacheable_request(request):
    if request.method not in ("GET", "HEAD"):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return False  # signed-in staff, or a visitor with a session (donation flow)
    if "HTTP_AUTHORIZATION" in request.META:
        return False
    path = request.path_info
    return not path.startswith(settings.PAGE_CACHE_EXCLUDED_PREFIXES)


def is_cacheable_response(response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    cache_control = response.get("Cache-Control", "")
    if any(word in cache_control for word in ("private", "no-store", "no-cache")):
        return False
    return "Cookie" not in response.get("Vary", "")


def cache_key(request):
    digest = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    return f"page:{site_version()}:{request.get_host()}:{digest}"


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = settings.PAGE_CACHE_SECONDS
        if not seconds or not is_cacheable_request(request):
            return self.get_response(request)
        try:
            key = cache_key(request)
            stored = cache.get(key)
        except Exception:
            logger.warning("Page cache unavailable; serving uncached", exc_info=True)
            return self.get_response(request)
        if stored is not None:
            return self.rebuild(stored)

        response = self.get_response(request)
        if is_cacheable_response(response):
            self.set_public_headers(response)
            try:
                cache.set(key, self.freeze(response), seconds)
            except Exception:
                logger.warning(
                    "Page cache: could not store %s", request.path, exc_info=True
                )
            response[CACHED_HEADER] = "miss"
        return response

    @staticmethod
    def set_public_headers(response):
        # Browsers revalidate every time (a publish shows at once); a CDN may keep the
        # page for a while and is purged on publish when one is configured.
        patch_cache_control(
            response,
            public=True,
            max_age=0,
            s_maxage=settings.PAGE_CACHE_CDN_SECONDS,
            must_revalidate=True,
        )

    @staticmethod
    def freeze(response):
        return (response.status_code, list(response.items()), response.content)

    @staticmethod
    def rebuild(stored):
        status, headers, content = stored
        response = HttpResponse(content, status=status)
        for name, value in headers:
            response[name] = value
        response[CACHED_HEADER] = "hit"
        return response
