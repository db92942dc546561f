"""The one mechanism every public listing uses: its query words, its pagination and the
filters a visitor has chosen (the facets themselves are in ``radnice.core.facets``).

Every state of a listing is a plain link (no JavaScript) whose query uses the same Czech
words across the site, the English one included: they are addresses, not interface text.
Templates render the pagination with the theme's ``includes/pagination.html``.
"""

from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.http import HttpResponsePermanentRedirect, QueryDict
from django.utils.translation import gettext as _

#: the page number of every listing
PAGE = "strana"
#: the query words every listing uses for its filters and text query
QUERY_WORDS = ("typ", "rok", "mesic", "stitek", "obdobi", "q", PAGE)
#: words older links use, and the Czech word each answers a permanent redirect to
LEGACY_WORDS = {"type": "typ", "year": "rok", "tag": "stitek", "page": PAGE}


def querystring(params: QueryDict, **changes):
    """``?`` + params with ``changes`` applied (None removes a key); the page number is reset."""
    query = params.copy()
    query.pop(PAGE, None)
    for key, value in changes.items():
        if value is None or value == "":
            query.pop(key, None)
        else:
            query[key] = str(value)
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else "?"


# --- old query words -------------------------------------------------------------------------


def czech_query(params: QueryDict):
    """``params`` with the old words renamed to the Czech ones (in their order), or None when it
    uses none. Where a link gives both, the Czech word wins."""
    names = list(params.keys())
    if not any(name in LEGACY_WORDS for name in names):
        return None
    renamed = QueryDict(mutable=True)
    for name, values in params.lists():
        czech = LEGACY_WORDS.get(name, name)
        if czech != name and czech in names:
            continue
        renamed.setlist(czech, values)
    return renamed


def legacy_query_redirect(request):
    """A 301 to the same address with the Czech query words, or None if it uses them already."""
    if request.method not in ("GET", "HEAD"):
        return None
    query = czech_query(request.GET)
    if query is None:
        return None
    # One leading slash: "//host/…" would send the visitor to another site.
    path = "/" + request.path.lstrip("/")
    encoded = query.urlencode()
    return HttpResponsePermanentRedirect(f"{path}?{encoded}" if encoded else path)


class CzechQueryWordsMixin:
    """For a listing page model (before ``Page`` in its bases): every view of the page answers
    an address with old query words by a permanent redirect to the Czech ones."""

    def serve(self, request, *args, **kwargs):
        redirect = legacy_query_redirect(request)
        if redirect is not None:
            return redirect
        return super().serve(request, *args, **kwargs)


# --- pagination ------------------------------------------------------------------------------


@dataclass
class PageLink:
    number: int | None  # None: the gap (…) of an elided range
    url: str = ""
    current: bool = False


@dataclass
class Pagination:
    """One page of a listing and the links to the others, for ``includes/pagination.html``."""

    page: object  # django.core.paginator.Page
    links: list[PageLink] = field(default_factory=list)  # empty when there is one page
    previous_url: str = ""
    next_url: str = ""

    @property
    def paginator(self):
        return self.page.paginator

    @property
    def object_list(self):
        return self.page.object_list


def paginate(items, params, per_page, *, on_each_side=2, on_ends=1):
    """The page of ``items`` that ``params`` asks for, with links keeping the other parameters.

    A page number that is no number gives the first page, one out of range the last (as
    ``Paginator.get_page``). Costs the paginator's count and the page's own query only.
    """
    paginator = Paginator(items, per_page)
    page = paginator.get_page(params.get(PAGE))
    pagination = Pagination(page)
    if paginator.num_pages <= 1:
        return pagination
    for number in paginator.get_elided_page_range(
        page.number, on_each_side=on_each_side, on_ends=on_ends
    ):
        if number == Paginator.ELLIPSIS:
            pagination.links.append(PageLink(None))
        else:
            url = querystring(params, **{PAGE: number})
            pagination.links.append(PageLink(number, url, number == page.number))
    if page.has_previous():
        pagination.previous_url = querystring(params, **{PAGE: page.previous_page_number()})
    if page.has_next():
        pagination.next_url = querystring(params, **{PAGE: page.next_page_number()})
    return pagination


# --- chosen filters --------------------------------------------------------------------------


def active_filters(params, facets, text_param="q"):
    """The chosen options of ``facets`` ({name: [FacetOption]}), each with a link that removes
    it, then the text query (none if ``text_param`` is None): [{"label", "remove_url"}]."""
    chosen = []
    for options in facets.values():
        chosen.extend(
            {"label": option.label, "remove_url": option.url}
            for option in options
            if option.selected
        )
    text = params.get(text_param, "").strip() if text_param else ""
    if text:
        chosen.append(
            {
                "label": _("„%(query)s“") % {"query": text},
                "remove_url": querystring(params, **{text_param: None}),
            }
        )
    return chosen


def clear_url(params, names):
    """The listing without any of the filters ``names``."""
    return querystring(params, **dict.fromkeys(names))
