from django import template

register = template.Library()


@register.filter
def percent(value):
    if value is None:
        return "–"
    return f"{value:.1f}".replace(".", ",") + "\u00a0%"
