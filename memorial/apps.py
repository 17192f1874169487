from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MemorialConfig(AppConfig):
    name = "memorial"
    verbose_name = _("Memorial")

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail import signals as wagtail_signals

        from core import frontend_cache, search

        from . import queries
        from .models import FallenVolunteer, consent_withdrawn
        from .search import search_people

        queries.register_figures()
        search.register(search_people)
        for signal in (post_save, post_delete):
            signal.connect(
                queries.invalidate,
                sender=FallenVolunteer,
                dispatch_uid=f"memorial-figures-{id(signal)}",
            )
        for signal in (wagtail_signals.published, wagtail_signals.unpublished):
            signal.connect(
                queries.invalidate,
                sender=FallenVolunteer,
                dispatch_uid=f"memorial-figures-{id(signal)}",
            )
        # A withdrawal saved as a draft changes the live record without a publish.
        consent_withdrawn.connect(
            frontend_cache.schedule_purge,
            sender=FallenVolunteer,
            dispatch_uid="memorial-consent-withdrawn-cdn",
        )
        # A withdrawn photo leaves no rendition behind (memorial/photos.py).
        from . import photos

        for signal in (post_save, wagtail_signals.unpublished):
            signal.connect(
                photos.forget_withdrawn,
                sender=FallenVolunteer,
                dispatch_uid=f"memorial-photos-{id(signal)}",
            )
