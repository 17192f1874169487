import pytest

from core import figures

from .factories import FaqPageFactory, fill_faq

CATEGORIES = [
    (
        {"en": "About the organisation", "ar": "عن المنظمة"},
        [
            {
                "question_en": "Who are the White Helmets?",
                "question_ar": "من هم الخوذ البيضاء؟",
                "answer_en": [
                    {
                        "type": "paragraph",
                        "value": "<p>Volunteers who rescue people from the rubble.</p>",
                    }
                ],
                "answer_ar": [
                    {
                        "type": "paragraph",
                        "value": "<p>متطوعون ينقذون الناس من تحت الأنقاض.</p>",
                    }
                ],
            },
            {
                "question_en": "Why white helmets?",
                "question_ar": "لماذا الخوذ البيضاء؟",
            },
        ],
    ),
    (
        {"en": "How to help", "ar": "كيف تساعد"},
        [
            {
                "question_en": "Can I volunteer?",
                "question_ar": "هل يمكنني التطوع؟",
                "answer_en": [
                    {
                        "type": "paragraph",
                        "value": "<p>Recruitment is limited to Syrians who live "
                        "where the volunteers work.</p>",
                    }
                ],
                "answer_ar": [
                    {
                        "type": "paragraph",
                        "value": "<p>يقتصر التطوع على السوريين المقيمين في مناطق "
                        "عمل المتطوعين.</p>",
                    }
                ],
            },
        ],
    ),
]


@pytest.fixture
def faq_page(home):
    return FaqPageFactory(parent=home)


@pytest.fixture
def faq(faq_page):
    """A published questions page with two categories and three questions."""
    return fill_faq(faq_page, CATEGORIES)


@pytest.fixture
def lost_figure():
    figures.register("test.lost", "Lost", lambda: 1234)
    yield "test.lost"
    figures.unregister("test.lost")
