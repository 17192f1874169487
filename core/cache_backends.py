"""A Redis cache that degrades to "no cache" instead of failing or holding requests.

The degraded contract
---------------------
When Redis refuses connections, times out or answers garbage, no cache method raises
(except ``incr``/``decr``, below) and none waits longer than one socket time-out:

==============================  ==========================================
``get(key, default)``           ``default`` (a miss)
``get_many``                    ``{}``
``has_key``, ``add``, ``touch``  ``False`` (nothing was stored)
``delete``                      ``False``
``set``, ``delete_many``,       ``None`` (the write is dropped)
``clear``
``set_many``                    the keys given (all of them failed)
``incr``, ``decr``              raise ``CacheUnavailable`` (a subclass of
                                ``Exception``, not of ``ValueError``)
==============================  ==========================================

``incr``/``decr`` have no truthful number to answer: ``None`` or ``0`` would let a
caller compare a made-up count. A counter (a rate limit, the site version) catches
``CacheUnavailable`` and decides for itself whether to fail open or closed;
``ValueError`` still means "no such key", as in Django. ``is_available()`` says whether
the cache is answering at the moment (the health check uses it).

The circuit breaker
-------------------
The first failure opens the circuit for ``CACHE_CIRCUIT_SECONDS`` (settings, default
5 s): the process stops calling Redis and every call answers as above at once. After
that one call is let through (half-open); success closes the circuit, failure opens it
again. So a page view spends at most one socket time-out on a broken Redis (the
time-outs are ~0.1 s, set in settings, and redis-py's retries are turned off), and
the log gets one line per change of state, never a traceback per call. The breaker is
shared by the threads of a process, one per Redis location.
"""

import functools
import logging
import threading
import time
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.core.cache.backends.redis import RedisCache, RedisCacheClient

logger = logging.getLogger(__name__)

CLOSED, OPEN, HALF_OPEN = "closed", "open", "half-open"


class CacheUnavailable(Exception):
    """The cache did not answer (``incr``/``decr`` only; see the module's contract)."""


class CircuitBreaker:
    """Closed -> open on a failure; open -> half-open after ``seconds``; the one
    half-open call closes it again (success) or re-opens it (failure)."""

    def __init__(self, name, seconds=None):
        self.name = name
        self._seconds = seconds
        self.state = CLOSED
        self.opened_at = 0.0
        self._lock = threading.Lock()

    @property
    def seconds(self):
        if self._seconds is not None:
            return self._seconds
        return getattr(settings, "CACHE_CIRCUIT_SECONDS", 5.0)

    def allow(self):
        """Whether this call may go to Redis."""
        if self.state == CLOSED:
            return True
        with self._lock:
            if self.state == OPEN and time.monotonic() - self.opened_at >= self.seconds:
                self.state = HALF_OPEN
                logger.info("Cache %s: circuit half-open, trying once", self.name)
                return True  # this caller makes the trial call
            return False  # open, or a trial call is in flight

    def succeeded(self):
        if self.state == CLOSED:
            return
        with self._lock:
            if self.state != CLOSED:
                self.state = CLOSED
                logger.warning("Cache %s: circuit closed, Redis answers", self.name)

    def failed(self, error):
        with self._lock:
            previous, self.state = self.state, OPEN
            self.opened_at = time.monotonic()
        if previous == CLOSED:
            logger.warning(
                "Cache %s: circuit open (%s: %s); serving uncached for %s s",
                self.name,
                type(error).__name__,
                error,
                self.seconds,
            )
        elif previous == HALF_OPEN:
            logger.info("Cache %s: circuit open again (%s)", self.name, error)


_breakers = {}
_breakers_lock = threading.Lock()


def breaker_for(location):
    with _breakers_lock:
        breaker = _breakers.get(location)
        if breaker is None:
            breaker = _breakers[location] = CircuitBreaker(location)
        return breaker


def _without_credentials(url):
    """``redis://user:secret@host:6379/0`` -> ``redis://host:6379/0`` (for the log)."""
    parts = urlsplit(url)
    if "@" not in parts.netloc:
        return url
    return urlunsplit(parts._replace(netloc=parts.netloc.rsplit("@", 1)[1]))


def _degrade(method, fallback):
    """``method`` behind the breaker; a failure answers ``fallback(args, kwargs)``."""

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        breaker = self.breaker
        if not breaker.allow():
            return fallback(args, kwargs)
        try:
            result = method(self, *args, **kwargs)
        except ValueError:
            breaker.succeeded()
            raise  # incr() of a missing key: Redis answered, the caller handles it
        except Exception as error:
            breaker.failed(error)
            return fallback(args, kwargs)
        breaker.succeeded()
        return result

    return wrapper


def _default_argument(args, kwargs):
    """``get(key, default=None)`` answers its default on a miss."""
    return kwargs.get("default", args[1] if len(args) > 1 else None)


def _constant(value):
    return lambda args, kwargs: value() if callable(value) else value


def _all_keys(args, kwargs):
    data = kwargs.get("data", args[0] if args else {})
    return list(data)


def _unavailable(args, kwargs):
    raise CacheUnavailable("the cache is not answering")


class ReusingRedisCacheClient(RedisCacheClient):
    """Django's client, keeping one ``redis.Redis`` per connection pool.

    Django makes a new ``redis.Redis`` for every cache call, and making one copies
    redis-py's table of response callbacks: about half a millisecond of CPU each,
    several times a page. A ``redis.Redis`` is safe to share between threads (each
    command takes a connection from the pool), so one per pool is kept.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            client = super().get_client(key, write=write)
            self._clients[index] = client
        return client


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        from redis.backoff import NoBackoff
        from redis.retry import Retry

        options = dict(params.get("OPTIONS") or {})
        # One attempt per call: the breaker, not redis-py, decides when to try again.
        options.setdefault("retry", Retry(NoBackoff(), 0))
        super().__init__(server, {**params, "OPTIONS": options})
        self._class = ReusingRedisCacheClient
        self.breaker = breaker_for(",".join(map(_without_credentials, self._servers)))

    def incr_now(self, key, delta=1, version=None):
        """``incr`` tried even while the circuit is open (for writes that must not
        be skipped, like the site-version bump); a failure still raises
        ``CacheUnavailable`` and is reported to the breaker."""
        try:
            result = RedisCache.incr(self, key, delta, version)
        except ValueError:
            self.breaker.succeeded()
            raise
        except Exception as error:
            self.breaker.failed(error)
            raise CacheUnavailable(str(error)) from error
        self.breaker.succeeded()
        return result

    def is_available(self):
        """True when Redis answers a PING now (the breaker permitting)."""
        if not self.breaker.allow():
            return False
        try:
            self._cache.get_client(write=True).ping()
        except Exception as error:
            self.breaker.failed(error)
            return False
        self.breaker.succeeded()
        return True

    get = _degrade(RedisCache.get, _default_argument)
    get_many = _degrade(RedisCache.get_many, _constant(dict))
    has_key = _degrade(RedisCache.has_key, _constant(False))
    add = _degrade(RedisCache.add, _constant(False))
    set = _degrade(RedisCache.set, _constant(None))
    set_many = _degrade(RedisCache.set_many, _all_keys)
    touch = _degrade(RedisCache.touch, _constant(False))
    incr = _degrade(RedisCache.incr, _unavailable)
    delete = _degrade(RedisCache.delete, _constant(False))
    delete_many = _degrade(RedisCache.delete_many, _constant(None))
    clear = _degrade(RedisCache.clear, _constant(None))
