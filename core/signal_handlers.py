"""Keep the anonymous page cache honest: any change visitors could see bumps it."""

from django.conf import settings
from django.db.models.signals import post_delete, post_save
from wagtail import signals as wagtail_signals
from wagtail.models import Page

from . import cache, frontend_cache

# Saved on every page view or by background work; none changes what a page shows.
IGNORED_MODELS = {
    "wagtailcore.revision",
    "wagtailcore.pagelogentry",
    "wagtailcore.modellogentry",
    "wagtailcore.referenceindex",
    "wagtailcore.pagesubscription",
    "wagtailcore.commentreply",
    "wagtailcore.comment",
    "wagtailimages.rendition",
}


def model_changed(sender, **kwargs):
    label = sender._meta.label_lower
    if label in IGNORED_MODELS:
        return
    if issubclass(sender, Page) or sender._meta.app_label in (
        settings.PAGE_CACHE_INVALIDATING_APPS
    ):
        cache.invalidate()


def register():
    for signal in (
        wagtail_signals.page_published,
        wagtail_signals.page_unpublished,
        wagtail_signals.post_page_move,
        wagtail_signals.published,
        wagtail_signals.unpublished,
    ):
        signal.connect(cache.invalidate, dispatch_uid=f"page-cache-{id(signal)}")
        signal.connect(
            frontend_cache.schedule_purge, dispatch_uid=f"cdn-purge-{id(signal)}"
        )
    post_save.connect(
        frontend_cache.schedule_purge,
        sender="core.SiteSettings",
        dispatch_uid="cdn-purge-settings",
    )
    post_delete.connect(frontend_cache.page_deleted, dispatch_uid="cdn-purge-delete")
    post_save.connect(model_changed, dispatch_uid="page-cache-save")
    post_delete.connect(model_changed, dispatch_uid="page-cache-delete")
