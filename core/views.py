import logging
import sys

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from . import health
from . import search as site_search

logger = logging.getLogger(__name__)


@never_cache
@require_GET
def livez(request):
    """200 while the process can answer at all: touches neither database nor cache.

    For the orchestrator's liveness check: restarting a worker because PostgreSQL or
    Redis is down would not bring them back.
    """
    return HttpResponse("ok\n", content_type="text/plain")


@never_cache
@require_GET
def healthz(request):
    """Readiness: each dependency with its state and latency, as JSON.

    The database is required: down, or slower than ``HEALTHZ_SLOW_SECONDS``, answers
    503 (a load balancer stops sending visitors). The cache is not: pages are served
    uncached without it, so a broken cache reports "degraded" and still answers 200,
    unless ``HEALTHZ_REQUIRE_CACHE`` is set.
    """
    checks = {"database": health.check_database(), "cache": health.check_cache()}
    required = {"database"} | ({"cache"} if settings.HEALTHZ_REQUIRE_CACHE else set())
    failing = [name for name, check in checks.items() if check["state"] != "ok"]
    if any(name in required for name in failing):
        status, code = "failing", 503
    elif failing:
        status, code = "degraded", 200
    else:
        status, code = "ok", 200
    return JsonResponse({"status": status, "checks": checks}, status=code)


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /django-admin/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain")


def search(request):
    query = request.GET.get("q", "").strip()[:200]
    results = site_search.search(query, request) if query else []
    return TemplateResponse(
        request,
        "core/search.html",
        {"query": query, "results": results, "page_title": _("Search")},
    )


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    """A translated error page that needs neither the database nor the cache.

    Every unhandled exception ends here (``handler500``), from any view or middleware,
    so this is the one place where a database that is down or hung becomes a 503 with
    ``Retry-After`` instead of a 500 (see ``unavailable``).
    """
    error = sys.exc_info()[1]
    if isinstance(error, health.OUTAGES):
        return unavailable(request)
    try:
        return render(request, "500.html", {"request": request}, status=500)
    except Exception:  # the template itself failed: answer plainly
        return HttpResponse(_("Server error"), status=500, content_type="text/plain")


def unavailable(request):
    """The translated 503 page: the database did not answer in time.

    Staff in the admin are told what is wrong (their change may not have been saved);
    visitors are asked to come back in a minute. Rendered without the database.
    Django logs one line per request, "Service Unavailable: <path>", without the
    traceback (``core.health.OutageLogFilter``); core.postgresql logs the cause.
    """
    language = translation.get_language_from_path(request.path_info)
    if language:
        translation.activate(language)
    admin = request.path_info.startswith(("/admin/", "/django-admin/"))
    retry = str(settings.UNAVAILABLE_RETRY_AFTER)
    try:
        response = render(request, "503.html", {"admin": admin}, status=503)
    except Exception:
        response = HttpResponse(
            _("The site is briefly unavailable. Please try again in a minute."),
            status=503,
            content_type="text/plain; charset=utf-8",
        )
    response["Retry-After"] = retry
    add_never_cache_headers(response)
    return response


_CEILING_BODY = (
    b"<!DOCTYPE html><title>ceiling</title>" + b"<p>" + b"x" * 30_000 + b"</p>"
)


def benchmark_ceiling(request):
    """The framework's ceiling for `make bench`: a minimal view returning 30 KB.

    Routed only when BENCHMARK_CEILING_VIEW is set (never in a normal deployment).
    """
    return HttpResponse(_CEILING_BODY)
