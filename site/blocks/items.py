"""Pages as listings show them, and the queries that keep such listings cheap.

A ``NodeItem`` is what the view modes (card, teaser, tile) render: a title, a teaser, an
optional image and date, and the page to link to. It wraps any page that has ``title`` and
``teaser`` or ``search_description``, optionally an image (``main_image``, ``image`` or
``hero_image``) and a ``date``.
"""

from wagtail.images import get_image_model
from wagtail.models import Page, Site

from radnice.core.images import images_with_renditions

# The crops the view-mode templates show (card and teaser 3:2, tile 1:1); listings fetch
# their renditions in one query.
VIEW_MODE_CROPS = ("landscape", "square")
IMAGE_FIELDS = ("main_image", "image", "hero_image")


class NodeItem:
    """One entry of a listing: a page, optionally with a date that is not the page's own.

    Events show the start of an occurrence rather than anything stored on the event page.
    """

    def __init__(self, page, date=None):
        self.page = page
        self.date = date if date is not None else getattr(page, "date", None)

    def __repr__(self):
        return f"<NodeItem {self.page!r} {self.date!r}>"

    @property
    def title(self):
        return self.page.title

    @property
    def teaser(self):
        return getattr(self.page, "teaser", "") or self.page.search_description

    @property
    def image(self):
        for field in IMAGE_FIELDS:
            image = getattr(self.page, field, None)
            if image is not None:
                return image
        return None


def as_node_item(value):
    return value if isinstance(value, NodeItem) else NodeItem(value)


def _image_field(page, name):
    try:
        field = page._meta.get_field(name)
    except Exception:  # FieldDoesNotExist, or not a model at all
        return None
    if getattr(field, "related_model", None) is get_image_model():
        return field
    return None


def attach_images(pages, crops=VIEW_MODE_CROPS):
    """Load the listing images of ``pages`` in one query, with their renditions prefetched.

    Without this every card would fetch its image and then its rendition on its own. Images
    a query already fetched are loaded again: their prefetched renditions (if any) are for
    other sizes, and Wagtail would then look each missing one up separately.
    """
    wanted = []
    for page in pages:
        for name in IMAGE_FIELDS:
            field = _image_field(page, name)
            if field is None:
                continue
            image_id = getattr(page, field.attname)
            if image_id:
                wanted.append((page, field.name, image_id))
    if not wanted:
        return pages
    images = (
        images_with_renditions(*crops)
        .filter(pk__in={image_id for _page, _name, image_id in wanted})
        .in_bulk()
    )
    for page, name, image_id in wanted:
        setattr(page, name, images.get(image_id))
    return pages


def specific_in_order(page_ids, queryset=None):
    """Specific pages for ``page_ids``, in that order, skipping the ones the queryset excludes."""
    queryset = queryset if queryset is not None else Page.objects.all()
    found = queryset.filter(pk__in=page_ids).specific().in_bulk()
    return [found[pk] for pk in page_ids if pk in found]


def localized_site_root(page):
    """The root of the page's municipality tree in the page's own language, or None.

    Translated trees are siblings, so the root in the page's language is its ancestor at the
    depth of the site's root page.
    """
    if page is None or not page.path:
        return None
    url_parts = page.get_url_parts()
    if url_parts is None:
        return None
    site = Site.objects.select_related("root_page").filter(pk=url_parts[0]).first()
    if site is None:
        return None
    root = site.root_page
    prefix = page.path[: len(root.path)]
    if prefix == root.path:
        return root
    if page.pk and len(page.path) == len(root.path):
        return page
    return Page.objects.filter(path=prefix).first()
