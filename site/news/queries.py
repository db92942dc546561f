"""Querying news: the listing with its filters and facets, and the newest items for teasers.

Every query starts from a page of a town's tree (the news index or the site root), so it
can only ever return that town's news.
"""

from dataclasses import dataclass, field

import django_filters
from django.db.models import Count, Prefetch
from django.db.models.functions import ExtractYear
from django.http import QueryDict

from radnice.core.collation import czech_sort_key
from radnice.core.facets import FacetOption, facet
from radnice.core.images import images_with_renditions
from radnice.core.listing import Pagination, active_filters, clear_url, paginate

from .models import NewsPage, NewsPageTag

PER_PAGE = 12
LISTING_CROPS = ("landscape",)  # news/includes/news_item.html
FILTER_PARAMS = ("typ", "rok", "stitek")


def live_news(root_page):
    """Live, public news beneath ``root_page`` (a news index or a site root), newest first."""
    return (
        NewsPage.objects.live()
        .public()
        .descendant_of(root_page)
        .select_related("news_type", "locale")
        .order_by("-date", "-pk")
    )


def with_images(queryset, crops=LISTING_CROPS, extra_specs=()):
    """Fetch main images and their renditions for a whole list in two queries."""
    images = images_with_renditions(*crops, extra_specs=extra_specs)
    return queryset.prefetch_related(Prefetch("main_image", queryset=images))


def latest(root_page, limit=3):
    """The newest live news under a site root, for the home page and the node list block.

    Images are left to the caller (``radnice.blocks.items.attach_images`` fetches them with
    the renditions its view modes need).
    """
    if root_page is None:
        return NewsPage.objects.none()
    return live_news(root_page)[:limit]


class NewsFilter(django_filters.FilterSet):
    typ = django_filters.CharFilter(field_name="news_type__slug")
    rok = django_filters.NumberFilter(method="filter_year")
    stitek = django_filters.CharFilter(field_name="tagged_items__tag__slug")

    class Meta:
        model = NewsPage
        fields = []

    def filter_year(self, queryset, name, value):
        year = int(value)
        if not 1 <= year <= 9999 or year != value:
            return queryset.none()
        return queryset.filter(date__year=year)


def filter_news(queryset, params, without=None):
    """``queryset`` narrowed by the filters in ``params``, leaving out the one named ``without``."""
    data = QueryDict(mutable=True)
    for name in FILTER_PARAMS:
        if name != without and params.get(name):
            data[name] = params.get(name)
    return NewsFilter(data, queryset=queryset).qs


def type_counts(queryset):
    """[(slug, name, count)] of news types in ``queryset``, in Czech alphabetical order."""
    rows = (
        queryset.order_by()
        .exclude(news_type=None)
        .values("news_type__slug", "news_type__name")
        .annotate(count=Count("pk"))
    )
    rows = sorted(rows, key=lambda row: czech_sort_key(row["news_type__name"]))
    return [(row["news_type__slug"], row["news_type__name"], row["count"]) for row in rows]


def year_counts(queryset):
    """[(year, year, count)], newest year first."""
    rows = (
        queryset.order_by()
        .annotate(year=ExtractYear("date"))
        .values("year")
        .annotate(count=Count("pk"))
        .order_by("-year")
    )
    return [(row["year"], row["year"], row["count"]) for row in rows]


def tag_counts(queryset):
    """[(slug, name, count)] of tags used in ``queryset`` (tags are global in taggit)."""
    rows = (
        NewsPageTag.objects.filter(content_object__in=queryset.order_by().values("pk"))
        .values("tag__slug", "tag__name")
        .annotate(count=Count("content_object", distinct=True))
    )
    rows = sorted(rows, key=lambda row: czech_sort_key(row["tag__name"]))
    return [(row["tag__slug"], row["tag__name"], row["count"]) for row in rows]


def _with_selected(options, params, name):
    """Keep a selected value visible (with 0) so that it can be switched off."""
    selected = params.get(name)
    if selected and not any(str(value) == selected for value, _label, _count in options):
        options = [*options, (selected, selected, 0)]
    return options


@dataclass
class NewsListing:
    items: list
    pagination: Pagination
    total: int
    types: list[FacetOption] = field(default_factory=list)
    years: list[FacetOption] = field(default_factory=list)
    tags: list[FacetOption] = field(default_factory=list)
    active_filters: list = field(default_factory=list)
    filtered: bool = False
    clear_url: str = "?"


def news_listing(index_page, params, per_page=PER_PAGE):
    """Everything the news index shows: one page of items, facets with counts, page links."""
    base = live_news(index_page)
    results = filter_news(base, params)
    facets = {
        "typ": type_counts(filter_news(base, params, without="typ")),
        "rok": year_counts(filter_news(base, params, without="rok")),
        "stitek": tag_counts(filter_news(base, params, without="stitek")),
    }
    options = {
        name: facet(params, name, _with_selected(counts, params, name))
        for name, counts in facets.items()
    }
    pagination = paginate(with_images(results), params, per_page)
    return NewsListing(
        items=list(pagination.object_list),
        pagination=pagination,
        total=pagination.paginator.count,
        types=options["typ"],
        years=options["rok"],
        tags=options["stitek"],
        active_filters=active_filters(params, options, text_param=None),
        filtered=any(params.get(name) for name in FILTER_PARAMS),
        clear_url=clear_url(params, FILTER_PARAMS),
    )
