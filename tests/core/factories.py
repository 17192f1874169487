import factory
import wagtail_factories
from django.utils import translation

from core.models import HomePage, StandardPage, StatementIndexPage, StatementPage


class TranslatedPageFactory(wagtail_factories.PageFactory):
    """Pages with an English and an Arabic title and slug."""

    title_en = factory.Sequence(lambda n: f"Page {n}")
    title_ar = factory.Sequence(lambda n: f"صفحة {n}")
    slug_en = factory.Sequence(lambda n: f"page-{n}")
    slug_ar = factory.Sequence(lambda n: f"صفحة-{n}")
    title = factory.SelfAttribute("title_en")
    slug = factory.SelfAttribute("slug_en")

    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        with translation.override("en"):
            return super()._create(model_class, *args, **kwargs)


class HomePageFactory(TranslatedPageFactory):
    title_en = "Syria Civil Defence"
    title_ar = "الدفاع المدني السوري"
    slug_en = "home"
    slug_ar = "home"
    hero_heading_en = "Saving lives in Syria"
    hero_heading_ar = "ننقذ الأرواح في سوريا"
    mission_en = "We are volunteers who rescue people from the rubble."
    mission_ar = "نحن متطوعون ننقذ الناس من تحت الأنقاض."

    class Meta:
        model = HomePage


class StandardPageFactory(TranslatedPageFactory):
    introduction_en = "An introduction in English."
    introduction_ar = "مقدمة باللغة العربية."

    class Meta:
        model = StandardPage


class StatementIndexPageFactory(TranslatedPageFactory):
    class Meta:
        model = StatementIndexPage


class StatementPageFactory(TranslatedPageFactory):
    summary_en = "A summary in English."
    summary_ar = "ملخص باللغة العربية."

    class Meta:
        model = StatementPage
