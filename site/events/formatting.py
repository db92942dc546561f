"""Czech formatting of event dates, prices and repetition rules."""

from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from radnice.core.money import format_money

from .recurrence import Frequency, MonthlyBy, nth_weekday_of_month

WEEKDAYS = [
    gettext_lazy("pondělí"),
    gettext_lazy("úterý"),
    gettext_lazy("středa"),
    gettext_lazy("čtvrtek"),
    gettext_lazy("pátek"),
    gettext_lazy("sobota"),
    gettext_lazy("neděle"),
]

WEEKDAYS_SHORT = [
    gettext_lazy("Po"),
    gettext_lazy("Út"),
    gettext_lazy("St"),
    gettext_lazy("Čt"),
    gettext_lazy("Pá"),
    gettext_lazy("So"),
    gettext_lazy("Ne"),
]


def month_name(month):
    return str(MONTHS[month])


def month_label(year, month):
    """ "listopad 2026"."""
    return f"{month_name(month)} {year}"


def format_date(day):
    """ "1. 2. 2026"."""
    return f"{day.day}. {day.month}. {day.year}"


def format_time(moment):
    local = timezone.localtime(moment, timezone.get_default_timezone())
    return f"{local.hour}:{local.minute:02d}"


def format_date_range(first, last):
    if first == last:
        return format_date(first)
    if first.year == last.year:
        return f"{first.day}. {first.month}. – {format_date(last)}"
    return f"{format_date(first)} – {format_date(last)}"


def format_occurrence(occurrence):
    """Dates and times of an occurrence in Czech, e.g. "1. 11. 2026, 18:00–20:00".

    Accepts anything with ``start``, ``end``, ``all_day``, ``start_date``, ``end_date``.
    """
    if occurrence.all_day:
        return format_date_range(occurrence.start_date, occurrence.end_date)
    start, end = occurrence.start, occurrence.end
    if occurrence.start_date == occurrence.end_date:
        times = format_time(start)
        if end and end > start:
            times = f"{times}–{format_time(end)}"
        return f"{format_date(occurrence.start_date)}, {times}"
    return (
        f"{format_date(occurrence.start_date)} {format_time(start)} – "
        f"{format_date(occurrence.end_date)} {format_time(end)}"
    )


def format_price(event):
    """ "zdarma", "150 Kč", "150 Kč (děti zdarma)", or just the note; "" when unknown."""
    note = event.price_note
    if event.is_free:
        base = _("zdarma")
    elif event.price is not None:
        base = (
            _("zdarma") if event.price == 0 else format_money(event.price, omit_zero_hellers=True)
        )
    else:
        return note
    return f"{base} ({note})" if note else base


#: one message per position (nth_weekday_of_month: 1 to 4, or -1 for the last), so that a
#: translation can say "the second Saturday"
NTH_WEEKDAY = {
    -1: gettext_noop("poslední %(weekday)s v měsíci"),
    1: gettext_noop("1. %(weekday)s v měsíci"),
    2: gettext_noop("2. %(weekday)s v měsíci"),
    3: gettext_noop("3. %(weekday)s v měsíci"),
    4: gettext_noop("4. %(weekday)s v měsíci"),
}


def ordinal_weekday_description(day):
    n, weekday = nth_weekday_of_month(day)
    return _(NTH_WEEKDAY[n]) % {"weekday": str(WEEKDAYS[weekday])}


def describe_recurrence(rule, first_start=None):
    """The rule in words: "každý 2. týden, do 30. 6. 2026"; "" when it does not repeat."""
    if not rule.repeats:
        return ""
    interval = rule.interval or 1
    if rule.frequency == Frequency.WEEKLY:
        text = _("každý týden") if interval == 1 else _("každý %(n)s. týden") % {"n": interval}
    else:
        text = _("každý měsíc") if interval == 1 else _("každý %(n)s. měsíc") % {"n": interval}
        if first_start is not None:
            day = timezone.localtime(first_start, timezone.get_default_timezone()).date()
            if rule.monthly_by == MonthlyBy.WEEKDAY:
                text = f"{text} ({ordinal_weekday_description(day)})"
            else:
                day_of_month = _("%(day)s. den v měsíci") % {"day": day.day}
                text = f"{text} ({day_of_month})"
    if rule.count:
        text = f"{text}, " + _("počet opakování: %(count)s") % {"count": rule.count}
    elif rule.until:
        text = f"{text}, " + _("do %(date)s") % {"date": format_date(rule.until)}
    return text
