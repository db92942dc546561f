from django import template
from wagtail.models import Page

from radnice.navigation.models import FooterMenuSettings

register = template.Library()


@register.inclusion_tag("navigation/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    """Ancestors of the current page below the site's root (the home page comes first)."""
    request = context.get("request")
    page = context.get("page")
    if page is None or not isinstance(page, Page) or request is None:
        return {"items": []}
    site_root = page.get_site().root_page if page.get_site() else None
    if site_root is None:
        return {"items": []}
    root = site_root.localized
    ancestors = page.get_ancestors(inclusive=True).filter(depth__gte=root.depth)
    items = [(ancestor.title, ancestor.get_url(request)) for ancestor in ancestors]
    return {"items": items if len(items) > 1 else []}


@register.inclusion_tag("navigation/footer_menu.html", takes_context=True)
def footer_menu(context):
    request = context.get("request")
    if request is None:
        return {"links": []}
    menu = FooterMenuSettings.for_request(request)
    links = [
        (link.title, link.href(request))
        for link in menu.links.select_related("page").all()
        if link.page_id is None or link.page.live
    ]
    return {"heading": menu.heading, "links": links}
