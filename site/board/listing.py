"""What the board's pages show: the listing with facets and pagination, and one notice.

The work is done here, not in the page models or templates, so that tests can call it and so
that the number of queries stays the same however many notices a board has.
"""

from dataclasses import dataclass, field

from django.db.models import Count
from django.db.models.functions import ExtractMonth, ExtractYear
from django.utils.translation import gettext as _

from municipalities.scope import municipality_of_page
from radnice.core.collation import czech_sort_key
from radnice.core.facets import facet
from radnice.core.listing import active_filters, paginate, querystring

from .filters import ArchiveBoardFilter, CurrentBoardFilter, filtered_without
from .formatting import czech_date, file_format, file_size, month_label, posting_period
from .models import NoticeType
from .queries import (
    archived,
    board_notices,
    current,
    is_current,
    newest_first,
    today,
    with_listing_relations,
    withholds_attachments,
)

PER_PAGE = 20


@dataclass
class AttachmentInfo:
    title: str
    url: str
    filename: str
    format: str
    size: str


@dataclass
class NoticeSummary:
    """One notice as the listing presents it (built from prefetched rows, no queries)."""

    notice: object
    title: str
    url: str
    teaser: str
    period: str
    is_current: bool
    reference_number: str
    file_mark: str
    types: list
    attachments: list = field(default_factory=list)
    attachments_withheld: bool = False


def attachment_infos(attachments, measure=False):
    """Attachments in their order, with file name, format and size.

    Listings show the size Wagtail stored on upload; a notice's page also measures (and
    stores) it for documents created without it (imports, scripts).
    """
    infos = []
    for attachment in attachments:
        document = attachment.document
        infos.append(
            AttachmentInfo(
                title=attachment.display_title,
                url=document.url,
                filename=document.filename,
                format=file_format(document.filename),
                size=file_size(document.get_file_size() if measure else document.file_size),
            )
        )
    return infos


def summarise(notice, request, on_day):
    withheld = withholds_attachments(notice, on_day)
    return NoticeSummary(
        notice=notice,
        title=notice.title,
        url=notice.get_url(request),
        teaser=notice.teaser,
        period=posting_period(notice.date_posted, notice.date_taken_down),
        is_current=is_current(notice, on_day),
        reference_number=notice.reference_number,
        file_mark=notice.file_mark,
        types=sorted(notice.notice_types.all(), key=lambda t: czech_sort_key(t.name)),
        attachments=[] if withheld else attachment_infos(notice.attachments.all()),
        attachments_withheld=withheld and bool(list(notice.attachments.all())),
    )


# --- facets --------------------------------------------------------------------------------


def type_facet(filterset, params, municipality):
    rows = (
        filtered_without(filterset, "typ")
        .order_by()
        .values("notice_types")
        .annotate(count=Count("pk"))
    )
    counts = {row["notice_types"]: row["count"] for row in rows if row["notice_types"]}
    selected = params.get("typ", "")
    types = NoticeType.objects.filter(municipality=municipality, pk__in=list(counts))
    if selected:
        types = types | NoticeType.objects.filter(municipality=municipality, slug=selected)
    options = sorted(types.distinct(), key=lambda t: czech_sort_key(t.name))
    return facet(params, "typ", [(t.slug, t.name, counts.get(t.pk, 0)) for t in options])


def month_facet(filterset, params):
    rows = (
        filtered_without(filterset, "mesic")
        .order_by()
        .annotate(year=ExtractYear("date_posted"), month=ExtractMonth("date_posted"))
        .values("year", "month")
        .annotate(count=Count("pk"))
    )
    rows = sorted(rows, key=lambda row: (row["year"], row["month"]), reverse=True)
    return facet(
        params,
        "mesic",
        [
            (
                f"{row['year']:04d}-{row['month']:02d}",
                month_label(row["year"], row["month"]),
                row["count"],
            )
            for row in rows
        ],
    )


def year_facet(filterset, params):
    rows = (
        filtered_without(filterset, "rok")
        .order_by()
        .annotate(year=ExtractYear("date_posted"))
        .values("year")
        .annotate(count=Count("pk"))
    )
    rows = sorted(rows, key=lambda row: row["year"], reverse=True)
    return facet(params, "rok", [(row["year"], row["year"], row["count"]) for row in rows])


# --- the listing ---------------------------------------------------------------------------


def board_listing(board, params, request=None, *, archive=False, on_day=None, municipality=None):
    """Everything the board page shows for the query ``params`` (a QueryDict)."""
    on_day = on_day or today()
    if municipality is None:
        municipality = municipality_of_page(board)
    notices = board_notices(board)
    notices = archived(notices, on_day) if archive else current(notices, on_day)
    filter_class = ArchiveBoardFilter if archive else CurrentBoardFilter
    filterset = filter_class(params, queryset=notices)
    filterset.is_valid()  # CharFilters accept any text; the methods handle bad values

    facets = {"typ": type_facet(filterset, params, municipality)}
    if archive:
        facets["rok"] = year_facet(filterset, params)
    else:
        facets["mesic"] = month_facet(filterset, params)

    results = with_listing_relations(newest_first(filterset.qs))
    pagination = paginate(results, params, PER_PAGE)
    summaries = [summarise(notice, request, on_day) for notice in pagination.object_list]

    return {
        "archive": archive,
        "filterset": filterset,
        "facets": facets,
        "paginator": pagination.paginator,
        "page_obj": pagination.page,
        "pagination": pagination,
        "notices": summaries,
        "query": params.get("q", "").strip(),
        # The text search form keeps the chosen filters (not ``request.GET.items`` in the
        # template: a parameter named "items" would replace it).
        "kept_filters": [
            (name, params[name]) for name in filterset.filters if name != "q" and params.get(name)
        ],
        "active_filters": active_filters(params, facets),
    }


def board_listing_context(board, request, archive=False):
    params = request.GET
    context = board_listing(board, params, request, archive=archive)
    base_url = board.get_url(request)
    kept = querystring(params.copy(), mesic=None, rok=None)  # type and text carry over
    context.update(
        {
            "current_url": base_url + (kept if kept != "?" else ""),
            "archive_url": base_url
            + board.reverse_subpage("archive")
            + (kept if kept != "?" else ""),
            "feed_links": board_feed_links(board, request),
        }
    )
    return context


def board_feed_links(board, request):
    base_url = board.get_url(request)
    return [
        {"url": base_url + "rss/", "type": "application/rss+xml", "title": _("RSS")},
        {"url": base_url + "atom/", "type": "application/atom+xml", "title": _("Atom")},
        {
            "url": base_url + "data.jsonld",
            "type": "application/ld+json",
            "title": _("Otevřená data (OFN, JSON-LD)"),
        },
        {"url": base_url + "data.csv", "type": "text/csv", "title": _("Otevřená data (CSV)")},
    ]


# --- one notice ----------------------------------------------------------------------------


def notice_detail_context(notice, request, on_day=None):
    on_day = on_day or today()
    withheld = withholds_attachments(notice, on_day)
    attachments = notice.attachments.select_related("document").order_by("sort_order")
    persons = [
        row.person
        for row in notice.responsible_persons.select_related("person").order_by("sort_order")
    ]
    types = sorted(notice.notice_types.all(), key=lambda t: czech_sort_key(t.name))
    board = notice.get_parent().specific
    notice_is_current = is_current(notice, on_day)
    listing_url = board.get_url(request) or ""
    if not notice_is_current and hasattr(board, "reverse_subpage"):
        listing_url += board.reverse_subpage("archive")
    return {
        "board": board,
        "listing_url": listing_url,
        "posting_period": posting_period(notice.date_posted, notice.date_taken_down),
        "notice_is_current": notice_is_current,
        "date_posted_text": czech_date(notice.date_posted),
        "date_taken_down_text": czech_date(notice.date_taken_down),
        "approval_date_text": czech_date(notice.approval_date),
        "notice_types": types,
        "agendas": split_agenda(notice.agenda),
        "attachments": [] if withheld else attachment_infos(attachments, measure=True),
        "attachments_withheld": withheld and attachments.exists(),
        "responsible_persons": persons,
    }


def split_agenda(agenda):
    return [part.strip() for part in (agenda or "").split(";") if part.strip()]
