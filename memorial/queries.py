"""The memorial's numbers: totals for the live figures and the breakdowns for charts.

Every published record is counted, whatever the family's consent: a count names nobody.
Drafts and unpublished records are not counted. The numbers all come from one
grouped query, kept in the cache until a record changes (``invalidate`` runs on every
save, delete, publish and unpublish, and after an import), so the home page and the
questions page quote them without touching the database on every view.
"""

import logging

from django.core.cache import cache
from django.db.models import Count
from django.db.models.functions import ExtractYear

from .models import Cause, Consent, FallenVolunteer, Governorate

logger = logging.getLogger(__name__)

VERSION_KEY = "memorial:stats:version"
TIMEOUT = 60 * 60


def _key(name):
    try:
        version = cache.get(VERSION_KEY)
        if version is None:
            cache.add(VERSION_KEY, 1, timeout=None)
            version = cache.get(VERSION_KEY, 1)
    except Exception:
        return None
    return f"memorial:stats:{version}:{name}"


def invalidate(**kwargs):
    """Forget every cached number (signal receivers pass their arguments here)."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, timeout=None)
    except Exception:
        logger.warning("Memorial figures: could not reset the cache", exc_info=True)


def _cached(name, compute):
    key = _key(name)
    if key is not None:
        try:
            value = cache.get(key)
        except Exception:
            value = None
        if value is not None:
            return value
    value = compute()
    if key is not None:
        try:
            cache.set(key, value, TIMEOUT)
        except Exception:
            logger.warning("Memorial figures: could not cache %s", name, exc_info=True)
    return value


def _rows():
    """One GROUP BY over the published records: ``(year, governorate, cause,
    consent, is_sample, count)`` for every combination that occurs. Totals, charts
    and the grid's result counts are all sums over these few rows."""
    grouped = (
        FallenVolunteer.objects.counted()
        .order_by()
        .annotate(year=ExtractYear("date_of_death"))
        .values_list("year", "governorate", "cause", "consent", "is_sample")
        .annotate(count=Count("pk"))
    )
    return [tuple(row) for row in grouped]


def rows():
    return _cached("rows", _rows)


def totals():
    """``{"total", "double_tap", "samples", "public"}`` over every published record
    (``public``: those whose families agreed to publication)."""
    result = {"total": 0, "double_tap": 0, "samples": 0, "public": 0}
    for _year, _governorate, cause, consent, is_sample, count in rows():
        result["total"] += count
        if cause == Cause.DOUBLE_TAP:
            result["double_tap"] += count
        if is_sample:
            result["samples"] += count
        if consent != Consent.NONE:
            result["public"] += count
    return result


def public_count(year=None, governorate=None, cause=None):
    """How many records the grid shows for these filters (no name search)."""
    return sum(
        row[5]
        for row in rows()
        if row[3] != Consent.NONE
        and (year is None or row[0] == year)
        and (governorate is None or row[1] == governorate)
        and (cause is None or row[2] == cause)
    )


def total_lost():
    return totals()["total"]


def double_tap_count():
    return totals()["double_tap"]


def double_tap_share():
    """The share (0–100) of the volunteers lost killed in double-tap strikes."""
    numbers = totals()
    if not numbers["total"]:
        return 0
    return 100 * numbers["double_tap"] / numbers["total"]


def _sum_by(index):
    counts = {}
    for row in rows():
        counts[row[index]] = counts.get(row[index], 0) + row[5]
    return counts


def by_year():
    """Every year from the first to the last with a loss, gaps shown as zero."""
    counts = _sum_by(0)
    if not counts:
        return []
    return [(year, counts.get(year, 0)) for year in range(min(counts), max(counts) + 1)]


def by_governorate():
    """Governorates with at least one loss, most first, with their labels."""
    counts = _sum_by(1)
    return sorted(
        (
            (code, label, counts[code])
            for code, label in Governorate.choices
            if code in counts
        ),
        key=lambda row: (-row[2], row[0]),
    )


def by_cause():
    """Causes with at least one loss, most first, with their labels."""
    counts = _sum_by(2)
    return sorted(
        (
            (code, label, counts[code])
            for code, label in Cause.choices
            if code in counts
        ),
        key=lambda row: (-row[2], row[0]),
    )


def register_figures():
    """Give ``core`` the memorial's live figures (called from ``AppConfig.ready``)."""
    from django.utils.translation import gettext_lazy as _

    from core import figures

    figures.register("memorial.total_lost", _("Volunteers lost (memorial)"), total_lost)
    figures.register(
        "memorial.double_tap_count",
        _("Volunteers killed in double-tap strikes (memorial)"),
        double_tap_count,
    )
    figures.register(
        "memorial.double_tap_share",
        _("Share of volunteers killed in double-tap strikes (memorial)"),
        double_tap_share,
        kind=figures.PERCENT,
    )
