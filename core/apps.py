from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Site core")

    def ready(self):
        from . import (
            draft_history,
            images,
            routing,
            shared_values,
            signal_handlers,
            translation_status,
        )

        shared_values.register()
        signal_handlers.register()
        translation_status.register()
        draft_history.register()

        from .two_factor import audit

        audit.register()
        images.register()
        routing.install()
