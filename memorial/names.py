"""Names as people type them: one search key whatever the spelling.

Arabic names are written with or without hamza on the alef, with taa marbuta or haa at
the end, with or without short vowels and tatweel; Latin names with any case and with
or without accents. ``normalise`` folds all of these to one form, so a record's stored
``search_key`` and a visitor's query meet whatever spelling either used. The folding is
plain Python, so SQLite and PostgreSQL behave the same.
"""

import re
import unicodedata

# Short vowels, tanween, shadda, sukun, dagger alef and Quranic marks.
_ARABIC_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]")
_TATWEEL = "\u0640"
_LETTERS = str.maketrans(
    {
        "\u0623": "\u0627",  # أ
        "\u0625": "\u0627",  # إ
        "\u0622": "\u0627",  # آ
        "\u0671": "\u0627",  # ٱ
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


def normalise(text):
    """Fold ``text`` to its search form: lower case, no accents or Arabic marks, one
    spelling of the letters that are written several ways, words split by spaces."""
    if not text:
        return ""
    text = _ARABIC_MARKS.sub("", text.replace(_TATWEEL, ""))
    text = text.translate(_LETTERS)
    # Latin: strip accents (é -> e) and fold case (ß -> ss).
    decomposed = unicodedata.normalize("NFKD", text)
    text = "".join(char for char in decomposed if not unicodedata.combining(char))
    # Decomposition splits أ into ا + hamza above: the marks pass above removes it.
    text = _ARABIC_MARKS.sub("", unicodedata.normalize("NFC", text)).casefold()
    text = text.replace("\u0654", "").replace("\u0655", "")
    return " ".join(_NOT_WORD.sub(" ", text).split())


def search_key(*names):
    """The stored key for a record: every name and spelling, normalised, one per
    line (so a query never matches across two different names)."""
    keys = []
    for name in names:
        for part in re.split(r"[\n,،;]+", name or ""):
            key = normalise(part)
            if key and key not in keys:
                keys.append(key)
    return "\n".join(keys)


def query_terms(query):
    """The words of a visitor's query, normalised; each must appear in the key."""
    return normalise(query).split()
