"""Fair limits on starting checkouts, counted in the cache.

Card testers start many checkouts, most of them small; donors start one or two. Each
checkout counts against the client address and against the browser (its CSRF
cookie). An address seen with several browsers is shared (a mobile carrier's NAT, an
office) and gets a higher burst. Over a limit, the donor is offered a proof-of-work
challenge (ALTCHA, solved by our own script) instead of a refusal; only the
card-testing pattern (many small checkouts from one address) is refused outright.
A checkout that the same browser saw declined or cancelled gives one retry that does
not count again.

When the cache is down nothing is counted (a log line says so): refusing every donor
because Redis restarted would be worse than a brief window without the limit.
"""

import datetime
import hashlib
import logging

import altcha
from django.conf import settings
from django.core.cache import cache
from django.utils.crypto import salted_hmac

from core.client import client_address

logger = logging.getLogger(__name__)


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


def _digest(value):
    return hashlib.sha256(value.encode()).hexdigest()[:32]


def browser_id(request):
    """The browser's identity for counting: its CSRF cookie (every form post has
    one), hashed."""
    cookie = request.COOKIES.get(settings.CSRF_COOKIE_NAME, "")
    return _digest(cookie) if cookie else ""


def _get(key):
    try:
        return cache.get(key)
    except Exception:
        return None


def _delete(key):
    try:
        cache.delete(key)
    except Exception:
        logger.warning("Donations rate limit: the cache is unavailable")


ALLOW = "allow"
CHALLENGE = "challenge"
REFUSE = "refuse"


def _is_shared(address, browser, window):
    """Record ``browser`` behind ``address``; True once several browsers were seen."""
    if not browser:
        return False
    seen = f"donations:browser:{_digest(address)}:{browser}"
    try:
        new = cache.add(seen, 1, timeout=window)
    except Exception:
        new = False
    key = f"donations:browsers:{_digest(address)}"
    count = hit(key, window) if new else _get(key)
    return isinstance(count, int) and count >= settings.DONATIONS_SHARED_BROWSERS


def check_checkout(request, amount_minor, minimum_minor, challenge_solved=False):
    """Count one checkout and decide: ``ALLOW``, ``CHALLENGE`` or ``REFUSE``."""
    limit = settings.DONATIONS_RATE_LIMIT
    window = settings.DONATIONS_RATE_LIMIT_WINDOW
    if limit <= 0:
        return ALLOW
    address = client_address(request)
    browser = browser_id(request)
    # Many small checkouts from one address: the card-testing pattern. Every one
    # counts, retries and solved challenges included.
    if amount_minor <= minimum_minor * settings.DONATIONS_SMALL_GIFT_FACTOR:
        small = hit(f"donations:small:{_digest(address)}", window)
        if small is not None and small > settings.DONATIONS_SMALL_CHECKOUTS:
            return REFUSE
    if browser and _get(f"donations:retry:{browser}"):
        _delete(f"donations:retry:{browser}")
        return ALLOW  # a retry after this browser's own decline or cancel
    shared = _is_shared(address, browser, window)
    address_limit = limit * (settings.DONATIONS_SHARED_FACTOR if shared else 1)
    by_address = hit(_key(address), window)
    by_browser = hit(f"donations:session:{browser}", window) if browser else None
    over = (by_address is not None and by_address > address_limit) or (
        by_browser is not None and by_browser > settings.DONATIONS_RATE_LIMIT_SESSION
    )
    if not over or challenge_solved:
        return ALLOW
    return CHALLENGE


def allow_checkout(request):
    """Count one checkout for this client; False once over the limit (no challenge
    offered: for callers other than the donation form)."""
    return check_checkout(request, 10**9, 0) == ALLOW


def remember_checkout(request, donation):
    """Note which browser started ``donation``, so that its decline or cancel gives
    that browser one retry that does not count again."""
    browser = browser_id(request)
    if not browser:
        return
    try:
        cache.set(
            f"donations:owner:{donation.token}",
            browser,
            timeout=settings.DONATIONS_RATE_LIMIT_WINDOW,
        )
    except Exception:
        logger.warning("Donations rate limit: the cache is unavailable")


def forgive_retry(request, donation):
    """The donor came back from a declined or cancelled checkout they started."""
    browser = browser_id(request)
    if not browser or _get(f"donations:owner:{donation.token}") != browser:
        return
    _delete(f"donations:owner:{donation.token}")  # once per checkout
    try:
        cache.set(
            f"donations:retry:{browser}",
            1,
            timeout=settings.DONATIONS_RATE_LIMIT_WINDOW,
        )
    except Exception:
        logger.warning("Donations rate limit: the cache is unavailable")


# The challenge ---------------------------------------------------------------------


def _challenge_key():
    return salted_hmac(
        "donations.ratelimit", "altcha", secret=settings.SECRET_KEY
    ).hexdigest()


def new_challenge():
    """An ALTCHA proof-of-work challenge (SHA-256), signed, valid ten minutes."""
    expires = datetime.datetime.now(datetime.UTC) + datetime.timedelta(minutes=10)
    return altcha.create_challenge_v1(
        algorithm="SHA-256",
        max_number=settings.DONATIONS_CHALLENGE_MAX_NUMBER,
        hmac_key=_challenge_key(),
        expires=expires,
    ).to_dict()


def challenge_solved(payload):
    """True for a correct, unexpired solution not used before (each solves one
    checkout)."""
    if not payload or len(payload) > 2000:
        return False
    try:
        ok, _error = altcha.verify_solution_v1(payload, _challenge_key())
    except Exception:  # a payload that is no payload
        return False
    if not ok:
        return False
    used = f"donations:altcha:{_digest(payload)}"
    if _get(used):
        return False
    try:
        cache.set(used, 1, timeout=900)
    except Exception:
        logger.warning("Donations rate limit: the cache is unavailable")
    return True
