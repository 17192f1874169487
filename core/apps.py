from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Site core")

    def ready(self):
        from . import images, routing, signal_handlers, translation_status

        signal_handlers.register()
        translation_status.register()

        from .two_factor import audit

        audit.register()
        images.register()
        routing.install()
