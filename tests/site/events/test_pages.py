"""Event pages: where they may live, what editors must fill in, and how occurrences follow."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import Page

from radnice.events.models import (
    EventDate,
    EventExceptionDate,
    EventIndexPage,
    EventOccurrence,
    EventPage,
    EventType,
)
from radnice.home.models import HomePage
from radnice.pages.models import StandardPage

from .factories import EventPageFactory, at, timed

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 11, 5)


# --- parent and child rules ---------------------------------------------------------------


def test_event_index_lives_under_the_home_page_or_a_standard_page():
    assert HomePage in EventIndexPage.allowed_parent_page_models()
    # A standard page must also list the index among its own subpage types.
    assert "pages.StandardPage" in EventIndexPage.parent_page_types
    assert EventIndexPage.allowed_subpage_models() == [EventPage]


def test_events_live_only_in_an_event_index_and_have_no_children():
    assert EventPage.allowed_parent_page_models() == [EventIndexPage]
    assert EventPage.allowed_subpage_models() == []
    assert EventPage not in HomePage.allowed_subpage_models()
    assert EventPage not in StandardPage.allowed_subpage_models()


def test_event_cannot_be_created_under_the_home_page(town_a, index_a):
    home = town_a.site.root_page.specific
    assert not EventPage.can_create_at(home)
    assert EventPage.can_create_at(index_a)
    assert EventIndexPage.can_create_at(home)


# --- validation ---------------------------------------------------------------------------


def test_end_before_start_is_refused_with_a_czech_message():
    row = EventDate(start=at(DAY, 18), end=at(DAY, 17))
    with pytest.raises(ValidationError) as error:
        row.clean()
    assert error.value.message_dict["end"] == ["Konec akce nesmí být dříve než její začátek."]


def test_all_day_end_on_the_same_day_is_fine():
    EventDate(start=at(DAY, 10), end=at(DAY, 9), all_day=True).clean()


def test_until_and_count_together_are_refused(index_a):
    event = EventPage(title="Cvičení", slug="cviceni", repeat="weekly", repeat_count=3)
    event.repeat_until = DAY
    with pytest.raises(ValidationError) as error:
        event.clean()
    assert "repeat_count" in error.value.message_dict


def test_reserved_slug_of_the_index_routes_is_refused():
    event = EventPage(title="Kalendář", slug="kalendar")
    with pytest.raises(ValidationError) as error:
        event.clean()
    assert "slug" in error.value.message_dict


def test_map_point_needs_both_coordinates():
    event = EventPage(title="Trhy", slug="trhy", latitude=50)
    with pytest.raises(ValidationError) as error:
        event.clean()
    assert "longitude" in error.value.message_dict


def test_event_type_slug_is_made_from_the_name_and_unique_per_town(town_a, town_b):
    concert = EventType(municipality=town_a, name="Koncerty a přednášky")
    concert.full_clean()
    concert.save()
    assert concert.slug == "koncerty-a-prednasky"
    same_elsewhere = EventType(municipality=town_b, name="Koncerty a přednášky")
    same_elsewhere.full_clean()
    duplicate = EventType(municipality=town_a, name="Koncerty a přednášky")
    with pytest.raises(ValidationError):
        duplicate.full_clean()


# --- occurrences follow the live version ---------------------------------------------------


def test_saving_an_event_builds_its_occurrences(index_a):
    event = EventPageFactory(
        parent=index_a,
        dates=[timed(DAY, 9, 10)],
        repeat="weekly",
        repeat_count=3,
        exception_dates=[EventExceptionDate(date=DAY + datetime.timedelta(days=7))],
    )
    dates = list(event.occurrences.values_list("start_date", flat=True))
    assert dates == [DAY, DAY + datetime.timedelta(days=14)]


def test_publishing_a_new_date_rebuilds_and_a_draft_does_not(index_a):
    event = EventPageFactory(parent=index_a, dates=[timed(DAY, 9, 10)])
    event.save_revision().publish()
    event = EventPage.objects.get(pk=event.pk)
    later = DAY + datetime.timedelta(days=30)
    event.dates = [timed(later, 9, 10)]
    event.save_revision()  # a draft: the live occurrences stay
    assert list(
        EventOccurrence.objects.filter(event=event).values_list("start_date", flat=True)
    ) == [DAY]
    event.get_latest_revision().publish()
    assert list(
        EventOccurrence.objects.filter(event=event).values_list("start_date", flat=True)
    ) == [later]


def test_rebuilding_without_changes_touches_nothing(index_a):
    from radnice.events.occurrences import rebuild_occurrences

    event = EventPageFactory(parent=index_a, dates=[timed(DAY, 9, 10)])
    ids = list(event.occurrences.values_list("pk", flat=True))
    assert rebuild_occurrences(event) is False
    assert list(event.occurrences.values_list("pk", flat=True)) == ids


def test_deleting_an_event_deletes_its_occurrences(index_a):
    event = EventPageFactory(parent=index_a, dates=[timed(DAY, 9, 10)])
    Page.objects.get(pk=event.pk).delete()
    assert not EventOccurrence.objects.exists()


def test_the_daily_rebuild_moves_the_expansion_window_forward(index_a):
    from django.core.management import call_command
    from django.utils import timezone

    from radnice.events.occurrences import rebuild_all_occurrences
    from radnice.events.tasks import extend_event_occurrences

    event = EventPageFactory(parent=index_a, dates=[timed(DAY, 9, 10)], repeat="weekly")
    EventPageFactory(parent=index_a, dates=[timed(DAY, 9, 10)])  # a one-off: never touched
    last = event.occurrences.order_by("-start").first().start_date
    in_two_months = timezone.localdate() + datetime.timedelta(days=60)
    assert rebuild_all_occurrences(today=in_two_months) == 1
    assert event.occurrences.order_by("-start").first().start_date > last
    assert rebuild_all_occurrences(today=in_two_months) == 0
    assert extend_event_occurrences.apply().get() == 1  # back to today's window
    call_command("rebuild_event_occurrences")
