"""What the memorial page and a person's page show (``MemorialPage``'s routes).

The public context is gathered here in a fixed number of queries whatever the number
of records: the figures and charts (cached; one query each when not), one count and one
page of people, their photos and those photos' renditions.

The page model calls into this module when it serves a request; the module imports the
models, never the other way round at import time, and nothing here imports the staff
views (``memorial.views``).
"""

import functools
import hashlib

from django import forms
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.images import get_image_model
from wagtail.models import Site

from core import cache as page_cache

from . import charts, photos, queries
from .forms import MemorialFilterForm
from .models import Cause, FallenVolunteer, Governorate

CARD_RENDITIONS = photos.CARD
PERSON_RENDITIONS = photos.PERSON


def _with_photos(queryset, filters):
    """The records with their photo (joined) and its renditions (one more query)."""
    renditions = (
        get_image_model().get_rendition_model().objects.filter(filter_spec__in=filters)
    )
    return queryset.select_related("photo").prefetch_related(
        Prefetch(
            "photo__renditions", queryset=renditions, to_attr="prefetched_renditions"
        )
    )


class KnownCountPaginator(Paginator):
    """A paginator told the number of items when it is already known."""

    def __init__(self, *args, count=None, **kwargs):
        super().__init__(*args, **kwargs)
        if count is not None:
            self.__dict__["count"] = count


def chart_context():
    rtl = translation.get_language_bidi()
    return [
        charts.bar_chart(
            "year",
            _("Volunteers lost each year"),
            _("Bar chart of the number of volunteers killed in each year."),
            _("Year"),
            [(str(year), count) for year, count in queries.by_year()],
            rtl=rtl,
        ),
        charts.bar_chart(
            "governorate",
            _("Volunteers lost in each governorate"),
            _("Bar chart of the number of volunteers killed in each governorate."),
            _("Governorate"),
            [(label, count) for _code, label, count in queries.by_governorate()],
            rtl=rtl,
        ),
        charts.bar_chart(
            "cause",
            _("How they were killed"),
            _("Bar chart of the number of volunteers killed by each cause."),
            _("Cause"),
            [(label, count) for _code, label, count in queries.by_cause()],
            rtl=rtl,
        ),
    ]


# Rendered filter widgets, by everything their HTML depends on (core/memo.py's limit).
_WIDGETS = {}
_WIDGETS_LIMIT = 500


def _render_widget(widget, render, name, value, attrs=None, renderer=None):
    """``widget.render()``, once per worker for the same widget, value, attributes,
    choices and language: a select renders each of its options through a template
    of its own, which costs more than the rest of the form."""
    key = (
        type(widget),
        widget.template_name,
        name,
        str(value),
        tuple(sorted((k, str(v)) for k, v in (attrs or {}).items())),
        tuple(sorted((k, str(v)) for k, v in widget.attrs.items())),
        # The values only: each label is the value's (a year) or a fixed label
        # translated into the language below.
        tuple(str(v) for v, _label in getattr(widget, "choices", ())),
        widget.is_required,
        widget.is_localized,
        type(renderer),
        translation.get_language(),
    )
    html = _WIDGETS.get(key)
    if html is None:
        html = render(name, value, attrs=attrs, renderer=renderer)
        if len(_WIDGETS) >= _WIDGETS_LIMIT:
            _WIDGETS.clear()
        _WIDGETS[key] = html
    return html


def _remember_widgets(form):
    for field in form.fields.values():  # (the form's own copies)
        if not isinstance(field, forms.ChoiceField):
            continue  # the selects only: never what a visitor typed
        widget = field.widget
        widget.render = functools.partial(_render_widget, widget, widget.render)
    return form


def _card_key(person, url, picture):
    """What a card's HTML depends on beyond the record itself (a change to which
    makes every cached piece stale): its address and its photo's renditions."""
    srcset = picture["srcset"] if picture else ""
    return hashlib.sha256(f"{person.pk}|{url}|{srcset}".encode()).hexdigest()


class Cards:
    """The cards of one page of the list, read (the records, then their photos'
    renditions) only when the template first uses them: when the list is kept in
    the fragment cache, not at all."""

    def __init__(self, page, request, people_page):
        self.page, self.request, self.people_page = page, request, people_page
        self._cards = None

    @property
    def cards(self):
        if self._cards is None:
            base = self.page.get_url(request=self.request)
            self._cards = []
            for person in self.people_page:
                url = f"{base}{person.slug}/"
                picture = photos.picture(person, CARD_RENDITIONS)
                self._cards.append(
                    {
                        "person": person,
                        "url": url,
                        "picture": picture,
                        # The card's HTML is kept with the cached pieces under this
                        # key.
                        "key": _card_key(person, url, picture),
                    }
                )
        return self._cards

    def __iter__(self):
        return iter(self.cards)

    def __len__(self):
        return len(self.cards)

    def __bool__(self):
        return bool(self.cards)


def _people_key(page, request, filters, number):
    """What the list of cards shows, as a key for the fragment cache: the page and
    its site, the filters and the page number. None for a search by name (the
    visitor's own words), which is read afresh."""
    if "q" in filters:
        return None
    site = Site.find_for_request(request)
    parts = [getattr(site, "pk", None), page.pk, sorted(filters.items()), number]
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:32]


def memorial_context(page, request):
    form = _remember_widgets(MemorialFilterForm(request.GET or None))
    filters = form.filters() if form.is_bound else {}
    people = FallenVolunteer.objects.public()
    if "q" in filters:
        people = people.matching(filters["q"])
    if "year" in filters:
        people = people.filter(date_of_death__year=filters["year"])
    if "governorate" in filters:
        people = people.filter(governorate=filters["governorate"])
    if "cause" in filters:
        people = people.filter(cause=filters["cause"])
    people = _with_photos(
        people.order_by("-date_of_death", "pk").defer(
            "source_note", "search_key", "other_names"
        ),
        CARD_RENDITIONS,
    )
    count = None
    if "q" not in filters:  # the grouped figures already hold the count
        count = queries.public_count(
            year=filters.get("year"),
            governorate=filters.get("governorate"),
            cause=filters.get("cause"),
        )
    paginator = KnownCountPaginator(people, page.per_page, count=count)
    people_page = paginator.get_page(request.GET.get("page"))
    totals = queries.totals()
    shown = paginator.count
    return {
        "form": form,
        "filters": filters,
        "filtered": bool(filters),
        "people_page": people_page,
        "page_range": paginator.get_elided_page_range(
            people_page.number, on_each_side=1, on_ends=1
        ),
        "cards": Cards(page, request, people_page),
        # The list of cards is kept with the cached pieces under this key (a
        # personal piece: no longer than PAGE_CACHE_PERSONAL_SECONDS).
        "people_key": _people_key(page, request, filters, people_page.number),
        "result_count": shown,
        "result_summary": ngettext(
            "%(count)s volunteer found", "%(count)s volunteers found", shown
        )
        % {"count": shown},
        "totals": totals,
        "double_tap_share": round(queries.double_tap_share()),
        "has_samples": totals["samples"] > 0,
        # Called by the template only when the charts are not in the fragment cache.
        "charts": chart_context,
        "min_group_size": queries.min_group_size(),
        "governorate_labels": dict(Governorate.choices),
        "cause_labels": dict(Cause.choices),
    }


def person_context(page, request, slug):
    def find():
        people = _with_photos(FallenVolunteer.objects.public(), PERSON_RENDITIONS)
        person = people.filter(slug=slug).first()
        if person is None:  # (raised before anything is kept)
            raise Http404("No such person on the memorial")
        return {"person": person, "picture": photos.picture(person, PERSON_RENDITIONS)}

    # The record and its picture are kept with the cached pieces, as a personal
    # piece: until the site next changes (a withdrawal bumps its version), and no
    # longer than PAGE_CACHE_PERSONAL_SECONDS.
    found = page_cache.remember_for_visitors(
        request, f"memorial-person:{slug}", find, personal=True
    )
    site = Site.find_for_request(request)
    return {
        **found,
        "memorial_url": page.get_url(request=request),
        # The record's part of the page is kept under this key, as a personal
        # piece too.
        "person_key": f"{getattr(site, 'pk', None)}:{page.pk}:{slug}",
    }
