"""Czech formatting of dates, times, prices and repetition rules."""

import datetime
from types import SimpleNamespace

from django.utils import translation

from radnice.core.money import format_money
from radnice.events.formatting import (
    describe_recurrence,
    format_date,
    format_occurrence,
    format_price,
)
from radnice.events.recurrence import DateSpec, Frequency, MonthlyBy, Recurrence, expand

from .factories import at

NBSP = "\u00a0"
DAY = datetime.date(2026, 2, 1)


def occurrence(start, end=None, all_day=False):
    [result] = expand([DateSpec(start, end, all_day)], today=DAY)
    return result


def test_dates_are_written_the_czech_way():
    assert format_date(DAY) == "1. 2. 2026"


def test_occurrences_in_words():
    assert format_occurrence(occurrence(at(DAY, 18), at(DAY, 20))) == "1. 2. 2026, 18:00–20:00"
    assert format_occurrence(occurrence(at(DAY, 9, 30))) == "1. 2. 2026, 9:30"
    assert format_occurrence(occurrence(at(DAY), at(DAY), all_day=True)) == "1. 2. 2026"
    three_days = occurrence(at(DAY), at(DAY + datetime.timedelta(days=2)), all_day=True)
    assert format_occurrence(three_days) == "1. 2. – 3. 2. 2026"
    new_year = occurrence(
        at(datetime.date(2026, 12, 31)), at(datetime.date(2027, 1, 1)), all_day=True
    )
    assert format_occurrence(new_year) == "31. 12. 2026 – 1. 1. 2027"
    overnight = occurrence(at(DAY, 20), at(DAY + datetime.timedelta(days=1), 2))
    assert format_occurrence(overnight) == "1. 2. 2026 20:00 – 2. 2. 2026 2:00"


def test_money_with_spaces_between_thousands_and_a_decimal_comma():
    # an event's admission is written as on a poster: a whole amount without ",00"
    assert format_money(123450, omit_zero_hellers=True) == f"1{NBSP}234,50{NBSP}Kč"
    assert format_money(15000, omit_zero_hellers=True) == f"150{NBSP}Kč"
    assert format_money(100000000, omit_zero_hellers=True) == f"1{NBSP}000{NBSP}000{NBSP}Kč"


def price_of(**fields):
    defaults = {"is_free": False, "price": None, "price_note": ""}
    return format_price(SimpleNamespace(**{**defaults, **fields}))


def test_prices():
    assert price_of(is_free=True) == "zdarma"
    assert price_of(price=0) == "zdarma"
    assert price_of(price=8000, price_note="děti 40 Kč") == f"80{NBSP}Kč (děti 40 Kč)"
    assert price_of(price_note="dobrovolné vstupné") == "dobrovolné vstupné"
    assert price_of() == ""


def test_repetition_in_words():
    start = at(datetime.date(2026, 1, 10), 8)  # the second Saturday of January
    assert describe_recurrence(Recurrence()) == ""
    assert describe_recurrence(Recurrence(frequency=Frequency.WEEKLY)) == "každý týden"
    every_other = Recurrence(frequency=Frequency.WEEKLY, interval=2, count=10)
    assert describe_recurrence(every_other) == "každý 2. týden, počet opakování: 10"
    monthly = Recurrence(
        frequency=Frequency.MONTHLY,
        monthly_by=MonthlyBy.WEEKDAY,
        until=datetime.date(2026, 6, 30),
    )
    assert describe_recurrence(monthly, start) == "každý měsíc (2. sobota v měsíci), do 30. 6. 2026"
    assert describe_recurrence(Recurrence(frequency=Frequency.MONTHLY), start) == (
        "každý měsíc (10. den v měsíci)"
    )


def test_repetition_in_english_words():
    start = at(datetime.date(2026, 1, 10), 8)  # the second Saturday of January
    last = at(datetime.date(2026, 1, 31), 8)  # the last Saturday
    monthly = Recurrence(frequency=Frequency.MONTHLY, monthly_by=MonthlyBy.WEEKDAY, count=3)
    with translation.override("en"):
        assert describe_recurrence(monthly, start) == (
            "every month (the second Saturday of the month), number of repetitions: 3"
        )
        assert describe_recurrence(monthly, last) == (
            "every month (the last Saturday of the month), number of repetitions: 3"
        )
        assert describe_recurrence(Recurrence(frequency=Frequency.MONTHLY), start) == (
            "every month (day 10 of the month)"
        )
        every_other = Recurrence(frequency=Frequency.WEEKLY, interval=2)
        assert describe_recurrence(every_other) == "every 2 weeks"
