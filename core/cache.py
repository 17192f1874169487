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

Served before everything else. A hit costs about what a bare Django view does:
``whitehelmets/wsgi.py`` wraps the application in ``ServeCachedPages``, which answers
a hit from the stored status, headers and bytes before Django's handler runs (no
middleware, no request signals, no database connection, no session); in-process (the
test client) the middleware, first in ``MIDDLEWARE``, does the same lookup. So what is
stored is the complete answer, every header the middleware adds (CSP, HSTS and the
other security headers, ``Content-Language``, ``Vary``) included: a hit and a miss
carry the same headers. The scheme is part of the key: the HTTPS redirect and HSTS
stay as the security middleware decides them.

Compressed once. A page is stored three times, Brotli, gzip and as it is, each with
its own ``Content-Encoding`` and ``Content-Length`` and all with ``Vary:
Accept-Encoding``; a hit picks the one the browser accepts and does no compression.
(The random padding Django's gzip adds against BREACH guards secrets in a page; a
page that can be shared has none: pages with a CSRF token are never stored.) Each
copy carries a weak ``ETag`` of the page, so a browser revalidating (``max-age=0``)
with ``If-None-Match`` gets a ``304``.

One round trip. Keys do not carry the site version: each entry holds the version it
was stored at, and a hit reads the version and the entry together (``get_many``); an
entry of another version is a miss and is overwritten.

When the cache does not answer (core/cache_backends.py), pages are served uncached.
"""

import functools
import gzip
import hashlib
import logging
import socket
import threading
import time
from http.client import responses as STATUS_PHRASES

import brotli
from django.conf import settings
from django.core.cache import DEFAULT_CACHE_ALIAS, cache, caches
from django.core.exceptions import DisallowedHost
from django.core.handlers.wsgi import WSGIRequest
from django.http import HttpResponse
from django.middleware.gzip import GZipMiddleware
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import parse_etags
from wagtail import hooks

from . import memo

logger = logging.getLogger(__name__)

VERSION_KEY = "pagecache:version"
CACHED_HEADER = "X-Page-Cache"
LIFETIME_ATTRIBUTE = "page_cache_seconds"
RULE_ATTRIBUTE = "page_cache_rule"
BUMP_ATTEMPTS = 3
# The copies of a page, best first; "identity" is the page as it is.
ENCODINGS = ("br", "gzip", "identity")
# Smaller than this, a page is not worth compressing.
COMPRESS_MIN_BYTES = 200
# Brotli's quality: 11 costs several times a render for a few per cent; 9 is about
# Brotli's best for a page, in a few milliseconds, once per page per change.
BROTLI_QUALITY = 9
# Headers a 304 carries (RFC 9110 15.4.5, as Django's conditional responses).
NOT_MODIFIED_HEADERS = frozenset(
    ("cache-control", "content-location", "date", "etag", "expires", "vary")
)


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
    # The hit's own reader (a plain socket, the same breaker): a fifth of what a
    # read through redis-py costs, once on every page rendered.
    version = read_for_hit.get_many([VERSION_KEY]).get(VERSION_KEY)
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


def personal_seconds():
    """How long a piece of a personal record may be kept: no longer than a page
    showing one (``PAGE_CACHE_PERSONAL_SECONDS``, or a rule's shorter ``max_age``)."""
    ages = [rule.get("max_age") for rule in settings.PAGE_CACHE_RULES.values()]
    return min([settings.PAGE_CACHE_PERSONAL_SECONDS, *filter(None, ages)])


def remember(name, compute, timeout=None, personal=False):
    """``compute()``, kept in the cache until the site next changes.

    For the small pieces every page shows (the menu, the donate link): one cache read
    instead of several queries, and the same invalidation as the page cache. When the
    cache is down the value is simply computed. A ``personal`` piece (what a page
    shows of a personal record) is kept at most ``personal_seconds()`` from when it
    was computed, by the cache and by every worker, as pages showing such records
    are.
    """
    timeout = timeout or settings.FRAGMENT_CACHE_SECONDS
    if not timeout:
        return compute()
    if personal:
        timeout = min(timeout, personal_seconds())
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


def excluded_prefixes():
    """Paths never looked up: the settings' list, static files and media."""
    return (
        *settings.PAGE_CACHE_EXCLUDED_PREFIXES,
        settings.STATIC_URL or "/static/",
        settings.MEDIA_URL or "/media/",
    )


def is_cacheable_request(request):
    if request.method not in ("GET", "HEAD"):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return False  # signed-in staff, or a visitor with a session (donation flow)
    if "HTTP_AUTHORIZATION" in request.META:
        return False
    path = request.path_info
    return not path.startswith(excluded_prefixes())


def is_cacheable_response(response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    cache_control = response.get("Cache-Control", "")
    if any(word in cache_control for word in ("private", "no-store", "no-cache")):
        return False
    if response.has_header("Content-Encoding"):
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


def address(request):
    """What a page is kept under: scheme, host and path (the query comes apart).
    ``get_host()`` checks the host against ``ALLOWED_HOSTS`` first."""
    return f"{request.scheme}|{request.get_host()}|{request.path}"


def cache_key(place, pairs, encoding):
    digest = hashlib.sha256(f"{place}|{pairs!r}".encode()).hexdigest()
    return f"page:{digest}:{encoding}"


def parameters_key(place):
    return f"pagequery:{hashlib.sha256(place.encode()).hexdigest()}"


@functools.lru_cache(maxsize=256)
def accepted_encoding(accept_encoding):
    """The best copy for an ``Accept-Encoding`` header: br, gzip or identity
    (a coding with ``q=0`` is refused)."""
    accepted = set()
    for part in accept_encoding.lower().split(","):
        coding, _, parameters = part.partition(";")
        quality = parameters.strip().removeprefix("q=").strip()
        if quality and quality.rstrip("0").rstrip(".") in ("", "0"):
            continue
        accepted.add(coding.strip())
    for encoding in ENCODINGS[:-1]:
        if encoding in accepted or "*" in accepted:
            return encoding
    return "identity"


def not_modified(request, headers):
    """Whether the browser's ``If-None-Match`` names this copy's ETag."""
    condition = request.META.get("HTTP_IF_NONE_MATCH")
    if not condition:
        return False
    etag = next((value for name, value in headers if name == "ETag"), None)
    tags = {tag.removeprefix("W/") for tag in parse_etags(condition)}
    return etag is not None and ("*" in tags or etag.removeprefix("W/") in tags)


def answer(request, entry):
    """``(status, headers, body)`` for a stored copy: the copy, or a 304."""
    _version, status, headers, body = entry
    if not_modified(request, headers):
        kept = [(n, v) for n, v in headers if n.lower() in NOT_MODIFIED_HEADERS]
        return 304, kept, b""
    return status, headers, body


class HitReader:
    """The hit's one read: ``MGET`` of the version and a page on a socket of its own.

    Through Django's cache and redis-py a read costs about 50 µs of CPU (the pool's
    checks, command packing, the reply parser), a third of a hit; the same command on
    a plain socket about 10 µs. So a hit reads this way when the cache is the site's
    Redis (``ResilientRedisCache``, one server, no TLS), with the same time-outs and
    the same circuit breaker (a failure opens it; while open, nothing is tried);
    otherwise, and for every write, through the cache as usual. One socket per
    thread, opened again after any failure.
    """

    def __init__(self):
        self.local = threading.local()

    def connection_settings(self, backend):
        from redis.connection import Connection

        client = backend._cache
        if len(client._servers) != 1:
            return None
        pool = client._get_connection_pool(write=False)
        if pool.connection_class is not Connection:  # TLS or a Unix socket
            return None
        options = pool.connection_kwargs
        return {
            "address": (options.get("host", "localhost"), options.get("port", 6379)),
            "db": options.get("db", 0),
            "username": options.get("username"),
            "password": options.get("password"),
            "connect_timeout": options.get("socket_connect_timeout"),
            "timeout": options.get("socket_timeout"),
        }

    def get_many(self, keys):
        """``cache.get_many(keys)``, as a dict of the keys found."""
        from core.cache_backends import ResilientRedisCache

        backend = caches[DEFAULT_CACHE_ALIAS]
        if not isinstance(backend, ResilientRedisCache):
            return cache.get_many(keys)
        local = self.local
        if getattr(local, "backend", None) is not backend:
            self.close()
            local.backend = backend
            local.settings = self.connection_settings(backend)
        if local.settings is None:
            return cache.get_many(keys)
        breaker = backend.breaker
        if not breaker.allow():
            return {}
        try:
            values = self.mget([backend.make_key(key) for key in keys])
        except Exception as error:
            self.close()
            breaker.failed(error)
            return {}
        breaker.succeeded()
        loads = backend._cache._serializer.loads
        return {k: loads(v) for k, v in zip(keys, values, strict=True) if v is not None}

    def close(self):
        sock = getattr(self.local, "socket", None)
        self.local.socket = None
        if sock is not None:
            sock.close()

    def connect(self):
        settings_ = self.local.settings
        sock = socket.create_connection(
            settings_["address"], timeout=settings_["connect_timeout"]
        )
        sock.settimeout(settings_["timeout"])
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.local.socket, self.local.buffer = sock, b""
        if settings_["password"]:
            credentials = [settings_["username"], settings_["password"]]
            self.command(["AUTH", *filter(None, credentials)])
        if settings_["db"]:
            self.command(["SELECT", str(settings_["db"])])
        return sock

    def command(self, words):
        sock = self.local.socket
        parts = [b"*%d\r\n" % len(words)]
        for word in words:
            word = word.encode() if isinstance(word, str) else word
            parts.append(b"$%d\r\n%s\r\n" % (len(word), word))
        sock.sendall(b"".join(parts))
        return self.reply()

    def mget(self, keys):
        """``MGET``; a connection that Redis (or the network) closed since the last
        read is opened again once, as redis-py's pool does. A time-out is not tried
        again: it is the breaker's to count."""
        reused = getattr(self.local, "socket", None) is not None
        if not reused:
            self.connect()
        try:
            values = self.command(["MGET", *keys])
        except TimeoutError:
            raise
        except OSError:
            if not reused:
                raise
            self.close()
            self.connect()
            values = self.command(["MGET", *keys])
        if not isinstance(values, list):
            raise ConnectionError("unexpected reply to MGET")
        return values

    def line(self):
        local = self.local
        while (end := local.buffer.find(b"\r\n")) < 0:
            self.fill()
        line, local.buffer = local.buffer[:end], local.buffer[end + 2 :]
        return line

    def fill(self):
        chunk = self.local.socket.recv(65536)
        if not chunk:
            raise ConnectionError("Redis closed the connection")
        self.local.buffer += chunk

    def reply(self):
        line = self.line()
        kind, rest = line[:1], line[1:]
        if kind == b"+":
            return rest
        if kind == b"-":
            raise ConnectionError(rest.decode(errors="replace"))
        if kind == b":":
            return int(rest)
        if kind == b"$":
            size = int(rest)
            if size < 0:
                return None
            local = self.local
            while len(local.buffer) < size + 2:
                self.fill()
            value, local.buffer = local.buffer[:size], local.buffer[size + 2 :]
            return value
        if kind == b"*":
            return [self.reply() for _ in range(int(rest))]
        raise ConnectionError(f"unexpected reply from Redis: {line[:20]!r}")


read_for_hit = HitReader()


def find(request):
    """``(version, answer)``: the site version (None when the cache does not
    answer) and the stored answer for ``request`` in the encoding it accepts (None
    on a miss). One round trip for an address without a query string, two with one.
    """
    place = address(request)
    encoding = accepted_encoding(request.META.get("HTTP_ACCEPT_ENCODING", ""))
    if request.GET:
        key = parameters_key(place)
        found = read_for_hit.get_many([VERSION_KEY, key])
        version, learnt = found.get(VERSION_KEY), found.get(key)
        if version is None or learnt is None or learnt[0] != version:
            return version, None
        pairs = normalised_query(request.GET, learnt[1])
        entry = cache.get(cache_key(place, pairs, encoding))
    else:
        key = cache_key(place, [], encoding)
        found = read_for_hit.get_many([VERSION_KEY, key])
        version, entry = found.get(VERSION_KEY), found.get(key)
    if entry is None or version is None or entry[0] != version:
        return version, None
    return version, answer(request, entry)


def copies(version, response):
    """The entries to store for a page: every encoding, with its own headers."""
    content = response.content
    headers = [
        (name, value)
        for name, value in response.items()
        if name.lower() not in ("content-length", "content-encoding", "etag")
        and name != CACHED_HEADER
    ]
    digest = hashlib.sha256(content).hexdigest()[:32]
    headers.append(("ETag", f'W/"{digest}"'))
    entries = {}
    for encoding in ENCODINGS:
        body = content
        if encoding != "identity" and len(content) >= COMPRESS_MIN_BYTES:
            if encoding == "br":
                body = brotli.compress(content, quality=BROTLI_QUALITY)
            else:
                body = gzip.compress(content, compresslevel=9, mtime=0)
            if len(body) >= len(content):
                body = content
        extra = [("Content-Length", str(len(body)))]
        if body is not content:
            extra.append(("Content-Encoding", encoding))
        entries[encoding] = (version, response.status_code, headers + extra, body)
    return entries


def http_response(status, headers, body, state):
    response = HttpResponse(body, status=status)
    for name, value in headers:
        response[name] = value
    response[CACHED_HEADER] = state
    return response


class AnonymousPageCacheMiddleware:
    """First in ``MIDDLEWARE``: answers hits before any other middleware runs (in
    production ``ServeCachedPages`` answers them even before Django's handler), and
    stores what the rest of the chain answers when it may be shared.

    The rest of the chain is asked for the page uncompressed (the cache compresses
    each copy once); an answer that is not stored is compressed by Django's
    ``GZipMiddleware``, as every other answer is.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.compress = GZipMiddleware(get_response)

    def __call__(self, request):
        if not settings.PAGE_CACHE_SECONDS or not is_cacheable_request(request):
            return self.get_response(request)
        version, stored = find(request)
        if stored is not None:
            return http_response(*stored, "hit")
        if version is None:
            version = site_version()

        accept = request.META.pop("HTTP_ACCEPT_ENCODING", None)
        try:
            response = self.get_response(request)
        finally:
            if accept is not None:
                request.META["HTTP_ACCEPT_ENCODING"] = accept
        if not is_cacheable_response(response):
            return self.compress.process_response(request, response)

        seconds = settings.PAGE_CACHE_SECONDS
        rule = rule_for(request)
        names = tuple(rule.get("query", ()))
        lifetime = min(
            seconds,
            rule.get("max_age") or seconds,
            getattr(response, LIFETIME_ATTRIBUTE, None) or seconds,
        )
        self.set_public_headers(response, lifetime)
        if version is None:
            # The cache is not answering: the page is not stored, but a front cache
            # (Varnish, a CDN) may still keep it, and is purged on changes as ever.
            return self.compress.process_response(request, response)
        place = address(request)
        pairs = normalised_query(request.GET, names)
        entries = copies(version, response)
        cache.set_many(
            {cache_key(place, pairs, e): entry for e, entry in entries.items()},
            lifetime,
        )
        if request.GET:
            cache.set(parameters_key(place), (version, names), seconds)
        chosen = entries[accepted_encoding(accept or "")]
        return http_response(*answer(request, chosen), "miss")

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
        patch_vary_headers(response, ("Accept-Encoding",))


class ServeCachedPages:
    """The WSGI application (``whitehelmets/wsgi.py``), with page-cache hits answered
    before Django's handler: from the stored status line, headers and bytes, with no
    middleware, no request signals and no database. Everything else, misses
    included, goes to ``application``."""

    def __init__(self, application):
        self.application = application
        self.status_lines = {}

    def status_line(self, status):
        line = self.status_lines.get(status)
        if line is None:
            line = self.status_lines[status] = f"{status} {STATUS_PHRASES[status]}"
        return line

    def __call__(self, environ, start_response):
        if settings.PAGE_CACHE_SECONDS and environ.get("REQUEST_METHOD") in (
            "GET",
            "HEAD",
        ):
            # A copy: WSGIRequest rewrites PATH_INFO, and Django reads it again.
            request = WSGIRequest(environ.copy())
            stored = None
            try:
                if is_cacheable_request(request):
                    stored = find(request)[1]
            except DisallowedHost:
                pass  # Django answers it (400)
            if stored is not None:
                status, headers, body = stored
                start_response(
                    self.status_line(status), [*headers, (CACHED_HEADER, "hit")]
                )
                return [b""] if request.method == "HEAD" else [body]
        return self.application(environ, start_response)
