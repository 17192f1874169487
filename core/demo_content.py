"""Demo content: a registry of loaders that ``load_demo_content`` runs in order.

Each section keeps its loaders in its own ``demo.py`` and registers them; the command
autodiscovers them, so ``core`` never imports a section. Loaders share a ``DemoContext``
that remembers the pages made so far by key, so text in one section can link to a page
of another (``<a linktype="page" id="{page:donate}">``) once every page exists.

Every loader creates what is missing and leaves what exists alone: running the command
again changes nothing an editor has written.
"""

import re
from dataclasses import dataclass, field

from django.utils.module_loading import autodiscover_modules

# Loaders that make pages run first; loaders that write text linking to them run last.
STRUCTURE = 10
SECTIONS = 50
CONTENT = 90

_loaders = []

PAGE_LINK = re.compile(r"\{page:([a-z0-9-]+)\}")


@dataclass
class DemoContext:
    stdout: object = None
    pages: dict = field(default_factory=dict)
    created: set = field(default_factory=set)

    def add(self, key, page, created=False):
        self.pages[key] = page
        if created:
            self.created.add(key)
        return page

    def log(self, message):
        if self.stdout is not None:
            self.stdout.write(message)

    def link_pages(self, html):
        """Replace ``{page:KEY}`` with the id of the page made under that key."""

        def replace(match):
            page = self.pages.get(match.group(1))
            return str(page.pk) if page else "0"

        return PAGE_LINK.sub(replace, html)

    def stream(self, blocks):
        """Turn ``[(type, value), ...]`` from a demo data module into stream data."""
        return [
            {"type": kind, "value": self._block_value(kind, value)}
            for kind, value in blocks
        ]

    def _block_value(self, kind, value):
        if isinstance(value, str):
            return self.link_pages(value)
        if kind == "call_to_action":
            value = dict(value)
            page = self.pages.get(value.pop("link_page", ""))
            value.setdefault("url", "")
            value["page"] = page.pk if page else None
            if page is None and not value["url"]:
                value["url"] = "/"
            return value
        return value


def register(order):
    def decorator(loader):
        _loaders.append((order, loader.__module__, loader))
        return loader

    return decorator


def run(stdout=None):
    autodiscover_modules("demo")
    context = DemoContext(stdout=stdout)
    for _order, _module, loader in sorted(_loaders, key=lambda item: item[:2]):
        loader(context)
    return context


def translated(obj, field_name, values):
    """Set ``field_en``, ``field_ar``… from ``{"en": ..., "ar": ...}``."""
    for language, value in values.items():
        setattr(obj, f"{field_name}_{language}", value)
