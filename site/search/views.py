"""The search page (/hledat/): the current municipality's pages and documents only."""

from django.shortcuts import render
from django.utils.translation import gettext as _
from wagtail.documents import get_document_model
from wagtail.models import Page, Site

from radnice.board.models import NoticeAttachment
from radnice.board.queries import today, withheld_documents_q
from radnice.core.documents import published_document_ids
from radnice.core.facets import facet
from radnice.core.listing import legacy_query_redirect, paginate

from .text import excerpt, highlight

RESULTS_PER_PAGE = 20
MAX_HITS_PER_KIND = 500
DOCUMENT_FACET = "dokumenty"


def site_pages(request):
    site = Site.find_for_request(request)
    if site is None:
        return Page.objects.none()
    root = site.root_page.localized
    return Page.objects.live().public().descendant_of(root, inclusive=True)


def site_documents(request):
    municipality = getattr(request, "municipality", None)
    if not municipality or not municipality.collection_id:
        return get_document_model().objects.none()
    collections = municipality.collection.get_descendants(inclusive=True)
    # Attachments of taken-down board notices with personal data are no longer public.
    withheld = NoticeAttachment.objects.filter(withheld_documents_q(today())).values_list(
        "document_id", flat=True
    )
    return (
        get_document_model()
        .objects.filter(collection_id__in=list(collections.values_list("pk", flat=True)))
        .exclude(pk__in=list(withheld))
    )


def search_hits(request, query):
    """All hits for ``query``: (kind key, kind label, object) tuples, pages first by relevance."""
    # The SQLite backend quotes each word in "…" without doubling quotes inside it, so a
    # quote made its FTS5 query invalid (500); no indexed word contains one.
    query = query.replace('"', " ").strip()
    if not query:
        return []
    hits = []
    for page in site_pages(request).search(query, operator="and")[:MAX_HITS_PER_KIND]:
        page_model = page.specific_class or Page
        hits.append((page_model._meta.model_name, str(page_model._meta.verbose_name), page))
    documents = list(site_documents(request).search(query, operator="and")[:MAX_HITS_PER_KIND])
    # As at /documents/: an upload that nothing published links to is not public yet.
    published = published_document_ids([document.pk for document in documents], request)
    hits.extend(
        (DOCUMENT_FACET, _("dokument"), document)
        for document in documents
        if document.pk in published
    )
    return hits


def present(hit, query, specific_pages):
    kind, label, obj = hit
    if kind == DOCUMENT_FACET:
        return {
            "kind": label,
            "title": highlight(obj.title, query),
            "url": obj.url,
            "excerpt": highlight(f"{obj.file_extension.upper()}", query),
        }
    specific = specific_pages.get(obj.pk, obj)
    text = getattr(specific, "teaser", "") or specific.search_description or ""
    return {
        "kind": label,
        "title": highlight(specific.title, query),
        "url": specific.get_url(),
        "excerpt": highlight(excerpt(text, query), query),
    }


def search(request):
    redirect = legacy_query_redirect(request)
    if redirect is not None:
        return redirect
    query = request.GET.get("q", "").strip()[:200]
    selected_kind = request.GET.get("typ", "")
    context = {
        "query": query,
        "results": None,
        "facets": [],
        "page_obj": None,
        "pagination": None,
    }
    if query:
        hits = search_hits(request, query)
        counts = {}
        for kind, label, _obj in hits:
            counts.setdefault(kind, [label, 0])[1] += 1
        options = sorted(
            ((kind, label, count) for kind, (label, count) in counts.items()),
            key=lambda option: (-option[2], option[1]),
        )
        context["facets"] = facet(request.GET, "typ", options)
        if selected_kind:
            hits = [hit for hit in hits if hit[0] == selected_kind]
        pagination = paginate(hits, request.GET, RESULTS_PER_PAGE)
        page_obj = pagination.page
        # One query per page type on the results page, not one per result.
        page_ids = [obj.pk for kind, _label, obj in page_obj.object_list if kind != DOCUMENT_FACET]
        specific_pages = Page.objects.filter(pk__in=page_ids).specific().in_bulk()
        context.update(
            {
                "page_obj": page_obj,
                "pagination": pagination,
                "results": [present(hit, query, specific_pages) for hit in page_obj.object_list],
                "total": pagination.paginator.count,
            }
        )
    return render(request, "search/search_results.html", context)
