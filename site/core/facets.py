"""Facets for public listings: every filter state is a plain link, so filters work without
JavaScript, and every option shows how many items it would leave.

Query words, pagination and the chosen filters are in ``radnice.core.listing``.
"""

from dataclasses import dataclass

from django.http import QueryDict

from .listing import querystring


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool
    url: str


def facet(params: QueryDict, name, options_with_counts):
    """Links for one facet. ``options_with_counts``: iterable of (value, label, count).

    Clicking the selected option again removes the filter.
    """
    current = params.get(name, "")
    result = []
    for value, label, count in options_with_counts:
        value = str(value)
        selected = value == current
        result.append(
            FacetOption(
                value=value,
                label=str(label),
                count=count,
                selected=selected,
                url=querystring(params, **{name: None if selected else value}),
            )
        )
    return result
