"""schema.org ``Event`` JSON-LD for the head of an event page."""

import html

from django.utils import timezone
from django.utils.html import strip_tags

from municipalities.hosts import absolute_url, page_full_url
from radnice.core.money import to_decimal


def _moment(occurrence, moment, day):
    if occurrence.all_day:
        return day.isoformat()
    return timezone.localtime(moment, timezone.get_default_timezone()).isoformat()


def event_data(event, request, occurrences):
    """A schema.org Event; with several occurrences, one Event per occurrence (max. 10)."""
    base = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "url": page_full_url(event, request),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
    }
    description = event.teaser or html.unescape(strip_tags(event.body or "")).strip()[:500]
    if description:
        base["description"] = description
    if event.venue or event.address or event.has_map_point:
        place = {"@type": "Place", "name": event.venue or event.address}
        if event.address:
            place["address"] = event.address
        if event.has_map_point:
            place["geo"] = {
                "@type": "GeoCoordinates",
                "latitude": float(event.latitude),
                "longitude": float(event.longitude),
            }
        base["location"] = place
    if event.organiser:
        base["organizer"] = {"@type": "Organization", "name": event.organiser}
    if event.main_image_id:
        rendition = event.main_image.get_rendition("fill-1200x675")
        base["image"] = absolute_url(request, rendition.url)
    if event.is_free or event.price is not None:
        base["isAccessibleForFree"] = bool(event.is_free or event.price == 0)
        base["offers"] = {
            "@type": "Offer",
            "price": "0" if event.is_free else str(to_decimal(event.price)),
            "priceCurrency": "CZK",
            "url": event.registration_url or base["url"],
        }
    items = []
    for occurrence in occurrences[:10]:
        item = dict(base)
        item["startDate"] = _moment(occurrence, occurrence.start, occurrence.start_date)
        item["endDate"] = _moment(occurrence, occurrence.end, occurrence.end_date)
        items.append(item)
    if not items:
        return base
    return items[0] if len(items) == 1 else items
