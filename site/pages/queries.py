"""Queries behind the content pages, kept out of the models so that tests call them directly."""

from dataclasses import dataclass

from django.db.models import Prefetch

from radnice.blocks.items import NodeItem, attach_images
from radnice.core.images import images_with_renditions


@dataclass(frozen=True)
class ResolvedLink:
    href: str
    text: str
    icon: str = ""


def resolve_links(links, request=None):
    """Inline links (``AbstractLink``) as address and text; pages in the visitor's language."""
    resolved = []
    for link in links:
        href = link.href(request)
        if href:
            resolved.append(ResolvedLink(href, link.text, getattr(link, "icon", "")))
    return resolved


def child_items(page, exclude_types=()):
    """The page's live, public subpages as listing items, with their images in one query."""
    from .models import AccessibilityStatementPage

    children = (
        page.get_children()
        .live()
        .public()
        .not_type(AccessibilityStatementPage, *exclude_types)
        .defer_streamfields()
        .specific()
    )
    children = attach_images(list(children))
    return [NodeItem(child) for child in children]


def page_persons(page):
    """The page's contact people that belong to the page's own municipality.

    The person chooser offers only the editor's own people; this also keeps out whatever
    arrived another way (a copied page, a crafted form).
    """
    site = page.get_site()
    if site is None:
        return []
    links = page.persons.select_related("person__municipality").prefetch_related(
        Prefetch("person__photo", queryset=images_with_renditions("square"))
    )
    return [link.person for link in links if link.person.municipality.site_id == site.pk]


def accessibility_statement_for(page):
    """The live accessibility statement of the page's municipality, in the page's language."""
    from radnice.blocks.items import localized_site_root

    from .models import AccessibilityStatementPage

    root = localized_site_root(page)
    if root is None:
        return None
    return AccessibilityStatementPage.objects.live().child_of(root).first()
