from django import template
from django.utils.translation import gettext
from wagtail.models import Page

from radnice.navigation.models import DEFAULT_HEADING, FooterMenuSettings

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


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    """The live in-menu children of the site's root (in the page's language) and theirs.

    Two queries for both levels, however many sections there are. Each item is
    ``(page, is_current, children)``; ``is_current`` is true for the current page and for the
    section the current page lies in (the template marks them differently).
    """
    request = context.get("request")
    municipality = context.get("municipality")
    if request is None or municipality is None:
        return {"items": []}
    page = context.get("page")
    if not isinstance(page, Page):
        page = None  # pages outside the tree (search results) mark nothing as current
    root = municipality.site.root_page.localized
    sections = list(root.get_children().live().in_menu())
    children = {}
    if sections:
        below = Page.objects.live().in_menu().filter(depth=root.depth + 2)
        below = below.filter(path__startswith=root.path).order_by("path")
        for child in below:
            children.setdefault(child.path[: -Page.steplen], []).append(child)
    items = [
        {
            "page": section,
            "current": page is not None and page.pk == section.pk,
            "in_section": page is not None and page.path.startswith(section.path),
            "children": [
                {"page": child, "current": page is not None and child.pk == page.pk}
                for child in children.get(section.path, [])
            ],
        }
        for section in sections
    ]
    return {"items": items, "request": request}


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
    heading = gettext(menu.heading) if menu.heading == DEFAULT_HEADING else menu.heading
    return {"heading": heading, "links": links}
