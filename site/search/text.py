"""Search text helpers: query terms, excerpts and highlighting of matches (the folding of
diacritics they use is ``radnice.core.collation.fold``)."""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

from radnice.core.collation import fold


def query_terms(query):
    return [term for term in re.split(r"[\s\-–,.;:!?\"'()]+", fold(query or "")) if len(term) > 1]


def highlight(text, query):
    """HTML of ``text`` with every (folded) occurrence of a query term wrapped in <mark>."""
    text = text or ""
    terms = query_terms(query)
    if not terms:
        return escape(text)
    folded = fold(text)
    spans = []
    for term in terms:
        start = folded.find(term)
        while start != -1:
            spans.append((start, start + len(term)))
            start = folded.find(term, start + len(term))
    if not spans:
        return escape(text)
    spans.sort()
    merged = [list(spans[0])]
    for start, end in spans[1:]:
        if start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    parts, position = [], 0
    for start, end in merged:
        parts.append(escape(text[position:start]))
        parts.append(f"<mark>{escape(text[start:end])}</mark>")
        position = end
    parts.append(escape(text[position:]))
    return mark_safe("".join(parts))


def excerpt(text, query, length=240):
    """A window of ``text`` around the first match (or its start), at most ``length`` chars."""
    text = re.sub(r"\s+", " ", text or "").strip()
    if len(text) <= length:
        return text
    folded = fold(text)
    positions = [folded.find(term) for term in query_terms(query)]
    positions = [p for p in positions if p >= 0]
    start = max(0, min(positions) - length // 3) if positions else 0
    snippet = text[start : start + length]
    return ("…" if start else "") + snippet + ("…" if start + length < len(text) else "")
