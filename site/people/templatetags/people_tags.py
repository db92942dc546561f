"""Template filters and tags of the contacts directory."""

from django import template
from django.db.models import Prefetch
from django.utils import timezone

from municipalities.scope import for_municipality

from ..hours import opening_hours_on
from ..models import Place, PlaceHoursException
from ..validators import phone_uri

register = template.Library()


@register.filter
def tel_uri(value):
    """A phone number as a ``tel:`` URI for ``href``: "+420 321 654 987" → "tel:+420321654987"."""
    return phone_uri(value)


@register.inclusion_tag("people/includes/office_hours.html", takes_context=True)
def office_hours(context):
    """The town hall (the place marked "sídlo úřadu") with today's hours, for the footer."""
    municipality = context.get("municipality")
    if municipality is None:
        return {}
    today = timezone.localdate()
    place = (
        for_municipality(Place.objects.all(), municipality)
        .filter(is_office=True)
        .select_related("municipality__site__root_page")
        .order_by("name")
        .prefetch_related(
            "opening_hours",
            Prefetch("hours_exceptions", queryset=PlaceHoursException.objects.filter(date=today)),
        )
        .first()
    )
    if place is None:
        return {}
    today_hours = opening_hours_on(place, today)
    return {"place": place, "today": today_hours, "url": place_url(context, place)}


def place_url(context, place):
    """The place's page in the town's contacts directory ("" without a directory)."""
    from ..models import DirectoryPage

    request = context.get("request")
    root = place.municipality.site.root_page.localized
    directory = DirectoryPage.objects.live().descendant_of(root).first()
    if directory is None:
        return ""
    return directory.get_url(request) + directory.reverse_subpage("place", args=[place.pk])
