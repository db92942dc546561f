"""The budget's chart and table helpers; amounts themselves are radnice.core.money's hellers."""

NBSP = "\u00a0"


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


def percent(part, whole):
    if not whole:
        return None
    return round(100 * part / whole, 1)
