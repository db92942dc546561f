from django import template

from ..money import format_money

register = template.Library()


@register.filter
def money(hellers):
    """Hellers as Czech money: ``1 234,50 Kč``."""
    return format_money(hellers)


@register.filter
def percent(value):
    if value is None:
        return "–"
    return f"{value:.1f}".replace(".", ",") + "\u00a0%"
