"""Template helpers of the content pages."""

from django import template

from ..queries import accessibility_statement_for

register = template.Library()


@register.simple_tag
def accessibility_statement(page):
    """The municipality's accessibility statement page (for the footer link), or None."""
    if page is None or not getattr(page, "path", None):
        return None
    return accessibility_statement_for(page)
