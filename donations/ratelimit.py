"""How many checkout sessions one client address may start, counted in the cache.

Card testers start many checkouts from one address; donors start one or two. When the
cache is down the limit is not applied (a log line says so): refusing every donor
because Redis restarted would be worse than a brief window without the limit.
"""

import hashlib
import logging

from django.conf import settings
from django.core.cache import cache

from core.client import client_address

logger = logging.getLogger(__name__)


def _key(address):
    digest = hashlib.sha256(address.encode()).hexdigest()[:32]
    return f"donations:checkouts:{digest}"


def allow_checkout(request):
    """Count one checkout for this client; False once over the limit."""
    limit = settings.DONATIONS_RATE_LIMIT
    window = settings.DONATIONS_RATE_LIMIT_WINDOW
    if limit <= 0:
        return True
    key = _key(client_address(request))
    try:
        if cache.add(key, 1, timeout=window):
            return True
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add() and incr()
            cache.add(key, 1, timeout=window)
            return True
    except Exception:
        logger.warning("Donations rate limit not applied: the cache is unavailable")
        return True
    return count <= limit
