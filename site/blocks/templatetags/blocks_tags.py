"""Template helpers of the component library: links, listing items and their dates."""

import datetime

from django import template
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.html import format_html

from ..items import as_node_item

register = template.Library()


@register.simple_tag(takes_context=True)
def link_href(context, link):
    """The address of a ``LinkBlock`` value: the chosen page (in the visitor's language) or URL."""
    if not link:
        return ""
    page = link.target_page
    if page is not None:
        return page.get_url(request=context.get("request")) or ""
    return link.get("url") or ""


@register.filter
def node_item(value):
    """Lets the view modes take a page or a ``NodeItem`` alike."""
    return as_node_item(value)


@register.simple_tag
def item_date(value):
    """A ``<time>`` element: the day, and the time of day when the value has one."""
    if not value:
        return ""
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        machine = value.isoformat(timespec="minutes")
        human = format_date(value, "j. n. Y H:i")
    else:
        machine = value.isoformat()
        human = format_date(value, "j. n. Y")
    return format_html('<time datetime="{}">{}</time>', machine, human)
