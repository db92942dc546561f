from django import template
from django.utils.html import format_html, format_html_join

from municipalities.branding import css_custom_properties

register = template.Library()


@register.simple_tag(takes_context=True)
def branding_style(context):
    """A :root rule with the municipality's colours and font, after the theme's stylesheet."""
    municipality = context.get("municipality")
    if not municipality:
        return ""
    declarations = format_html_join(" ", "{}: {};", css_custom_properties(municipality).items())
    return format_html("<style>:root {{ {} }}</style>", declarations)


@register.simple_tag(takes_context=True)
def favicon_links(context):
    municipality = context.get("municipality")
    if not municipality or not municipality.favicon_id:
        return ""
    icon = municipality.favicon.get_rendition("fill-32x32|format-png")
    touch = municipality.favicon.get_rendition("fill-180x180|format-png")
    return format_html(
        '<link rel="icon" type="image/png" sizes="32x32" href="{}">'
        '<link rel="apple-touch-icon" href="{}">',
        icon.url,
        touch.url,
    )
