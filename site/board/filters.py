"""Filters of the board listing (django-filter): type, month or year posted, and text.

Values come from links (``?typ=vyhlasky&mesic=2026-02``); a malformed value matches nothing
rather than being silently ignored, so the page never claims to filter when it does not.
"""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .models import OfficialNoticePage


def _year_month(value):
    try:
        year, month = (int(part) for part in value.split("-"))
    except ValueError:
        return None
    if not (1 <= month <= 12 and 1900 <= year <= 9999):
        return None
    return year, month


def _year(value):
    """The year in ``value`` ("2024") or None; ``str.isdigit`` also accepts "²" and "٢"."""
    if not (value.isascii() and value.isdigit()):
        return None
    year = int(value)
    return year if 1900 <= year <= 9999 else None


class BoardFilter(django_filters.FilterSet):
    typ = django_filters.CharFilter(method="filter_type", label=_("Typ"))
    q = django_filters.CharFilter(method="filter_text", label=_("Hledat"))

    class Meta:
        model = OfficialNoticePage
        fields = []

    def filter_type(self, queryset, name, value):
        return queryset.filter(notice_types__slug=value)

    def filter_text(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(title__icontains=value)
            | Q(teaser__icontains=value)
            | Q(reference_number__icontains=value)
            | Q(file_mark__icontains=value)
        )


class CurrentBoardFilter(BoardFilter):
    """Current notices: by type, month posted and text."""

    mesic = django_filters.CharFilter(method="filter_month", label=_("Měsíc vyvěšení"))

    def filter_month(self, queryset, name, value):
        year_month = _year_month(value)
        if year_month is None:
            return queryset.none()
        year, month = year_month
        return queryset.filter(date_posted__year=year, date_posted__month=month)


class ArchiveBoardFilter(BoardFilter):
    """Archived notices: by type, year posted and text."""

    rok = django_filters.CharFilter(method="filter_year", label=_("Rok vyvěšení"))

    def filter_year(self, queryset, name, value):
        year = _year(value)
        if year is None:
            return queryset.none()
        return queryset.filter(date_posted__year=year)


def filtered_without(filterset, excluded_name):
    """The filterset's queryset with every active filter applied except ``excluded_name``.

    A facet's counts come from this: they answer "how many would I see if I picked this
    option", given all the other choices.
    """
    queryset = filterset.queryset
    for name, value in filterset.form.cleaned_data.items():
        if name != excluded_name and value not in (None, ""):
            queryset = filterset.filters[name].filter(queryset, value)
    return queryset
