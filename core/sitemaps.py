from django.contrib.sitemaps import Sitemap
from wagtail.models import Page, Site


class PageSitemap(Sitemap):
    """Every live public page and routable sub-page, in every language."""

    i18n = True
    alternates = True
    # No x-default: a slug is translated, so a path without a language prefix
    # only exists for the home page.
    x_default = False

    def __init__(self, request=None):
        self.request = request

    def items(self):
        site = Site.find_for_request(self.request) if self.request else None
        root = site.root_page if site else Page.get_first_root_node()
        pages = (
            Page.objects.descendant_of(root, inclusive=True)
            .live()
            .public()
            .specific()
            .order_by("path")
        )
        items = []
        for page in pages:
            if not page.url_path or not hasattr(page, "sitemap_subpaths"):
                continue
            items.append((page, ""))
            items.extend((page, subpath) for subpath in page.sitemap_subpaths())
        return items

    def location(self, item):
        page, subpath = item
        return (page.get_url() or "") + subpath

    def lastmod(self, item):
        return item[0].last_published_at
