"""Template helpers of the content pages."""

from django import template

from ..queries import accessibility_statement_for

register = template.Library()


@register.simple_tag(takes_context=True)
def accessibility_statement(context, page):
    """The municipality's accessibility statement page (for the footer link), or None.

    Views that render no page (search results, the 404 page) still link it: the law wants
    the statement reachable from every page, so the site's home in the current language
    stands in for the page.
    """
    if page is None or not getattr(page, "path", None):
        page = current_home(context.get("request"))
        if page is None:
            return None
    return accessibility_statement_for(page)


def current_home(request):
    municipality = getattr(request, "municipality", None)
    if not municipality:
        return None
    return municipality.site.root_page.localized
