"""Tell a CDN or caching proxy in front of the site to drop pages a change made stale.

Configured from the environment (``WAGTAILFRONTENDCACHE`` in settings, empty by
default). Wagtail's own handler purges a page's URL in the active language only, and
guesses other languages by swapping the ``/en/`` prefix, which is wrong for translated
slugs (``/en/about/`` is ``/ar/من-نحن/``). So purging is done here instead, with the
same rule as the site's own page cache: a change visitors can see (a page published,
unpublished or moved; a memorial record published or withdrawn; the site settings
saved) can show on any page through the menu, the footer or a live figure, so every
live page is purged in every language, with the sub-URLs each page declares
(``routable_subpaths()``, or else ``sitemap_subpaths()``: the memorial lists its exports
and every public person's page). A changed object that is not a page may name the URLs
that show it (``frontend_cache_urls()``): a memorial record lists its person page in
every language, also when it is no longer public. Purging happens once the change is
committed.
"""

import logging
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.utils import translation
from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache
from wagtail.models import Page

logger = logging.getLogger(__name__)


def sub_urls(page, subpaths):
    """The full URL of each of ``subpaths`` below ``page``, in every language (also
    for a page just unpublished)."""
    urls = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            base = page.get_full_url()
        if not base:
            continue
        for subpath in subpaths:
            url = base + subpath
            if url not in urls:
                urls.append(url)
    return urls


def declared_subpaths(page):
    """The sub-paths a (routable) page says it serves."""
    for name in ("routable_subpaths", "sitemap_subpaths"):
        method = getattr(page, name, None)
        if method is not None:
            return list(method())
    return []


def page_urls(page):
    """``page``'s full URL and those of its declared sub-paths, in every language."""
    return sub_urls(page, ["", *declared_subpaths(page)])


def site_urls():
    """The full URL of every live, public page in every language, and each sitemap."""
    urls = []
    for page in Page.objects.live().public().specific().order_by("path"):
        urls += page_urls(page)
    sitemaps = {
        f"{scheme}://{host}/sitemap.xml" for scheme, host, *_ in map(urlsplit, urls)
    }
    return urls + sorted(sitemaps)


def purge_site(extra_urls=()):
    if not settings.WAGTAILFRONTENDCACHE:
        return
    try:
        urls = site_urls()
        for url in extra_urls:
            if url not in urls:
                urls.append(url)
        purge_urls_from_cache(urls)
    except Exception:
        # A CDN that cannot be reached must not undo an editor's publish; its copies
        # expire after PAGE_CACHE_CDN_SECONDS anyway.
        logger.exception("Frontend cache: purge failed")
        return
    logger.info("Frontend cache: purged %s URLs", len(urls))


class PendingPurge:
    """The purge waiting for the current transaction to commit."""

    def __init__(self):
        self.extra_urls = []

    def __call__(self):
        purge_site(self.extra_urls)


def schedule_purge(instance=None, **kwargs):
    """Signal receiver: purge once the change is committed (never for a rollback).

    One action can send several signals (deleting a section deletes every page in it);
    the purge runs once per transaction. A page that was unpublished or deleted is no
    longer among the live pages, so its own URLs are taken now.
    """
    if not settings.WAGTAILFRONTENDCACHE:
        return
    if isinstance(instance, Page):
        extra = page_urls(instance)
    elif hasattr(instance, "frontend_cache_urls"):
        extra = list(instance.frontend_cache_urls())
    else:
        extra = []
    connection = transaction.get_connection()
    for entry in connection.run_on_commit:
        if isinstance(entry[1], PendingPurge):
            entry[1].extra_urls += extra
            return
    pending = PendingPurge()
    pending.extra_urls += extra
    transaction.on_commit(pending)


def page_deleted(sender, instance, **kwargs):
    """post_delete receiver: a deleted page, or a deleted object that names the URLs
    showing it (a memorial record)."""
    if isinstance(instance, Page) or hasattr(instance, "frontend_cache_urls"):
        schedule_purge(instance=instance)
