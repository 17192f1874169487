"""What a worker keeps in its own memory so a render does not ask the cache again.

Two things, both no staler than the cache itself:

- Per request: the version numbers that key the cached pieces (the site version,
  the memorial figures' version) are read from the cache once per request, not once
  per piece. A bump made during the request (an editor's publish) is seen at once.
- Across requests: a value read from the cache under a versioned key (the menu, the
  site settings, a page's body HTML, the memorial's grouped figures) is also kept
  in the worker under that same key, so the next request that names the same
  version takes it from memory. A new version names new keys: what was kept under
  the old one is never read again, and is dropped. Objects are kept pickled and
  each request gets its own copy, as it would from the cache. A piece of a
  personal record (a memorial card) is kept no longer than the cache keeps it
  (``PAGE_CACHE_PERSONAL_SECONDS`` from when it was rendered), bump or no bump.

Outside a request (a management command, the shell, a test calling a function) the
versions are read every time, as before.
"""

import pickle
import threading
import time

from django.core.signals import request_finished, request_started

# Kept values, at most this many (the keys are few: a handful per page and language).
LIMIT = 2000

_request = threading.local()
_values = {}
_lock = threading.Lock()
_IMMUTABLE = (str, bytes, int, float, bool, type(None))


def _start(**kwargs):
    _request.versions = {}


def _finish(**kwargs):
    _request.versions = None


request_started.connect(_start, dispatch_uid="core-memo-start")
request_finished.connect(_finish, dispatch_uid="core-memo-finish")


def version(key, read):
    """``read()`` (a version number from the cache), once per request."""
    versions = getattr(_request, "versions", None)
    if versions is None:
        return read()
    if key not in versions:
        versions[key] = read()
    return versions[key]


def forget_version(key):
    """The version was just bumped (or lost): read it again."""
    versions = getattr(_request, "versions", None)
    if versions:
        versions.pop(key, None)


MISSING = object()


def get(key):
    """The value kept under ``key`` (a versioned cache key), or ``MISSING``."""
    stored = _values.get(key, MISSING)
    if stored is MISSING:
        return MISSING
    pickled, value, until = stored
    if until is not None and time.time() >= until:
        _values.pop(key, None)
        return MISSING
    return pickle.loads(value) if pickled else value


def put(key, value, until=None):
    """Keep ``value`` under ``key``; ``until`` (a ``time.time()``) when it must be
    gone by then, whatever the version (what a page shows of a personal record)."""
    if isinstance(value, _IMMUTABLE):
        stored = (False, value, until)
    else:
        try:
            stored = (True, pickle.dumps(value, pickle.HIGHEST_PROTOCOL), until)
        except Exception:  # not picklable: the cache could not hold it either
            return
    with _lock:
        if len(_values) >= LIMIT:
            _values.clear()
        _values[key] = stored


def clear():
    with _lock:
        _values.clear()
