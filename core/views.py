import logging

from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.shortcuts import render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from . import search as site_search

logger = logging.getLogger(__name__)


@never_cache
@require_GET
def healthz(request):
    """200 when the database answers, 503 otherwise (for load balancers and compose)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.exception("Health check: the database did not answer")
        return HttpResponse(
            "database unavailable\n", status=503, content_type="text/plain"
        )
    return HttpResponse("ok\n", content_type="text/plain")


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
    """A translated error page that needs neither the database nor the cache."""
    try:
        return render(request, "500.html", {"request": request}, status=500)
    except Exception:  # the template itself failed: answer plainly
        return HttpResponse(_("Server error"), status=500, content_type="text/plain")


_CEILING_BODY = (
    b"<!DOCTYPE html><title>ceiling</title>" + b"<p>" + b"x" * 30_000 + b"</p>"
)


def benchmark_ceiling(request):
    """The framework's ceiling for `make bench`: a minimal view returning 30 KB.

    Routed only when BENCHMARK_CEILING_VIEW is set (never in a normal deployment).
    """
    return HttpResponse(_CEILING_BODY)
