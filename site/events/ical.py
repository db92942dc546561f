"""iCalendar (RFC 5545) export of one event and of the upcoming-events feed.

One event: a VEVENT per date row, carrying the repetition as RRULE and the cancelled days
as EXDATE. "Add to my calendar" thus keeps the series as a series (editable, shown as
repeating) and is not cut at our two-year expansion horizon.

The listing feed: a VEVENT per upcoming occurrence (the same rows the listing shows), each
with its own UID. A feed is a window that subscribers re-fetch; expanded instances avoid
differences in how clients apply RRULE/EXDATE and keep the feed identical to the web page.

Times carry TZID=Europe/Prague with a generated VTIMEZONE; all-day dates are DATE values
with an exclusive DTEND, as RFC 5545 requires.
"""

import datetime

from django.utils import timezone
from icalendar import Calendar, Event, vRecur

from municipalities.hosts import page_full_url, site_of
from radnice.opendata.responses import export_response

from .recurrence import Frequency, MonthlyBy, nth_weekday_of_month

PRODID = "-//Radnice//Akce//CS"
FEED_LIMIT = 500
WEEKDAY_CODES = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]


def new_calendar(name):
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Prague")
    return calendar


def _local(moment):
    return timezone.localtime(moment, timezone.get_default_timezone())


def _host(request):
    """The domain of event UIDs: the registered site's hostname, not the Host header."""
    return site_of(request).hostname


def _stamp(event):
    return (event.last_published_at or timezone.now()).astimezone(datetime.UTC)


def _describe(vevent, event, request):
    vevent.add("summary", event.title)
    url = page_full_url(event, request)
    description = "\n\n".join(part for part in [event.teaser, url] if part)
    if description:
        vevent.add("description", description)
    if url:
        vevent.add("url", url)
    location = ", ".join(part for part in [event.venue, event.address] if part)
    if location:
        vevent.add("location", location)
    if event.has_map_point:
        vevent.add("geo", (float(event.latitude), float(event.longitude)))
    categories = [event_type.name for event_type in event.types.all()]
    if categories:
        vevent.add("categories", categories)
    vevent.add("dtstamp", _stamp(event))
    if event.last_published_at:
        vevent.add("last-modified", event.last_published_at.astimezone(datetime.UTC))
    if event.first_published_at:
        vevent.add("created", event.first_published_at.astimezone(datetime.UTC))


def _add_times(vevent, start, end, all_day, first_day=None, last_day=None):
    if all_day:
        vevent.add("dtstart", first_day)
        vevent.add("dtend", last_day + datetime.timedelta(days=1))
        return
    vevent.add("dtstart", _local(start))
    if end and end > start:
        vevent.add("dtend", _local(end))


def rrule_of(rule, first_start, all_day):
    """The RRULE value for an event's rule applied to a row starting at ``first_start``."""
    recur = {"FREQ": "WEEKLY" if rule.frequency == Frequency.WEEKLY else "MONTHLY"}
    if rule.interval and rule.interval > 1:
        recur["INTERVAL"] = rule.interval
    if rule.frequency == Frequency.MONTHLY:
        local_start = _local(first_start).date()
        if rule.monthly_by == MonthlyBy.WEEKDAY:
            n, weekday = nth_weekday_of_month(local_start)
            recur["BYDAY"] = f"{n}{WEEKDAY_CODES[weekday]}"
        else:
            recur["BYMONTHDAY"] = local_start.day
    if rule.count:
        recur["COUNT"] = rule.count
    elif rule.until:
        if all_day:
            recur["UNTIL"] = rule.until
        else:
            # With a TZID start, UNTIL must be in UTC: the end of the until day in Prague.
            end_of_day = timezone.make_aware(
                datetime.datetime.combine(rule.until, datetime.time(23, 59, 59)),
                timezone.get_default_timezone(),
            )
            recur["UNTIL"] = end_of_day.astimezone(datetime.UTC)
    return vRecur(recur)


def event_calendar(event, request):
    """The whole event: one VEVENT per date row with RRULE/EXDATE when it repeats."""
    calendar = new_calendar(event.title)
    rule = event.recurrence
    host = _host(request)
    for row in event.dates.all():
        vevent = Event()
        vevent.add("uid", f"akce-{event.pk}-termin-{row.pk}@{host}")
        first_day = _local(row.start).date()
        last_day = max(_local(row.end).date(), first_day) if row.end else first_day
        _add_times(vevent, row.start, row.end, row.all_day, first_day, last_day)
        if rule.repeats:
            vevent.add("rrule", rrule_of(rule, row.start, row.all_day))
            if rule.exceptions:
                if row.all_day:
                    excluded = sorted(rule.exceptions)
                else:
                    start_time = _local(row.start).timetz().replace(tzinfo=None)
                    excluded = [
                        _local(
                            timezone.make_aware(
                                datetime.datetime.combine(day, start_time),
                                timezone.get_default_timezone(),
                            )
                        )
                        for day in sorted(rule.exceptions)
                    ]
                vevent.add("exdate", excluded)
        _describe(vevent, event, request)
        calendar.add_component(vevent)
    calendar.add_missing_timezones()
    return calendar


def occurrences_calendar(occurrences, request, name):
    """A feed of concrete occurrences (``EventOccurrence`` rows with their events)."""
    calendar = new_calendar(name)
    host = _host(request)
    for occurrence in occurrences:
        event = occurrence.event
        vevent = Event()
        stamp = occurrence.start.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
        vevent.add("uid", f"akce-{event.pk}-{stamp}@{host}")
        _add_times(
            vevent,
            occurrence.start,
            occurrence.end,
            occurrence.all_day,
            occurrence.start_date,
            occurrence.end_date,
        )
        _describe(vevent, event, request)
        calendar.add_component(vevent)
    calendar.add_missing_timezones()
    return calendar


def calendar_response(calendar, filename):
    return export_response(calendar.to_ical(), "ics", filename)
