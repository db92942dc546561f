"""Building blocks of OFN JSON-LD documents (https://ofn.gov.cz); the responses that carry them
are in ``radnice.opendata.responses``."""


def time_instant(value=None):
    """An OFN "Časový okamžik": a date, a date-time, or unspecified when ``value`` is None."""
    if value is None:
        return {"typ": "Časový okamžik", "nespecifikovaný": True}
    if hasattr(value, "hour"):
        return {"typ": "Časový okamžik", "datum_a_čas": value.isoformat()}
    return {"typ": "Časový okamžik", "datum": value.isoformat()}


def multilingual(cs=None, **other_languages):
    """An OFN multilingual text; empty translations are left out."""
    texts = {"cs": cs, **other_languages}
    return {code: text for code, text in texts.items() if text}


def organisation(ico):
    return {"typ": "Osoba", "ičo": ico}
