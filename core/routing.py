"""Finding the page a public address names, in two queries whatever its depth.

Wagtail walks the tree from the site's root page, one level at a time; with translated
slugs (wagtail-modeltranslation's ``route()``) each level costs two queries: the
children of the page so far, then the matching child's specific page. The site
itself is one more query on every request. Here instead:

- the site for the host is kept with the other cached pieces (``core.cache.remember``,
  made fresh by any change to the site);
- one query reads every page the address can name: the page at each prefix of the
  path (by ``url_path`` in the active language, or the English one where the
  translated one is empty, as the slug falls back) and the tree's pages above the
  site root, each with whether a view restriction applies to it;
- a second query reads the page served, in its specific type.

The walk over those pages is wagtail-modeltranslation's: a live routable page
answers the rest of the path when one of its routes matches; otherwise the child
whose slug (in the active language, or English) is the next part of the path; the
last page must be live. Every page found is checked against the path's own parts.
Whenever this cannot decide as the tree walk would (an address that names no page,
a page type with a ``route()`` of its own), Wagtail's walk runs as before, so the
answer is always the same; only the number of queries differs.

When no page in the chain (nor an alias's source) has a view restriction, the page
served answers its view-restriction check without asking again.
"""

from django.apps import apps
from django.conf import settings
from django.db import connections, router
from django.db.models import Exists, OuterRef, Q
from django.http import Http404
from django.http.request import split_domain_port
from django.utils import translation
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.url_routing import RouteResult

from . import cache

CHECKED_ATTRIBUTE = "_route_found_no_view_restriction"


def _standard_route():
    """The ``route()`` every translated page type has (wagtail-modeltranslation's)."""
    return Page.route


def site_for_request(request):
    """``Site.find_for_request``, kept in the fragment cache per host and port; the
    site is remembered on the request as Wagtail does."""
    if not hasattr(request, "_wagtail_site"):
        hostname = split_domain_port(request._get_raw_host())[0]
        port = request.get_port()
        request._wagtail_site = cache.remember(
            f"site-for:{hostname}:{port}",
            lambda: Site._find_for_request(request),
        )
    return request._wagtail_site


def _candidates(root, components):
    """The ``url_path`` of the page at each prefix of the path, from the root."""
    base = root.url_path
    paths = [base]
    for component in components:
        base = f"{base}{component}/"
        paths.append(base)
    return paths


def _pages(root, paths):
    """The pages at ``paths`` below the root and the tree's pages above it, each
    marked ``restricted`` when a view restriction is set on it (or on the page it is
    an alias of), in one query."""
    language = translation.get_language()
    default = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
    own = f"url_path_{language}"
    matches = Q(**{f"{own}__in": paths})
    if language != default:
        matches |= (Q(**{f"{own}__isnull": True}) | Q(**{own: ""})) & Q(
            **{f"url_path_{default}__in": paths}
        )
    steplen = Page.steplen
    above = [root.path[:end] for end in range(steplen, len(root.path), steplen)]
    restricted = PageViewRestriction.objects.filter(
        Q(page_id=OuterRef("pk")) | Q(page_id=OuterRef("alias_of_id"))
    )
    pages = list(
        Page.objects.filter(
            Q(path__startswith=root.path, depth__lt=root.depth + len(paths)) & matches
            | Q(path__in=above)
        )
        .annotate(restricted=Exists(restricted))
        .order_by("path")
    )
    return [page for page in pages if page.path in above], [
        page for page in pages if page.path not in above
    ]


def walk(root, components):
    """wagtail-modeltranslation's walk over the pages ``_pages`` read: ``(route,
    hint)``, or ``(None, None)`` when the tree walk must decide. Marks the page
    served when no view restriction applies to it."""
    standard = _standard_route()
    paths = _candidates(root, components)
    above, below = _pages(root, paths)
    by_path = {}
    for page in below:
        by_path.setdefault(page.url_path, []).append(page)
    chain = []
    result = subpath = None
    for depth, url_path in enumerate(paths):
        parent = chain[-1] if chain else None
        found = [
            page
            for page in by_path.get(url_path, [])
            if page.depth == root.depth + depth
            and (
                page.pk == root.pk
                if parent is None
                else page.path.startswith(parent.path)
                and page.slug == components[depth - 1]
            )
        ]
        if not found:
            return None, None  # no such page (or an inconsistent url_path)
        page = found[0]
        model = page.specific_class
        if model is None or model.route is not standard:
            return None, None
        chain.append(page)
        if issubclass(model, RoutablePageMixin) and page.live:
            specific = _specific(chain)
            subpath = "/" + "".join(f"{part}/" for part in components[depth:])
            try:
                view, args, kwargs = specific.resolve_subpage(subpath)
            except Http404:
                subpath = None
            else:
                result = RouteResult(specific, args=(view, args, kwargs))
                break
    if result is None:
        if not chain[-1].live:
            raise Http404
        result = RouteResult(_specific(chain))
    served = result[0]
    if not any(page.restricted for page in above + chain):
        setattr(served, CHECKED_ATTRIBUTE, True)
    hint = None
    if not any(
        issubclass(page.specific_class, RoutablePageMixin) for page in chain[:-1]
    ):
        # (a routable page on the way answers or not as it is live or not: such
        # addresses are walked every time)
        pages = above + chain
        ids = {page.pk for page in pages} | {page.alias_of_id for page in pages}
        hint = {
            "pk": served.pk,
            "model": served._meta.label,
            "path": served.path,
            "url_path": served.url_path,
            "ancestors": sorted(ids - {None}),
            "subpath": subpath,
        }
    return result, hint


def _specific(chain):
    """The last page of ``chain`` in its specific type (one query, once)."""
    page = chain[-1]
    specific = page.__dict__.get("_routed_specific")
    if specific is None:
        specific = page.specific_class._default_manager.get(pk=page.pk)
        page._routed_specific = specific
    return specific


class _PreparedFetch:
    """One page of ``model`` by id, with whether a view restriction is set on any of
    ``ids`` (its ancestors) or on the page it is an alias of: Django's own SQL for
    that query, compiled once per page type and number of ancestors (compiling it
    costs more than running it)."""

    PK, FIRST_ID = -1000, -1001

    def __init__(self, model, count, using):
        ids = [self.FIRST_ID - n for n in range(count)]
        restricted = PageViewRestriction.objects.filter(
            Q(page_id__in=ids) | Q(page_id=OuterRef("alias_of_id"))
        )
        queryset = (
            model._default_manager.using(using)
            .filter(pk=self.PK)
            .annotate(restricted=Exists(restricted))
            .order_by()
        )
        compiler = queryset.query.get_compiler(using=using)
        self.sql, params = compiler.as_sql()
        sentinels = {self.PK: "pk", **{n: index for index, n in enumerate(ids)}}
        self.params = [
            sentinels[value] if type(value) is int and value in sentinels else (value,)
            for value in params
        ]
        named = [value for value in self.params if not isinstance(value, tuple)]
        if sorted(map(str, named)) != sorted(map(str, sentinels.values())):
            raise ValueError("unexpected parameters")
        select_fields = compiler.klass_info["select_fields"]
        self.start, self.end = select_fields[0], select_fields[-1] + 1
        self.attnames = [
            column[0].target.attname
            for column in compiler.select[self.start : self.end]
        ]
        self.annotations = dict(compiler.annotation_col_map)
        fields = [column[0] for column in compiler.select[: compiler.col_count]]
        self.converters = compiler.get_converters(fields)
        self.compiler = compiler
        self.model, self.using = model, using

    def fetch(self, pk, ids):
        params = [
            pk if value == "pk" else ids[value] if isinstance(value, int) else value[0]
            for value in self.params
        ]
        with connections[self.using].cursor() as cursor:
            cursor.execute(self.sql, params)
            rows = cursor.fetchall()
        if self.converters:
            rows = list(self.compiler.apply_converters(rows, self.converters))
        if not rows:
            return None
        row = rows[0]
        page = self.model.from_db(self.using, self.attnames, row[self.start : self.end])
        for name, position in self.annotations.items():
            setattr(page, name, row[position])
        return page


_prepared = {}


def _fetch(model, pk, ids):
    using = router.db_for_read(model)
    key = (model, len(ids), using)
    prepared = _prepared.get(key)
    if prepared is None:
        prepared = _prepared[key] = _PreparedFetch(model, len(ids), using)
    return prepared.fetch(pk, ids)


def _route_from_hint(hint):
    """The route the hint names, when the page is still where and as it was."""
    try:
        model = apps.get_model(hint["model"])
        page = _fetch(model, hint["pk"], [*hint["ancestors"], hint["pk"]])
    except (LookupError, ValueError):  # a page type gone, or a query not foreseen
        return None
    if (
        page is None
        or not page.live
        or page.path != hint["path"]
        or page.url_path != hint["url_path"]
    ):
        return None
    if hint["subpath"] is None:
        result = RouteResult(page)
    else:
        try:
            view, args, kwargs = page.resolve_subpage(hint["subpath"])
        except Http404:
            return None
        result = RouteResult(page, args=(view, args, kwargs))
    if not page.restricted:
        setattr(page, CHECKED_ATTRIBUTE, True)
    return result


def route_for_request(request, path):
    """What ``Page.route_for_request`` answers; kept on the request where Wagtail
    keeps it, so Wagtail's view and anything else asking (``Page.find_for_request``)
    get the same route."""
    if hasattr(request, "_wagtail_route_for_request"):
        return request._wagtail_route_for_request
    site = site_for_request(request)
    result = None
    if site is not None:
        root = site.root_page
        components = [component for component in path.split("/") if component]
        try:
            result = _route(site, root, components)
        except Http404:
            result = None
    request._wagtail_route_for_request = result
    return result


def _route(site, root, components):
    walked = {}

    def find():
        walked["result"], hint = walk(root, components)
        return hint

    language = translation.get_language()
    key = "route:{}:{}:{}".format(site.pk, language, "/".join(components))
    hint = cache.remember(key, find)
    result = walked.get("result")
    if result is None and hint is not None and "result" not in walked:
        result = _route_from_hint(hint)
    if result is None and "result" not in walked:
        result = walk(root, components)[0]
    if result is None:  # Wagtail's own walk decides
        result = root.localized.specific.route(None, components)
    return result


def serve(request, path):
    """Wagtail's page view, with the route found here."""
    from wagtail import views as wagtail_views

    route_for_request(request, path)
    return wagtail_views.serve(request, path)


def site_root_paths(self, request=None):
    """wagtail-modeltranslation's ``_get_site_root_paths`` (each site's root path
    in the active language), kept with the cached pieces and on the request per
    language: a page's links in two languages read them once, not at every switch."""
    from wagtail_modeltranslation.patch_wagtailadmin import (
        _localized_site_get_site_root_paths,
    )

    language = translation.get_language()
    holder = request if request else self
    known = holder.__dict__.setdefault("_site_root_paths_by_language", {})
    if language not in known:
        known[language] = cache.remember(
            f"site-root-paths:{language}", _localized_site_get_site_root_paths
        )
    # Where Wagtail (its redirects on a move) and wagtail-modeltranslation look.
    holder._wagtail_cached_site_root_paths_language = language
    holder._wagtail_cached_site_root_paths = known[language]
    return known[language]


def install():
    """Give every page type the ``_get_site_root_paths`` above (called once the
    apps are ready: wagtail-modeltranslation sets its own on each type)."""
    from wagtail.models import get_page_models
    from wagtail_modeltranslation.patch_wagtailadmin import _new_get_site_root_paths

    for model in get_page_models():
        if model.__dict__.get("_get_site_root_paths") is _new_get_site_root_paths:
            model._get_site_root_paths = site_root_paths


class RoutedPageMixin:
    """Pages answer their view-restriction check from the routing query when it
    found none on the page, its ancestors or an alias's source."""

    def get_view_restrictions(self):
        if self.__dict__.get(CHECKED_ATTRIBUTE):
            # Already known to be empty: reading it asks nothing (iterating even an
            # empty queryset compiles its query first).
            none = PageViewRestriction.objects.none()
            none._result_cache = []
            return none
        return super().get_view_restrictions()


def urlpatterns():
    """Wagtail's own URLs (``wagtail.urls``), its page view served through here."""
    from django.urls import re_path
    from wagtail import urls as wagtail_urls

    patterns = list(wagtail_urls.urlpatterns)
    for index, pattern in enumerate(patterns):
        if pattern.name == "wagtail_serve":
            patterns[index] = re_path(
                wagtail_urls.serve_pattern, serve, name="wagtail_serve"
            )
    return patterns
