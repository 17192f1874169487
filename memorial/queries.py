"""The memorial's numbers: totals for the live figures and the breakdowns for charts.

Every published record is counted, whatever the family's consent: a count names nobody.
Drafts and unpublished records are not counted.

A breakdown could name somebody, though: the public list shows every record with
consent, so a chart bar minus the list filtered the same way is the number of records
*without* consent in that group, and a group of one or two can be told who they are.
So no published number breaks the records without consent down into a group smaller
than ``settings.MEMORIAL_MIN_GROUP_SIZE`` (k): in each breakdown (year, governorate,
cause, and the double-tap figure, which is the cause breakdown's), a group holding
fewer than k of them shows only its records with consent, and the records taken out
are counted together in one row, "Not broken down". That row could in turn be found by
subtracting the other rows from the total, so it is never smaller than k either: if
it would be, the next smallest group is folded in too. Only the totals count every
record without consent in one number. See docs/memorial-import.md.

The numbers all come from one grouped query, kept in the cache until a record changes
(``invalidate`` runs on every save, delete, publish and unpublish, and after an
import), so the home page and the questions page quote them without touching the
database on every view.
"""

import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext_lazy as _

from core import memo

from .models import Cause, Consent, FallenVolunteer, Governorate

logger = logging.getLogger(__name__)

VERSION_KEY = "memorial:stats:version"
TIMEOUT = 60 * 60
NOT_BROKEN_DOWN_CODE = "not_broken_down"
NOT_BROKEN_DOWN = _("Not broken down")
YEAR, GOVERNORATE, CAUSE, CONSENT, IS_SAMPLE, COUNT = range(6)


def _new_version():
    """A version never used before (the time in milliseconds): should the version
    be lost, no worker keeps numbers stored under an older one (core/memo.py)."""
    return int(time.time() * 1000)


def _version():
    try:
        version = cache.get(VERSION_KEY)
        if version is None:
            if cache.add(VERSION_KEY, _new_version(), timeout=None):
                memo.clear()
            version = cache.get(VERSION_KEY)
    except Exception:
        return None
    return version


def _key(name):
    # The version is read once per request (core/memo.py).
    version = memo.version(VERSION_KEY, _version)
    if version is None:
        return None
    return f"memorial:stats:{version}:{name}"


def invalidate(**kwargs):
    """Forget every cached number (signal receivers pass their arguments here)."""
    memo.forget_version(VERSION_KEY)
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, _new_version(), timeout=None)
    except Exception:
        logger.warning("Memorial figures: could not reset the cache", exc_info=True)


def _cached(name, compute):
    key = _key(name)
    if key is not None:
        value = memo.get(key)  # read under this version by this worker already
        if value is not memo.MISSING:
            return value
        try:
            value = cache.get(key)
        except Exception:
            value = None
        if value is not None:
            memo.put(key, value)
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


def min_group_size():
    """k: the smallest group of records without consent a number may single out."""
    return max(1, settings.MEMORIAL_MIN_GROUP_SIZE)


def breakdown(index):
    """``({group: count}, not_broken_down)`` for the column ``index`` of ``rows()``:
    each group's count, leaving out its records without consent when they are fewer
    than k, and how many were left out (0, at least k, or all of them)."""
    k = min_group_size()
    public, unconsented = {}, {}
    for row in rows():
        key = row[index]
        public.setdefault(key, 0)
        unconsented.setdefault(key, 0)
        if row[CONSENT] == Consent.NONE:
            unconsented[key] += row[COUNT]
        else:
            public[key] += row[COUNT]
    hidden_groups = {key for key, count in unconsented.items() if 0 < count < k}
    hidden = sum(unconsented[key] for key in hidden_groups)
    if 0 < hidden < k:
        # The total minus the rows shown would give this small number: fold in the
        # next smallest group (at least k) as well.
        shown = [
            (count, str(key), key)
            for key, count in unconsented.items()
            if count and key not in hidden_groups
        ]
        if shown:
            count, _name, key = min(shown)
            hidden_groups.add(key)
            hidden += count
    counts = {
        key: public[key] + (0 if key in hidden_groups else unconsented[key])
        for key in public
    }
    return {key: count for key, count in counts.items() if count}, hidden


def _derived(name, compute):
    """``compute()`` (a sum over ``rows()``), kept in the worker's memory under the
    same version as the rows: worked out once per change, not at each call."""
    key = _key(name)
    if key is None:
        return compute()
    value = memo.get(key)
    if value is memo.MISSING:
        value = compute()
        memo.put(key, value)
    return value


def totals():
    """``{"total", "double_tap", "samples", "public"}`` over every published record
    (``public``: those whose families agreed to publication; ``double_tap`` as the
    cause breakdown gives it)."""
    return _derived(f"totals:{min_group_size()}", _totals)


def _totals():
    result = {"total": 0, "samples": 0, "public": 0}
    for _year, _governorate, _cause, consent, is_sample, count in rows():
        result["total"] += count
        if is_sample:
            result["samples"] += count
        if consent != Consent.NONE:
            result["public"] += count
    result["double_tap"] = breakdown(CAUSE)[0].get(Cause.DOUBLE_TAP, 0)
    return result


def public_count(year=None, governorate=None, cause=None):
    """How many records the grid shows for these filters (no name search)."""
    return sum(
        row[COUNT]
        for row in rows()
        if row[CONSENT] != Consent.NONE
        and (year is None or row[YEAR] == year)
        and (governorate is None or row[GOVERNORATE] == governorate)
        and (cause is None or row[CAUSE] == cause)
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


def by_year():
    """Every year from the first to the last with a loss shown, gaps shown as zero,
    then the row "Not broken down" when there is one (its label in place of a
    year)."""
    counts, hidden = breakdown(YEAR)
    if not counts:
        return [(NOT_BROKEN_DOWN, hidden)] if hidden else []
    result = [
        (year, counts.get(year, 0)) for year in range(min(counts), max(counts) + 1)
    ]
    if hidden:
        result.append((NOT_BROKEN_DOWN, hidden))
    return result


def _by_choice(index, choices):
    counts, hidden = breakdown(index)
    result = sorted(
        ((code, label, counts[code]) for code, label in choices if code in counts),
        key=lambda row: (-row[2], row[0]),
    )
    if hidden:
        result.append((NOT_BROKEN_DOWN_CODE, NOT_BROKEN_DOWN, hidden))
    return result


def by_governorate():
    """Governorates with at least one loss shown, most first, with their labels;
    then "Not broken down" when there is such a row."""
    return _by_choice(GOVERNORATE, Governorate.choices)


def by_cause():
    """Causes with at least one loss shown, most first, with their labels; then "Not
    broken down" when there is such a row."""
    return _by_choice(CAUSE, Cause.choices)


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
