import re

from django import template
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from municipalities.branding import css_custom_properties

register = template.Library()

# Characters a custom property value of ours may contain: no "<", braces or semicolons.
SAFE_CSS_VALUE = re.compile(r'[#\w\s,"\'.-]+')


@register.simple_tag(takes_context=True)
def branding_style(context):
    """A :root rule with the municipality's colours and font, after the theme's stylesheet.

    Not HTML-escaped: inside <style> an entity such as &quot; is not decoded, and its ";"
    would end the declaration (font stacks contain quotes). The values are validated colours
    and the platform's own font stacks; anything else is dropped. The nonce is base64.
    """
    municipality = context.get("municipality")
    if not municipality:
        return ""
    declarations = " ".join(
        f"{name}: {value};"
        for name, value in css_custom_properties(municipality).items()
        if SAFE_CSS_VALUE.fullmatch(value)
    )
    # The Content-Security-Policy admits inline styles only with the request's nonce.
    request = context.get("request")
    nonce = getattr(request, "csp_nonce", None)  # lazy: only asking for it adds it to the header
    nonce_attribute = f' nonce="{nonce}"' if nonce is not None else ""
    return mark_safe(f"<style{nonce_attribute}>:root {{ {declarations} }}</style>")


@register.simple_tag(takes_context=True)
def favicon_links(context):
    """The town's favicon, else its coat of arms, else the platform's neutral icon.

    Always a link, so browsers never fall back to requesting a missing /favicon.ico.
    """
    municipality = context.get("municipality")
    source = municipality and (municipality.favicon or municipality.coat_of_arms)
    if not source:
        return format_html(
            '<link rel="icon" type="image/svg+xml" href="{}">',
            static("themes/default/favicon.svg"),
        )
    icon = source.get_rendition("fill-32x32|format-png")
    touch = source.get_rendition("fill-180x180|format-png")
    return format_html(
        '<link rel="icon" type="image/png" sizes="32x32" href="{}">'
        '<link rel="apple-touch-icon" href="{}">',
        icon.url,
        touch.url,
    )
