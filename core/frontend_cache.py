"""Tell a CDN or caching proxy in front of the site to drop pages a change made stale.

Configured from the environment (``WAGTAILFRONTENDCACHE`` in settings, empty by
default). Wagtail's own handler purges a page's URL in the active language only, and
guesses other languages by swapping the ``/en/`` prefix, which is wrong for translated
slugs (``/en/about/`` is ``/ar/من-نحن/``). So purging is done here instead, with the
same rule as the site's own page cache: a change visitors can see (a page published,
unpublished or moved; a memorial record published or withdrawn; the site settings
saved) can show on any page through the menu, the footer or a live figure, so every
live page is purged in every language. The site is small enough for that to be a few
dozen URLs. Purging happens once the change is committed.
"""

import logging
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.utils import translation
from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache
from wagtail.models import Page

logger = logging.getLogger(__name__)


def page_urls(page):
    """``page``'s full URL in every language (also for a page just unpublished)."""
    urls = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            url = page.get_full_url()
        if url and url not in urls:
            urls.append(url)
    return urls


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
    extra = page_urls(instance) if isinstance(instance, Page) else []
    connection = transaction.get_connection()
    for entry in connection.run_on_commit:
        if isinstance(entry[1], PendingPurge):
            entry[1].extra_urls += extra
            return
    pending = PendingPurge()
    pending.extra_urls += extra
    transaction.on_commit(pending)


def page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        schedule_purge(instance=instance)
