"""How many checkout sessions one client address may start, counted in the cache.

Card testers start many checkouts from one address; donors start one or two. When the
cache is down the limit is not applied (a log line says so): refusing every donor
because Redis restarted would be worse than a brief window without the limit.
"""

import hashlib
import logging

from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)


def client_address(request):
    """The donor's address: the connection's, or the one the trusted proxies saw."""
    proxies = settings.DONATIONS_TRUSTED_PROXIES
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies > 0 and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if len(hops) >= proxies:
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def _key(address):
    digest = hashlib.sha256(address.encode()).hexdigest()[:32]
    return f"donations:checkouts:{digest}"


def hit(key, window):
    """Count one hit on ``key`` for ``window`` seconds: the new count, or None when
    the cache cannot count (down, refusing writes, or answering nothing). Every
    caller gets the same degraded answer and decides what None means for it."""
    try:
        if cache.add(key, 1, timeout=window):
            return 1
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add() and incr()
            count = 1 if cache.add(key, 1, timeout=window) else None
    except Exception:
        count = None
    if not isinstance(count, int):
        logger.warning("Donations rate limit not applied: the cache is unavailable")
        return None
    return count


def allow_checkout(request):
    """Count one checkout for this client; False once over the limit."""
    limit = settings.DONATIONS_RATE_LIMIT
    window = settings.DONATIONS_RATE_LIMIT_WINDOW
    if limit <= 0:
        return True
    count = hit(_key(client_address(request)), window)
    return count is None or count <= limit
