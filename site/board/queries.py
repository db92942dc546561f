"""Queries of the official board. Every function takes ``today`` where the answer depends on it.

A notice is *current* while it has no take-down date or the take-down date is today or later;
after that day it is *archived*. Public queries return only live notices outside private
sections, below one board (or one site root).
"""

from django.db.models import Prefetch, Q
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from .models import NoticeAttachment, NoticeResponsiblePerson, OfficialNoticePage


def today():
    """Today in the site's time zone (Europe/Prague), which decides what is current."""
    return timezone.localdate()


def current_q(on_day, prefix=""):
    return Q(**{f"{prefix}date_taken_down__isnull": True}) | Q(
        **{f"{prefix}date_taken_down__gte": on_day}
    )


def archived_q(on_day, prefix=""):
    return Q(**{f"{prefix}date_taken_down__lt": on_day})


def is_current(notice, on_day):
    return notice.date_taken_down is None or notice.date_taken_down >= on_day


def public_notices_under(root_page):
    """Live notices below ``root_page`` that no view restriction hides.

    Wagtail's ``PageQuerySet.public()`` reads the view restrictions of every site; only the
    restrictions on this tree's branch matter here.
    """
    ancestor_paths = [
        root_page.path[:length]
        for length in range(Page.steplen, len(root_page.path) + 1, Page.steplen)
    ]
    restricted_paths = PageViewRestriction.objects.filter(
        Q(page__path__in=ancestor_paths) | Q(page__path__startswith=root_page.path)
    ).values_list("page__path", flat=True)
    notices = OfficialNoticePage.objects.live().descendant_of(root_page)
    for path in restricted_paths:
        if root_page.path.startswith(path):
            return notices.none()
        notices = notices.exclude(path__startswith=path)
    return notices


def board_notices(board):
    return public_notices_under(board)


def current(notices, on_day):
    return notices.filter(current_q(on_day))


def archived(notices, on_day):
    return notices.filter(archived_q(on_day))


def newest_first(notices):
    return notices.order_by("-date_posted", "-pk")


def with_listing_relations(notices):
    """Types, attachments with their documents and persons in three queries, however many."""
    return notices.prefetch_related(
        "notice_types",
        Prefetch(
            "attachments",
            queryset=NoticeAttachment.objects.select_related("document").order_by("sort_order"),
        ),
        Prefetch(
            "responsible_persons",
            queryset=NoticeResponsiblePerson.objects.select_related("person").order_by(
                "sort_order"
            ),
        ),
    )


def latest(root_page, limit=5, on_day=None):
    """The newest currently posted notices under a site root (the home page's board block)."""
    on_day = on_day or today()
    notices = newest_first(current(public_notices_under(root_page), on_day))
    return list(notices.prefetch_related("notice_types")[:limit])


# --- attachments of notices with personal data ----------------------------------------------


def withholds_attachments(notice, on_day):
    """Attachments of a notice with personal data stop being public once it is taken down."""
    if not notice.contains_personal_data:
        return False
    return notice.archived_at is not None or not is_current(notice, on_day)


def withheld_documents_q(on_day, prefix="notice__"):
    """Attachments whose documents the public no longer gets (see ``withholds_attachments``)."""
    return Q(**{f"{prefix}contains_personal_data": True}) & (
        Q(**{f"{prefix}archived_at__isnull": False}) | archived_q(on_day, prefix)
    )


def document_is_withheld(document, on_day=None):
    on_day = on_day or today()
    return (
        NoticeAttachment.objects.filter(document=document)
        .filter(withheld_documents_q(on_day))
        .exists()
    )
