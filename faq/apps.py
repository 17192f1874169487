from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FaqConfig(AppConfig):
    name = "faq"
    verbose_name = _("Frequently asked questions")

    def ready(self):
        from core import search

        from .search import search_questions

        search.register(search_questions)
