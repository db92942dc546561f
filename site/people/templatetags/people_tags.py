"""Template filters of the contacts directory."""

from django import template

from ..validators import phone_uri

register = template.Library()


@register.filter
def tel_uri(value):
    """A phone number as a ``tel:`` URI for ``href``: "+420 321 654 987" → "tel:+420321654987"."""
    return phone_uri(value)
