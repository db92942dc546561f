"""Which municipality a board page belongs to, also before the page is saved in the tree."""

from wagtail.models import Page

from municipalities.models import Municipality


def municipality_of_page(page):
    """The municipality whose tree (in any language) contains ``page``, or None.

    Translated trees are siblings under the tree root, so the page's ancestors are matched
    against every translation of each municipality's root page.
    """
    if page is None or not getattr(page, "path", None):
        return None
    steplen = Page.steplen
    ancestor_paths = [page.path[:length] for length in range(steplen, len(page.path) + 1, steplen)]
    keys = Page.objects.filter(path__in=ancestor_paths).values("translation_key")
    return (
        Municipality.objects.filter(site__root_page__translation_key__in=keys)
        .select_related("site", "collection")
        .first()
    )
