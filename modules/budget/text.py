"""Fast folding of diacritics for the module's search columns.

The folding rule is the site search's (``radnice.core.collation.fold_char``); this module only
precomputes it as a translation table, because importers fold hundreds of thousands of
invoice texts and the per-character version is too slow for that.
"""

import re

from radnice.core.collation import fold_char

_FOLD_TABLE = {
    code: fold_char(chr(code))
    for code in range(0x80, 0x250)
    if fold_char(chr(code)) != chr(code).lower()
}


def fold(text):
    """Lower-case ``text`` and strip diacritics ("Úklid" → "uklid")."""
    return (text or "").lower().translate(_FOLD_TABLE)


def search_terms(query):
    """Folded words of a query, at least two characters long."""
    return [term for term in re.split(r"[\s,;:!?\"'()%_]+", fold(query)) if len(term) > 1][:8]
