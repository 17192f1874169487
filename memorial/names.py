"""Names as people type them: one search key whatever the spelling.

A record's stored ``search_key`` holds every name and spelling folded by the site's one
search normalisation (``core.searchtext.normalise``: hamza forms, taa marbuta, alef
maqsura, short vowels and tatweel, the article, compound names, Latin case and accents),
and a visitor's query is folded the same way, so the two meet whatever spelling either
used. The folding is plain Python, so SQLite and PostgreSQL behave the same.
"""

import re

from core.searchtext import normalise


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
