"""``{{ amount|money }}``: hellers as Czech money, ``1 234,50 Kč`` (see core.money)."""

from django import template

from ..money import format_money

register = template.Library()


@register.filter
def money(hellers):
    """Hellers as ``1 234,50 Kč`` (non-breaking spaces); ``None`` as ``–``."""
    return format_money(hellers)
