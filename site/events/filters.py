"""django-filter filters of the public event listings (all values come from links)."""

import django_filters
from django.utils.translation import gettext_lazy as _

from . import queries
from .models import EventOccurrence


class EventOccurrenceFilter(django_filters.FilterSet):
    """``typ`` (event type slug), ``mesic`` ("2026-11") and ``obdobi`` (a preset)."""

    typ = django_filters.CharFilter(field_name="event__types__slug", label=_("Typ akce"))
    mesic = django_filters.CharFilter(method="filter_month", label=_("Měsíc"))
    obdobi = django_filters.ChoiceFilter(
        choices=queries.PRESETS, method="filter_preset", label=_("Období")
    )

    class Meta:
        model = EventOccurrence
        fields = []

    def __init__(self, data=None, queryset=None, *, today=None, **kwargs):
        super().__init__(data, queryset, **kwargs)
        self.today = today or queries.local_today()

    def filter_month(self, queryset, name, value):
        month = queries.parse_month(value)
        if month is None:
            return queryset.none()
        return queries.overlapping(queryset, *queries.month_bounds(*month))

    def filter_preset(self, queryset, name, value):
        return queries.overlapping(queryset, *queries.preset_range(value, self.today))
