"""The checks behind ``/healthz``: each dependency's state and how long it took.

A state is "ok", "slow" (answered, but later than ``HEALTHZ_SLOW_SECONDS``) or
"unavailable". Only the kind of error is reported (the health URL is public), the
details go to the log. Also here, as it serves the same purpose: what counts as a
database outage (answered with the 503 page) and the log filter that keeps an outage
to one short line per request.
"""

import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, InterfaceError, OperationalError, connection

logger = logging.getLogger(__name__)

# A connection refused or lost, a time-out: the database is down or hung. A bug in a
# query (ProgrammingError, IntegrityError...) stays a 500 with its traceback.
OUTAGES = (OperationalError, InterfaceError)


class OutageLogFilter(logging.Filter):
    """Drop the traceback from Django's log line of a 503 for a database outage:
    one short line per request instead of forty lines."""

    def filter(self, record):
        if record.exc_info and isinstance(record.exc_info[1], OUTAGES):
            record.exc_info = None
            record.exc_text = None
        return True


def _result(started, error=None):
    seconds = time.monotonic() - started
    result = {"latency_ms": round(seconds * 1000, 1)}
    if error is not None:
        result.update(state="unavailable", error=type(error).__name__)
    elif seconds > settings.HEALTHZ_SLOW_SECONDS:
        result["state"] = "slow"
    else:
        result["state"] = "ok"
    return result


def check_database():
    started = time.monotonic()
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        logger.warning("Health check: the database did not answer (%s)", error)
        connection.close_if_unusable_or_obsolete()
        return _result(started, error)
    return _result(started)


def check_cache():
    started = time.monotonic()
    probe = getattr(cache, "is_available", None)
    if probe is not None:  # core.cache_backends.ResilientRedisCache
        if not probe():
            return _result(started, ConnectionError("cache unavailable"))
        return _result(started)
    try:
        cache.set("healthz:probe", 1, 10)
        cache.get("healthz:probe")
    except Exception as error:
        return _result(started, error)
    return _result(started)
