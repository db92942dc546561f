"""Amounts are whole hellers (int); these helpers parse and format them the Czech way."""

from decimal import Decimal

NBSP = "\u00a0"


def group_thousands(number):
    digits = str(number)
    groups = []
    while len(digits) > 3:
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    groups.insert(0, digits)
    return NBSP.join(groups)


def format_money(hellers, currency=True):
    """1234.5 Kč as ``1 234,50 Kč`` (non-breaking spaces, so an amount never wraps)."""
    if hellers is None:
        return "–"
    sign = "-" if hellers < 0 else ""
    crowns, rest = divmod(abs(int(hellers)), 100)
    text = f"{sign}{group_thousands(crowns)},{rest:02d}"
    return f"{text}{NBSP}Kč" if currency else text


def format_money_short(hellers):
    """A compact label for charts: ``12,3 mil. Kč``, ``850 tis. Kč``."""
    crowns = abs(hellers) / 100
    sign = "-" if hellers < 0 else ""
    if crowns >= 1_000_000_000:
        text = f"{crowns / 1_000_000_000:.1f}".replace(".", ",") + f"{NBSP}mld."
    elif crowns >= 1_000_000:
        text = f"{crowns / 1_000_000:.1f}".replace(".", ",") + f"{NBSP}mil."
    elif crowns >= 1_000:
        text = f"{crowns / 1_000:.0f}{NBSP}tis."
    else:
        text = f"{crowns:.0f}"
    return f"{sign}{text}{NBSP}Kč"


def to_decimal(hellers):
    """Hellers as a Decimal number of crowns (for CSV and JSON exports)."""
    return (Decimal(int(hellers)) / 100).quantize(Decimal("0.01"))


def percent(part, whole):
    if not whole:
        return None
    return round(100 * part / whole, 1)
