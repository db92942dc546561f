"""Public views of the events index and event pages (called from their routes)."""

import datetime

from django.http import Http404, QueryDict

from radnice.core.facets import facet
from radnice.core.listing import PAGE, active_filters, paginate

from . import ical, ofn_export, queries, schema_org
from .filters import EventOccurrenceFilter
from .formatting import WEEKDAYS, WEEKDAYS_SHORT, format_date, month_label
from .occurrences import expected_occurrences

PER_PAGE = 20
ARCHIVE_FILTERS = ("typ", "mesic")
UPCOMING_FILTERS = ("obdobi", "typ", "mesic")


def _without(params, name):
    data = params.copy()
    data.pop(name, None)
    return data


def listing_context(index_page, params, *, archive, today):
    """Everything the listing template shows; the same number of queries for any data."""
    base = (
        queries.past_occurrences(index_page, today)
        if archive
        else queries.upcoming_occurrences(index_page, today)
    )
    names = ARCHIVE_FILTERS if archive else UPCOMING_FILTERS
    data = {key: params.get(key) for key in names if params.get(key)}
    filterset = EventOccurrenceFilter(data, base, today=today)

    def others(name):
        return EventOccurrenceFilter(_without(data, name), base, today=today).qs

    query = QueryDict(mutable=True)
    query.update(data)
    facets = {
        "typ": facet(query, "typ", queries.type_counts(others("typ"))),
        "mesic": facet(
            query,
            "mesic",
            queries.month_counts(
                others("mesic"), not_before=None if archive else today, newest_first=archive
            ),
        ),
    }
    if not archive:
        facets["obdobi"] = facet(query, "obdobi", queries.preset_counts(others("obdobi"), today))

    if params.get(PAGE):
        query[PAGE] = params.get(PAGE)
    pagination = paginate(filterset.qs.prefetch_related("event__types"), query, PER_PAGE)
    return {
        "archive": archive,
        "occurrences": pagination.page,
        "page_obj": pagination.page,
        "pagination": pagination,
        "facets": facets,
        "active_filters": active_filters(query, facets),
        "filtered": bool(data),
    }


def _feeds(index_page, request):
    return {
        "ical_url": index_page.route_url("ical", request=request),
        "ofn_url": index_page.route_url("ofn", request=request),
        "csv_url": index_page.route_url("csv", request=request),
        "upcoming_url": index_page.get_url(request),
        "archive_url": index_page.route_url("archive", request=request),
        "calendar_url": index_page.route_url("calendar", request=request),
    }


def listing(index_page, request, *, archive):
    context = listing_context(index_page, request.GET, archive=archive, today=queries.local_today())
    context.update(_feeds(index_page, request))
    context["clear_filters_url"] = context["archive_url" if archive else "upcoming_url"]
    return index_page.render(
        request,
        template="events/event_index_page.html",
        context_overrides=context,
    )


def calendar_month(index_page, request, year=None, month=None):
    today = queries.local_today()
    if year is None:
        year, month = today.year, today.month
    if not (1 <= month <= 12 and 1900 <= year <= 2200):
        raise Http404
    month_calendar = queries.calendar_month(index_page, year, month, today)
    day_prefix = index_page.route_url("calendar", request=request)
    for week in month_calendar.weeks:
        for calendar_day in week:
            date = calendar_day.date
            calendar_day.url = f"{day_prefix}{date.year}/{date.month}/{date.day}/"
    context = {
        "calendar": month_calendar,
        "weekdays": [
            {"name": name, "short": short}
            for name, short in zip(WEEKDAYS, WEEKDAYS_SHORT, strict=True)
        ],
        "previous_label": month_label(*month_calendar.previous),
        "next_label": month_label(*month_calendar.next),
        "previous_url": index_page.route_url(
            "calendar_month", *month_calendar.previous, request=request
        ),
        "next_url": index_page.route_url("calendar_month", *month_calendar.next, request=request),
        **_feeds(index_page, request),
    }
    return index_page.render(
        request, template="events/event_calendar.html", context_overrides=context
    )


def day(index_page, request, year, month, day_number):
    try:
        date = datetime.date(year, month, day_number)
    except ValueError as error:
        raise Http404 from error
    occurrences = list(queries.occurrences_on(index_page, date).prefetch_related("event__types"))
    context = {
        "day": date,
        "day_label": format_date(date),
        "day_occurrences": occurrences,
        "month_url": index_page.route_url("calendar_month", year, month, request=request),
        **_feeds(index_page, request),
    }
    return index_page.render(request, template="events/event_day.html", context_overrides=context)


def index_ical(index_page, request):
    occurrences = queries.upcoming_occurrences(index_page).prefetch_related("event__types")
    occurrences = occurrences[: ical.FEED_LIMIT]
    return ical.calendar_response(
        ical.occurrences_calendar(list(occurrences), request, name=index_page.title), "akce.ics"
    )


def index_ofn(index_page, request):
    return ofn_export.jsonld_events(index_page, request)


def index_csv(index_page, request):
    return ofn_export.csv_occurrences(index_page, request)


def event_occurrences(event, request, today, limit=10):
    """(next ``limit`` occurrences, how many more, the last one if none is upcoming).

    Stored rows for the live page; an in-memory expansion in previews, whose dates may be
    unsaved (or the page itself not created yet).
    """
    if getattr(request, "is_preview", False) or not event.pk:
        everything = expected_occurrences(event, today)
        upcoming = [o for o in everything if o.end_date >= today]
        last = None if upcoming else (everything[-1] if everything else None)
        return upcoming[:limit], max(0, len(upcoming) - limit), last
    stored = event.occurrences.filter(end_date__gte=today).order_by("start")
    upcoming = list(stored[:limit])
    more = stored.count() - len(upcoming) if len(upcoming) == limit else 0
    last = None if upcoming else event.occurrences.order_by("-start").first()
    return upcoming, more, last


def event_detail(event, request):
    today = queries.local_today()
    upcoming, more, last = event_occurrences(event, request, today)
    parent = event.get_parent()
    context = {
        "index_url": parent.get_url(request) if parent else "",
        "upcoming_occurrences": upcoming,
        "more_occurrences": more,
        "last_occurrence": last,
        "ical_url": event.route_url("ical", request=request),
        "ofn_url": event.route_url("ofn", request=request),
        "schema_org": schema_org.event_data(event, request, upcoming or ([last] if last else [])),
    }
    return event.render(request, template="events/event_page.html", context_overrides=context)


def event_ical(event, request):
    return ical.calendar_response(ical.event_calendar(event, request), f"{event.slug}.ics")


def event_ofn(event, request):
    return ofn_export.jsonld_event(event, request)
