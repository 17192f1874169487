from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DonationsConfig(AppConfig):
    name = "donations"
    verbose_name = _("Donations")

    def ready(self):
        from core import scheduler

        from . import checks  # noqa: F401  (registers the system checks)

        scheduler.register(
            "donor_data_retention",
            "apply_donor_data_retention",
            description="Erase donors' personal data past DONATIONS_RETENTION_DAYS.",
            hour=3,
            minute=15,
        )
        scheduler.register(
            "reconcile_donations",
            "reconcile_donations",
            description="Apply what webhooks missed; expire abandoned checkouts.",
            minute=7,
        )
