from pathlib import Path

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path
from django.views.i18n import JavaScriptCatalog
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from core import routing as core_routing
from core import views as core_views
from core.sitemaps import PageSitemap
from donations import urls as donations_urls
from memorial import photos as memorial_photos


def sitemap_view(request):
    return sitemap(request, sitemaps={"pages": PageSitemap(request)})


urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("healthz", core_views.healthz, name="healthz"),
    path("livez", core_views.livez, name="livez"),
    path("robots.txt", core_views.robots_txt, name="robots_txt"),
    # A memorial photo, checked against the family's consent on every request.
    path(
        "memorial-photos/<slug:slug>/<str:filter_spec>/",
        memorial_photos.serve,
        name="memorial_photo",
    ),
    # Kept by the page cache, like pages (same invalidation; see PAGE_CACHE_RULES).
    path("sitemap.xml", sitemap_view, name="sitemap"),
    # Payment providers post here, outside the language prefix.
    path("donations/webhooks/", include(donations_urls.webhook_patterns)),
]

urlpatterns += i18n_patterns(
    path("search/", core_views.search, name="search"),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("donations/", include("donations.urls")),
    # Wagtail's page serving must come last: it matches every remaining path (its
    # pages found in two queries: core/routing.py).
    path("", include(core_routing.urlpatterns())),
    prefix_default_language=True,
)

if settings.DEBUG or settings.SERVE_MEDIA:
    # Renditions only: never the originals, documents or uploads in progress (they
    # have views of their own that check who may see them).
    from django.views.static import serve

    urlpatterns.insert(
        0,
        re_path(
            rf"^{settings.MEDIA_URL.lstrip('/')}images/(?P<path>[^/]+)$",
            serve,
            {"document_root": Path(settings.MEDIA_ROOT) / "images"},
        ),
    )

if settings.BENCHMARK_CEILING_VIEW:
    urlpatterns.insert(0, path("bench/ceiling", core_views.benchmark_ceiling))

handler404 = "core.views.page_not_found"
handler500 = "core.views.server_error"
