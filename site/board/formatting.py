"""How the board writes dates, posting periods and file sizes (Czech conventions)."""

import posixpath

from django.utils.dates import MONTHS
from django.utils.translation import gettext as _


def czech_date(value):
    """``1. 2. 2026``: day and month without leading zeros, separated by a dot and a space."""
    if value is None:
        return ""
    return f"{value.day}. {value.month}. {value.year}"


def posting_period(date_posted, date_taken_down):
    """ "Vyvěšeno od 1. 2. 2026 do 16. 2. 2026" or "... do odvolání"."""
    if date_taken_down is None:
        return _("Vyvěšeno od %(posted)s do odvolání") % {"posted": czech_date(date_posted)}
    return _("Vyvěšeno od %(posted)s do %(taken_down)s") % {
        "posted": czech_date(date_posted),
        "taken_down": czech_date(date_taken_down),
    }


def month_label(year, month):
    """ "únor 2026" (the month's name in the active language)."""
    return f"{MONTHS[month]} {year}"


def file_size(size):
    """``512 B``, ``12,3 kB``, ``1,5 MB``: decimal comma, as Czech writes numbers."""
    if size is None:
        return ""
    if size < 1024:
        return f"{size} B"
    for unit in ("kB", "MB", "GB"):
        size /= 1024
        if size < 1024 or unit == "GB":
            return f"{size:.1f} {unit}".replace(".", ",")
    return ""  # pragma: no cover - the loop always returns


def file_format(filename):
    """``PDF`` for ``vyhlaska.pdf``; empty when the name has no extension."""
    extension = posixpath.splitext(filename or "")[1]
    return extension[1:].upper()
