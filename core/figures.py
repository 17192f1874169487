"""A registry of named live figures.

Sections register the figures they own when they start (``AppConfig.ready``); pages show
them through ``KeyFigureBlock``/``LiveFigureBlock`` or the ``{% live_figure %}`` tag, so
the number on a page is always computed from the data, never typed in by hand. ``core``
does not know which sections exist: it only keeps the names.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

NUMBER = "number"
PERCENT = "percent"


@dataclass(frozen=True)
class Figure:
    name: str
    label: str
    compute: Callable[[], float | int]
    kind: str = NUMBER

    def format(self, value):
        if self.kind == PERCENT:
            return format_percent(value)
        return number_format(value, force_grouping=True)


def format_percent(value):
    """A share in the active language, with its own percent sign (``٪`` in Arabic):
    the one format for every percentage the site shows."""
    return _("%(value)s%%") % {"value": number_format(round(value))}


_registry: dict[str, Figure] = {}


def register(name, label, compute, kind=NUMBER):
    """Register (or replace) the figure called ``name``."""
    _registry[name] = Figure(name=name, label=label, compute=compute, kind=kind)


def unregister(name):
    _registry.pop(name, None)


def get(name):
    return _registry.get(name)


def choices():
    """Choices for the blocks' figure pickers, in a stable order."""
    return [
        (figure.name, figure.label) for figure in sorted(_registry.values(), key=_key)
    ]


def _key(figure):
    return figure.name


def render(name, default=""):
    """The figure's value formatted for the active language, or ``default``.

    A figure whose section is missing or whose query fails never breaks a page: the
    failure is logged and the page shows the default.
    """
    figure = _registry.get(name)
    if figure is None:
        return default
    try:
        return figure.format(figure.compute())
    except Exception:  # a live figure must never take a page down
        logger.exception("Live figure %s could not be computed", name)
        return default
