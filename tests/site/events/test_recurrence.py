"""Expanding an event's dates and repetition rule into concrete occurrences."""

import datetime

from radnice.events.recurrence import (
    DateSpec,
    Frequency,
    MonthlyBy,
    Recurrence,
    expand,
    nth_weekday_of_month,
)

from .factories import at

TODAY = datetime.date(2026, 1, 1)
MONDAY = datetime.date(2026, 1, 5)


def starts(occurrences):
    return [o.start_date for o in occurrences]


def weekly(**kwargs):
    return Recurrence(frequency=Frequency.WEEKLY, **kwargs)


def test_single_date_gives_one_occurrence_with_its_local_days():
    [occurrence] = expand([DateSpec(at(MONDAY, 18), at(MONDAY, 20))], today=TODAY)
    assert occurrence.start == at(MONDAY, 18)
    assert occurrence.end == at(MONDAY, 20)
    assert (occurrence.start_date, occurrence.end_date) == (MONDAY, MONDAY)
    assert not occurrence.all_day


def test_an_event_without_end_ends_when_it_starts():
    [occurrence] = expand([DateSpec(at(MONDAY, 18))], today=TODAY)
    assert occurrence.end == occurrence.start


def test_an_event_until_midnight_ends_on_its_first_day():
    [occurrence] = expand(
        [DateSpec(at(MONDAY, 20), at(MONDAY + datetime.timedelta(days=1), 0))], today=TODAY
    )
    assert occurrence.end_date == MONDAY


def test_all_day_event_spans_whole_days_with_exclusive_end():
    last = MONDAY + datetime.timedelta(days=2)
    [occurrence] = expand([DateSpec(at(MONDAY, 10), at(last, 9), all_day=True)], today=TODAY)
    assert occurrence.all_day
    assert (occurrence.start_date, occurrence.end_date) == (MONDAY, last)
    assert occurrence.start == at(MONDAY)
    assert occurrence.end == at(last + datetime.timedelta(days=1))


def test_weekly_with_until_includes_the_until_day():
    rule = weekly(until=datetime.date(2026, 2, 2))
    result = expand([DateSpec(at(MONDAY, 9), at(MONDAY, 10))], rule, today=TODAY)
    assert starts(result) == [
        datetime.date(2026, 1, 5),
        datetime.date(2026, 1, 12),
        datetime.date(2026, 1, 19),
        datetime.date(2026, 1, 26),
        datetime.date(2026, 2, 2),
    ]


def test_every_second_week_with_count():
    rule = weekly(interval=2, count=3)
    result = expand([DateSpec(at(MONDAY, 9))], rule, today=TODAY)
    assert starts(result) == [
        datetime.date(2026, 1, 5),
        datetime.date(2026, 1, 19),
        datetime.date(2026, 2, 2),
    ]


def test_exception_dates_are_left_out_and_count_includes_them_as_in_rfc_5545():
    rule = weekly(count=4, exceptions=frozenset({datetime.date(2026, 1, 12)}))
    result = expand([DateSpec(at(MONDAY, 9))], rule, today=TODAY)
    assert starts(result) == [
        datetime.date(2026, 1, 5),
        datetime.date(2026, 1, 19),
        datetime.date(2026, 1, 26),
    ]


def test_each_date_row_repeats_by_the_rule():
    thursday = MONDAY + datetime.timedelta(days=3)
    rule = weekly(count=2)
    result = expand([DateSpec(at(MONDAY, 9)), DateSpec(at(thursday, 17))], rule, today=TODAY)
    assert starts(result) == [
        datetime.date(2026, 1, 5),
        datetime.date(2026, 1, 8),
        datetime.date(2026, 1, 12),
        datetime.date(2026, 1, 15),
    ]


def test_monthly_on_the_same_day_of_month():
    rule = Recurrence(frequency=Frequency.MONTHLY, count=3)
    day = datetime.date(2026, 1, 15)
    assert starts(expand([DateSpec(at(day, 17))], rule, today=TODAY)) == [
        datetime.date(2026, 1, 15),
        datetime.date(2026, 2, 15),
        datetime.date(2026, 3, 15),
    ]


def test_monthly_on_the_second_saturday():
    second_saturday = datetime.date(2026, 1, 10)
    assert nth_weekday_of_month(second_saturday) == (2, 5)
    rule = Recurrence(frequency=Frequency.MONTHLY, monthly_by=MonthlyBy.WEEKDAY, count=4)
    assert starts(expand([DateSpec(at(second_saturday, 8), at(second_saturday, 12))], rule)) == [
        datetime.date(2026, 1, 10),
        datetime.date(2026, 2, 14),
        datetime.date(2026, 3, 14),
        datetime.date(2026, 4, 11),
    ]


def test_monthly_on_a_fifth_weekday_means_the_last_one():
    last_friday = datetime.date(2026, 1, 30)
    assert nth_weekday_of_month(last_friday) == (-1, 4)
    rule = Recurrence(frequency=Frequency.MONTHLY, monthly_by=MonthlyBy.WEEKDAY, count=2)
    assert starts(expand([DateSpec(at(last_friday, 18))], rule, today=TODAY)) == [
        datetime.date(2026, 1, 30),
        datetime.date(2026, 2, 27),
    ]


def test_open_ended_rule_stops_at_the_two_year_horizon():
    result = expand([DateSpec(at(MONDAY, 9))], weekly(), today=TODAY)
    assert result[-1].start_date <= TODAY + datetime.timedelta(days=730)
    assert result[-1].start_date > TODAY + datetime.timedelta(days=720)
    assert result[-1].start_date == datetime.date(2027, 12, 27)
    assert len(result) == 104


def test_wall_clock_time_is_kept_across_summer_time():
    rule = weekly(count=2)
    before_change = datetime.date(2026, 3, 23)  # summer time starts on 29 March 2026
    result = expand([DateSpec(at(before_change, 18))], rule, today=TODAY)
    local_hours = [o.start.astimezone(at(MONDAY).tzinfo).hour for o in result]
    assert local_hours == [18, 18]
    utc = datetime.UTC
    elapsed = result[1].start.astimezone(utc) - result[0].start.astimezone(utc)
    assert elapsed == datetime.timedelta(days=7, hours=-1)
