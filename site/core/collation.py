"""Czech text in Python: alphabetical order and the folding of diacritics for search.

Czech alphabetical order, independent of the database's collation.

SQLite has no Czech collation and PostgreSQL's depends on the server's locales, so lists of
names are sorted here. The rules are those of ČSN 97 6030:

- "ch" is one letter, sorted after "h"; "č", "ř", "š", "ž" are letters of their own, sorted
  after "c", "r", "s", "z";
- the other accented letters (á, é, ě, í, ó, ú, ů, ý, ď, ť, ň) sort with their base letter
  and only break ties ("Dvorak" < "Dvořák" because ř is a letter, but "Nosek" < "Nošek" and
  "Kral" < "Král" only on the second level);
- lower case before upper case breaks the remaining ties.
"""

import unicodedata
from functools import cache

ALPHABET = [
    "a",
    "b",
    "c",
    "č",
    "d",
    "e",
    "f",
    "g",
    "h",
    "ch",
    "i",
    "j",
    "k",
    "l",
    "m",
    "n",
    "o",
    "p",
    "q",
    "r",
    "ř",
    "s",
    "š",
    "t",
    "u",
    "v",
    "w",
    "x",
    "y",
    "z",
    "ž",
]
_LETTER_RANK = {letter: index for index, letter in enumerate(ALPHABET)}
# Ranks below every letter: separators first, then digits (as in ČSN 97 6030).
_SEPARATOR_RANK = -20
_DIGIT_RANK = -10
# Letters outside the Czech alphabet without a Latin base letter sort after "ž".
_OTHER_RANK = len(ALPHABET)
# Second-level weights of accents that do not make a letter of their own: acute (á),
# caron (ě, ď, ť, ň), ring (ů), diaeresis (ä, ö, ü).
_ACCENT_WEIGHTS = {"\u0301": 1, "\u030c": 2, "\u030a": 3, "\u0308": 4}


def _base_letter(char):
    """``(base letter, accent weight)`` for one lower-case character."""
    if char in _LETTER_RANK:
        return char, 0
    decomposed = unicodedata.normalize("NFD", char)
    base = decomposed[0]
    if base in _LETTER_RANK and len(decomposed) > 1:
        return base, _ACCENT_WEIGHTS.get(decomposed[1], len(_ACCENT_WEIGHTS) + 1)
    return char, 0


@cache
def _tokens(text):
    """The letters of ``text`` as ``(primary, secondary, tertiary)`` weights."""
    tokens = []
    index = 0
    length = len(text)
    while index < length:
        char = text[index]
        lower = char.lower()
        if lower == "c" and index + 1 < length and text[index + 1].lower() == "h":
            upper = char.isupper() or text[index + 1].isupper()
            tokens.append((_LETTER_RANK["ch"], 0, 1 if upper else 0))
            index += 2
            continue
        tertiary = 1 if char.isupper() else 0
        base, accent = _base_letter(lower)
        if base in _LETTER_RANK:
            tokens.append((_LETTER_RANK[base], accent, tertiary))
        elif lower.isdigit():
            tokens.append((_DIGIT_RANK + int(unicodedata.digit(lower, 0)) / 10, 0, 0))
        elif lower.isspace() or lower in "-–'’.,":
            tokens.append((_SEPARATOR_RANK, 0, 0))
        else:
            tokens.append((_OTHER_RANK + ord(lower) / 0x110000, 0, tertiary))
        index += 1
    return tuple(tokens)


def czech_sort_key(text):
    """A key for ``sorted()`` that orders strings as a Czech dictionary does."""
    tokens = _tokens((text or "").strip())
    return (
        tuple(token[0] for token in tokens),
        tuple(token[1] for token in tokens),
        tuple(token[2] for token in tokens),
    )


def czech_initial(text):
    """The first letter of ``text`` in the Czech alphabet, for an A–Ž index.

    "Chalupa" → "Ch", "Čermák" → "Č", "Šťastný" → "Š", "Úlehla" → "U"; text that does not
    start with a letter (or starts with a letter outside the Latin alphabet) gives "#".
    """
    text = (text or "").strip()
    if not text:
        return "#"
    if text[:2].lower() == "ch":
        return "Ch"
    base, _accent = _base_letter(text[0].lower())
    if base in _LETTER_RANK:
        return base.upper()
    return "#"


def initial_order(initial):
    """Sort key of an initial returned by :func:`czech_initial` ("#" goes last)."""
    return _LETTER_RANK.get(initial.lower(), _OTHER_RANK)


# --- folding: what search compares ------------------------------------------------------


def fold_char(char):
    decomposed = unicodedata.normalize("NFD", char)
    base = "".join(c for c in decomposed if not unicodedata.combining(c))
    return (base or char).lower()[:1] or char


def fold(text):
    """Lower-case ``text`` and strip diacritics, keeping one character per character.

    Keeping the length lets a match found in the folded text be mapped back onto the
    original text for highlighting.
    """
    return "".join(fold_char(char) for char in text or "")
