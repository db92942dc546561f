"""The board's current notices as open data: the OFN "Úřední deska" (JSON-LD) and CSV.

Schema: https://ofn.gov.cz/úřední-desky/2021-07-20/schémata/úřední-deska.json. Dates are
"Časový okamžik" objects; a notice without a take-down date is relevant until an unspecified
moment. Attachments that are no longer public are left out.
"""

from django.http import Http404

from municipalities.hosts import absolute_url, page_full_url
from municipalities.scope import municipality_of_page
from radnice.core.collation import czech_sort_key
from radnice.opendata.ofn import multilingual, organisation, time_instant
from radnice.opendata.responses import csv_response, jsonld_response

from .listing import split_agenda
from .queries import (
    board_notices,
    current,
    newest_first,
    today,
    with_listing_relations,
    withholds_attachments,
)

OFN_CONTEXT = "https://ofn.gov.cz/úřední-desky/2021-07-20/kontexty/úřední-deska.jsonld"
IANA_MEDIA_TYPES = "http://www.iana.org/assignments/media-types/"
OFN_LANGUAGES = ("cs", "en")


def _text(language, value):
    return multilingual(**{language: value})


def _language(page):
    code = page.locale.language_code if page.locale_id else "cs"
    return code if code in OFN_LANGUAGES else "cs"


def current_notices(board, on_day):
    return list(with_listing_relations(newest_first(current(board_notices(board), on_day))))


def public_documents(notice, request, on_day):
    """(attachment, absolute URL) of the attachments the public may download."""
    if withholds_attachments(notice, on_day):
        return []
    return [
        (attachment, absolute_url(request, attachment.document.url))
        for attachment in notice.attachments.all()
    ]


def notice_information(notice, request, on_day):
    """One item of ``informace``: an "Informace na úřední desce"."""
    language = _language(notice)
    url = page_full_url(notice, request)
    item = {
        "typ": ["Digitální objekt", "Informace na úřední desce"],
        "iri": url,
        "url": url,
        "název": _text(language, notice.title),
    }
    if notice.teaser:
        item["popis"] = _text(language, notice.teaser)
    item["vyvěšení"] = time_instant(notice.date_posted)
    item["relevantní_do"] = time_instant(notice.date_taken_down)
    if notice.approval_date:
        item["schválení"] = time_instant(notice.approval_date)
    if notice.reference_number:
        item["číslo_jednací"] = notice.reference_number
    if notice.file_mark:
        item["spisová_značka"] = notice.file_mark
    agendas = split_agenda(notice.agenda)
    if agendas:
        item["agenda"] = [{"typ": "Agenda", "název": _text(language, name)} for name in agendas]
    documents = []
    for attachment, document_url in public_documents(notice, request, on_day):
        document = {
            "typ": "Digitální objekt",
            "název": _text(language, attachment.display_title),
            "url": document_url,
        }
        content_type = attachment.document.content_type
        if content_type and content_type != "application/octet-stream":
            document["typ_média"] = IANA_MEDIA_TYPES + content_type
        documents.append(document)
    if documents:
        item["dokument"] = documents
    return item


def board_document(board, request, on_day=None):
    """The OFN document of the board's current notices, newest first."""
    on_day = on_day or today()
    municipality = municipality_of_page(board)
    if municipality is None:
        raise Http404
    board_url = page_full_url(board, request)
    return {
        "@context": OFN_CONTEXT,
        "typ": "Úřední deska",
        "iri": board_url,
        "název": _text(_language(board), f"{board.title} – {municipality.name}"),
        "stránka": board_url,
        "provozovatel": organisation(municipality.ico),
        "informace": [
            notice_information(notice, request, on_day) for notice in current_notices(board, on_day)
        ],
    }


def board_jsonld_response(board, request):
    return jsonld_response(board_document(board, request), "uredni-deska.jsonld")


CSV_HEADER = [
    "název",
    "url",
    "vyvěšení",
    "relevantní_do",
    "číslo_jednací",
    "spisová_značka",
    "typy",
    "agenda",
    "odbor",
    "schválení",
    "popis",
    "dokumenty",
]


def board_csv_rows(board, request, on_day=None):
    on_day = on_day or today()
    rows = []
    for notice in current_notices(board, on_day):
        rows.append(
            [
                notice.title,
                page_full_url(notice, request),
                notice.date_posted.isoformat(),
                notice.date_taken_down.isoformat() if notice.date_taken_down else "",
                notice.reference_number,
                notice.file_mark,
                ", ".join(sorted((t.name for t in notice.notice_types.all()), key=czech_sort_key)),
                notice.agenda,
                notice.department,
                notice.approval_date.isoformat() if notice.approval_date else "",
                notice.teaser,
                " ".join(url for _attachment, url in public_documents(notice, request, on_day)),
            ]
        )
    return rows


def board_csv_response(board, request):
    return csv_response("uredni-deska.csv", CSV_HEADER, board_csv_rows(board, request))
