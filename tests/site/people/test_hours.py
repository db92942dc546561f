"""Opening hours: the regular week, several intervals a day, and exceptions that win."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from radnice.people.hours import (
    days_ahead,
    format_interval,
    opening_hours_on,
    overlapping_intervals,
    regular_week,
    upcoming_exceptions,
)
from radnice.people.models import Place, PlaceHoursException, PlaceOpeningHours

from .factories import HoursExceptionFactory, OpeningHoursFactory, PlaceFactory

pytestmark = pytest.mark.django_db

T = datetime.time
MONDAY = datetime.date(2025, 12, 22)
WEDNESDAY = datetime.date(2025, 12, 24)
THURSDAY = datetime.date(2025, 12, 25)
FRIDAY = datetime.date(2025, 12, 26)


@pytest.fixture
def office(town_a):
    place = PlaceFactory(municipality=town_a, name="Obecní úřad")
    for weekday in (0, 2):
        OpeningHoursFactory(place=place, weekday=weekday, opens=T(13), closes=T(17))
        OpeningHoursFactory(place=place, weekday=weekday, opens=T(8), closes=T(11, 30))
    OpeningHoursFactory(place=place, weekday=4, opens=T(8), closes=T(12))
    return place


def test_regular_day_has_its_intervals_in_order(office):
    hours = opening_hours_on(office, MONDAY)
    assert hours.intervals == ((T(8), T(11, 30)), (T(13), T(17)))
    assert hours.text == "8:00–11:30, 13:00–17:00"
    assert hours.is_open and not hours.is_exception
    assert hours.is_open_at(T(9)) and not hours.is_open_at(T(12)) and not hours.is_open_at(T(17))


def test_day_without_hours_is_closed(office):
    hours = opening_hours_on(office, THURSDAY)
    assert not hours.is_open
    with translation.override("cs"):
        assert hours.text == "zavřeno"


def test_closed_exception_closes_a_regular_day(office):
    HoursExceptionFactory(place=office, date=WEDNESDAY, closed=True, note="Štědrý den")
    hours = opening_hours_on(office, WEDNESDAY)
    assert hours.intervals == ()
    assert hours.is_exception
    assert hours.note == "Štědrý den"
    # The exception concerns only its own date.
    assert opening_hours_on(office, MONDAY).intervals == ((T(8), T(11, 30)), (T(13), T(17)))


def test_special_hours_replace_the_regular_ones(office):
    HoursExceptionFactory(
        place=office, date=FRIDAY, closed=False, opens=T(9), closes=T(10), note="Inventura"
    )
    HoursExceptionFactory(place=office, date=FRIDAY, closed=False, opens=T(7), closes=T(8), note="")
    hours = opening_hours_on(office, FRIDAY)
    assert hours.intervals == ((T(7), T(8)), (T(9), T(10)))
    assert hours.is_exception and hours.note == "Inventura"


def test_special_hours_can_open_an_otherwise_closed_day(office):
    saturday = datetime.date(2025, 12, 27)
    HoursExceptionFactory(place=office, date=saturday, closed=False, opens=T(9), closes=T(11))
    assert opening_hours_on(office, saturday).text == "9:00–11:00"


def test_closed_wins_over_special_hours_of_the_same_date(office):
    HoursExceptionFactory(place=office, date=MONDAY, closed=False, opens=T(9), closes=T(10))
    HoursExceptionFactory(place=office, date=MONDAY, closed=True)
    assert opening_hours_on(office, MONDAY).intervals == ()


def test_week_ahead_regular_week_and_upcoming_exceptions(office):
    HoursExceptionFactory(place=office, date=WEDNESDAY, closed=True, note="Štědrý den")
    HoursExceptionFactory(place=office, date=datetime.date(2025, 12, 1), closed=True)
    days = days_ahead(office, MONDAY)
    assert [day.date.weekday() for day in days] == [0, 1, 2, 3, 4, 5, 6]
    assert [day.is_open for day in days] == [True, False, False, False, True, False, False]
    with translation.override("cs"):
        week = [(str(name), hours) for name, hours in regular_week(office)]
    assert week[0] == ("pondělí", "8:00–11:30, 13:00–17:00")
    assert week[1] == ("úterý", None)
    assert week[4] == ("pátek", "8:00–12:00")
    assert [day.date for day in upcoming_exceptions(office, MONDAY)] == [WEDNESDAY]


def test_prefetched_hours_cost_no_queries(office, django_assert_num_queries):
    HoursExceptionFactory(place=office, date=WEDNESDAY)
    place = Place.objects.prefetch_related("opening_hours", "hours_exceptions").get(pk=office.pk)
    with django_assert_num_queries(0):
        days_ahead(place, MONDAY, days=14)


def test_overlapping_intervals_are_found_touching_ones_are_not():
    intervals = [(T(8), T(12)), (T(12), T(16)), (T(11), T(13))]
    assert overlapping_intervals(intervals) == [(0, 2), (1, 2)]
    assert format_interval(T(8), T(11, 30)) == "8:00–11:30"


# --- validation, in Czech --------------------------------------------------------------------


def messages(error):
    return " ".join(str(text) for texts in error.message_dict.values() for text in texts)


def test_interval_must_end_after_it_starts(office):
    with translation.override("cs"), pytest.raises(ValidationError) as error:
        PlaceOpeningHours(place=office, weekday=0, opens=T(12), closes=T(8)).full_clean()
    assert "Konec musí být později než začátek" in messages(error.value)


def test_exception_needs_closed_or_both_times(office):
    with translation.override("cs"), pytest.raises(ValidationError) as error:
        PlaceHoursException(place=office, date=MONDAY, opens=T(9)).full_clean()
    assert "nebo zaškrtněte „zavřeno“" in messages(error.value)
    with translation.override("cs"), pytest.raises(ValidationError) as error:
        PlaceHoursException(place=office, date=MONDAY, closed=True, opens=T(9)).full_clean()
    assert "Zavřený den nemůže mít zároveň otevírací dobu" in messages(error.value)
    PlaceHoursException(place=office, date=MONDAY, closed=True, note="Štědrý den").full_clean()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("latitude", "91", "Zeměpisná šířka musí být mezi −90 a 90 stupni."),
        ("latitude", "-90.5", "Zeměpisná šířka musí být mezi −90 a 90 stupni."),
        ("longitude", "180.000001", "Zeměpisná délka musí být mezi −180 a 180 stupni."),
        ("postcode", "2850", "PSČ má 5 číslic"),
        ("phone", "volejte večer", "Zadejte telefonní číslo"),
    ],
)
def test_place_fields_are_validated_in_czech(town_a, field, value, message):
    place = Place(municipality=town_a, name="Knihovna", **{field: value})
    with translation.override("cs"), pytest.raises(ValidationError) as error:
        place.full_clean()
    assert field in error.value.message_dict
    assert message in " ".join(error.value.message_dict[field])


def test_valid_map_point_passes(town_a):
    Place(
        municipality=town_a, name="Úřad", latitude="49.948512", longitude="-15.268947"
    ).full_clean()
