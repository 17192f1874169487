"""One search form for text, whatever the spelling: the site search's index and queries
and the memorial's name search all fold text with ``normalise``.

Arabic is written with or without hamza on the alef, with taa marbuta or haa at the
end, with alef maqsura or yaa, with or without short vowels, shadda and tatweel, with
or without the article, and compound names with or without their space ("عبد الرحمن"
and "عبدالرحمن"). Latin text comes in any case, with or without accents. Each of these
is folded to one form, in plain Python, so SQLite and PostgreSQL search alike: the
index stores folded text and every query is folded the same way before it is run.
"""

import re
import unicodedata

from wagtail.search import index

# Short vowels, tanween, shadda, sukun, dagger alef, Quranic marks, hamza above/below.
_ARABIC_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]")
_TATWEEL = "\u0640"
_LETTERS = str.maketrans(
    {
        "\u0623": "\u0627",  # أ -> ا
        "\u0625": "\u0627",  # إ -> ا
        "\u0622": "\u0627",  # آ -> ا
        "\u0671": "\u0627",  # ٱ -> ا
        "\u0649": "\u064a",  # ى -> ي
        "\u0629": "\u0647",  # ة -> ه
        "\u0624": "\u0648",  # ؤ -> و
        "\u0626": "\u064a",  # ئ -> ي
        "\u06cc": "\u064a",  # Persian yeh -> ي
        "\u06a9": "\u0643",  # Persian kaf -> ك
        # Arabic-Indic and Persian digits -> 0-9
        **{chr(0x0660 + n): str(n) for n in range(10)},
        **{chr(0x06F0 + n): str(n) for n in range(10)},
    }
)
_NOT_WORD = re.compile(r"[^\w]+")
# The first part of a compound name, written with or without the space after it:
# عبد الرحمن, ابو بكر (hamza already folded).
_COMPOUND = re.compile(r"(?<!\w)(عبد|ابو|ابي|ابن|بن)\s+(?=\w)")
# The article at the start of a word of at least two more letters: الزلزال -> زلزال.
_ARTICLE = re.compile(r"(?<!\w)ال(?=\w\w)")


def normalise(text):
    """Fold ``text`` to its search form: lower case, no accents or Arabic marks, one
    spelling of the letters written several ways, compound names joined, the article
    dropped, words split by single spaces."""
    if not text:
        return ""
    text = _ARABIC_MARKS.sub("", str(text).replace(_TATWEEL, ""))
    text = text.translate(_LETTERS)
    # Latin: strip accents (é -> e) and fold case (ß -> ss).
    decomposed = unicodedata.normalize("NFKD", text)
    text = "".join(char for char in decomposed if not unicodedata.combining(char))
    # Decomposition splits أ into ا + hamza above: the marks pass removes it.
    text = _ARABIC_MARKS.sub("", unicodedata.normalize("NFC", text)).casefold()
    text = " ".join(_NOT_WORD.sub(" ", text).split())
    text = _COMPOUND.sub(r"\1", text)
    return _ARTICLE.sub("", text)


def _normalise_value(value):
    if isinstance(value, str):
        return normalise(value)
    if isinstance(value, (list, tuple)):
        return [_normalise_value(item) for item in value]
    if isinstance(value, dict):
        return {key: _normalise_value(item) for key, item in value.items()}
    return value


class _Folded:
    """A search field whose indexed text is folded by ``normalise``.

    It stands for the field it folds: equal to a plain field of the same name, so
    Wagtail's check that a page keeps ``Page.search_fields`` still recognises them.
    """

    def get_value(self, obj):
        return _normalise_value(super().get_value(obj))

    def __eq__(self, other):
        if isinstance(other, index.BaseField):
            return (
                isinstance(other, self._folds) and other.field_name == self.field_name
            )
        return NotImplemented

    def __hash__(self):
        return hash((self._folds, self.field_name))


class NormalisedSearchField(_Folded, index.SearchField):
    _folds = index.SearchField


class NormalisedAutocompleteField(_Folded, index.AutocompleteField):
    _folds = index.AutocompleteField


def normalised(fields):
    """``fields`` (a model's ``search_fields``) with every text field folded; the
    translated copies wagtail-modeltranslation adds keep the class, so they fold too."""
    converted = []
    for field in fields:
        if type(field) is index.SearchField:
            field = NormalisedSearchField(
                field.field_name, boost=field.boost, **field.kwargs
            )
        elif type(field) is index.AutocompleteField:
            field = NormalisedAutocompleteField(field.field_name, **field.kwargs)
        converted.append(field)
    return converted
