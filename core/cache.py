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

Query strings. A key is the host, the path and only the query parameters the page
uses, normalised (sorted by name, the value the page reads: the last one; empty values
dropped). Pages declare them in one place, ``settings.PAGE_CACHE_RULES``, keyed by page
type (``app_label.modelname``) or URL name; any other parameter (``?cb=123``) is
ignored, so it can neither make new entries nor skip the cache. For a request with a
query string the cache first reads which parameters this path uses (a small entry
written with the page).

Invalidation that cannot be lost. ``invalidate()`` retries the bump (bypassing the
circuit breaker) and returns whether it was written. Since one process may still be
unable to reach Redis when a record is withdrawn, pages that show personal records
(the memorial and its person pages, search, the sitemap) carry a short maximum lifetime
(``max_age`` in their rule, ``PAGE_CACHE_PERSONAL_SECONDS``, 30 s by default); a view
may also cap its own response with ``limit_lifetime()``. The cache keeps a page for the
shortest of ``PAGE_CACHE_SECONDS``, its rule and its response's cap, and tells a CDN no
more than that either. So a lost bump leaves a withdrawn person visible for at most that
lifetime.

When the cache does not answer (core/cache_backends.py), pages are served uncached.
"""

import hashlib
import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import patch_cache_control
from wagtail import hooks

from . import memo

logger = logging.getLogger(__name__)

VERSION_KEY = "pagecache:version"
CACHED_HEADER = "X-Page-Cache"
LIFETIME_ATTRIBUTE = "page_cache_seconds"
RULE_ATTRIBUTE = "page_cache_rule"
BUMP_ATTEMPTS = 3


def _first_version():
    """A version never used before: the time in milliseconds. Should the version key
    ever be lost (evicted, flushed), the new one is past every old one, so entries
    stored before a withdrawal can never be served again."""
    return int(time.time() * 1000)


def site_version():
    """The current site version, or None when the cache is not answering (read once
    per request: core/memo.py)."""
    return memo.version(VERSION_KEY, _read_version)


def _read_version():
    version = cache.get(VERSION_KEY)
    if version is None:
        if cache.add(VERSION_KEY, _first_version(), timeout=None):
            memo.clear()  # a new series (the cache was emptied): keep nothing older
        version = cache.get(VERSION_KEY)
    return version


def _bump():
    """One attempt at the bump, through the breaker or past it when it is open."""
    incr = getattr(cache, "incr_now", cache.incr)
    try:
        incr(VERSION_KEY)
        return True
    except ValueError:  # no version yet (or it was lost): start a new one
        return bool(cache.add(VERSION_KEY, _first_version(), timeout=None))


def invalidate(**kwargs):
    """Make every cached page stale; True once the new version is written.

    Signal receivers call this with the signal's arguments, which are ignored. The
    bump is tried ``BUMP_ATTEMPTS`` times; when every attempt fails an error is
    logged: pages with a short lifetime (personal records) expire by themselves.
    """
    last = None
    memo.forget_version(VERSION_KEY)
    for attempt in range(BUMP_ATTEMPTS):
        try:
            if _bump():
                return True
        except Exception as error:  # CacheUnavailable, or another backend's error
            last = error
        if attempt + 1 < BUMP_ATTEMPTS:
            time.sleep(0.05 * (attempt + 1))
    logger.error(
        "Page cache: could not bump the site version (%s); cached pages stay until "
        "they expire (personal records within %s s)",
        last,
        settings.PAGE_CACHE_PERSONAL_SECONDS,
    )
    return False


def remember(name, compute, timeout=None, personal=False):
    """``compute()``, kept in the cache until the site next changes.

    For the small pieces every page shows (the menu, the donate link): one cache read
    instead of several queries, and the same invalidation as the page cache. When the
    cache is down the value is simply computed. A ``personal`` piece (what a page
    shows of a personal record) is kept at most ``PAGE_CACHE_PERSONAL_SECONDS`` from
    when it was computed, by the cache and by every worker, as pages showing such
    records are.
    """
    timeout = timeout or settings.FRAGMENT_CACHE_SECONDS
    if not timeout:
        return compute()
    if personal:
        timeout = min(timeout, settings.PAGE_CACHE_PERSONAL_SECONDS)
    version = site_version()
    if version is None:  # the cache is not answering: the breaker has logged it
        return compute()
    key = f"fragment:{version}:{name}"
    value = memo.get(key)
    if value is not memo.MISSING:
        return value
    stored = cache.get(key)
    if stored is None:
        value = compute()
        until = time.time() + timeout if personal else None
        cache.set(key, (until, value) if personal else value, timeout)
    elif personal:
        until, value = stored
    else:
        until, value = None, stored
    memo.put(key, value, until)
    return value


def remember_for_visitors(request, name, compute, personal=False):
    """``remember()`` for what a page shows its visitors; a preview shows a draft, so
    it is always computed afresh and never stored."""
    if request is None or getattr(request, "is_preview", False):
        return compute()
    return remember(name, compute, personal=personal)


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


def limit_lifetime(response, seconds):
    """Cap how long the page cache (and a CDN) may keep ``response``."""
    current = getattr(response, LIFETIME_ATTRIBUTE, None)
    setattr(response, LIFETIME_ATTRIBUTE, min(seconds, current or seconds))
    return response


@hooks.register("before_serve_page")
def _note_page_type(page, request, serve_args, serve_kwargs):
    """Tell the page cache which rule applies: the served page's type."""
    model = page.specific_class or type(page)
    setattr(request, RULE_ATTRIBUTE, model._meta.label_lower)


def rule_for(request):
    """The page's entry in ``PAGE_CACHE_RULES``: its page type, else its URL name."""
    name = getattr(request, RULE_ATTRIBUTE, None)
    if name is None and request.resolver_match is not None:
        name = request.resolver_match.url_name
    return settings.PAGE_CACHE_RULES.get(name, {})


def normalised_query(query, names):
    """The parameters of ``names`` the request carries, sorted, as the page reads
    them (the last value given); empty values count as absent."""
    pairs = []
    for name in sorted(set(names)):
        value = query.get(name, "")
        if value != "":
            pairs.append((name, value))
    return pairs


def cache_key(version, request, pairs):
    address = f"{request.get_host()}|{request.path}|{pairs!r}"
    digest = hashlib.sha256(address.encode()).hexdigest()
    return f"page:{version}:{digest}"


def parameters_key(version, request):
    digest = hashlib.sha256(f"{request.get_host()}|{request.path}".encode()).hexdigest()
    return f"pagequery:{version}:{digest}"


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = settings.PAGE_CACHE_SECONDS
        if not seconds or not is_cacheable_request(request):
            return self.get_response(request)
        version = site_version()
        if version is None:  # the cache is not answering: serve uncached
            return self.get_response(request)
        key = None
        if not request.GET:
            key = cache_key(version, request, [])
        else:
            names = cache.get(parameters_key(version, request))
            if names is not None:
                key = cache_key(version, request, normalised_query(request.GET, names))
        if key is not None:
            stored = cache.get(key)
            if stored is not None:
                return self.rebuild(stored)

        response = self.get_response(request)
        if is_cacheable_response(response):
            rule = rule_for(request)
            names = tuple(rule.get("query", ()))
            lifetime = min(
                seconds,
                rule.get("max_age") or seconds,
                getattr(response, LIFETIME_ATTRIBUTE, None) or seconds,
            )
            self.set_public_headers(response, lifetime)
            pairs = normalised_query(request.GET, names)
            key = cache_key(version, request, pairs)
            cache.set(key, self.freeze(response), lifetime)
            if request.GET:
                cache.set(parameters_key(version, request), names, seconds)
            response[CACHED_HEADER] = "miss"
        return response

    @staticmethod
    def set_public_headers(response, lifetime):
        # Browsers revalidate every time (a publish shows at once); a CDN may keep the
        # page for a while (never longer than the page cache) and is purged on publish
        # when one is configured.
        patch_cache_control(
            response,
            public=True,
            max_age=0,
            s_maxage=min(settings.PAGE_CACHE_CDN_SECONDS, lifetime),
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
