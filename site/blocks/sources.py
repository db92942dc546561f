"""Sources of "latest" content for the node list and the home page.

A source is a function ``(root_page, limit)`` in another app that returns the newest items
below ``root_page`` (the current municipality's root in the current language). Sources are
named by dotted path and imported only when used: an app that is missing, or not written
yet, just makes its source unavailable, and whatever shows it stays hidden.

Sources return specific pages, except events, which returns occurrences (the event page and
``.start``); an adapter per source turns what it returns into ``NodeItem`` objects.
"""

import logging
from functools import cache

from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

from .items import NodeItem, attach_images

logger = logging.getLogger(__name__)

LATEST_SOURCES = {
    "news": "radnice.news.queries.latest",
    "events": "radnice.events.queries.upcoming",
    "board": "radnice.board.queries.latest",
}

SOURCE_LABELS = {
    "news": _("Aktuality"),
    "events": _("Nadcházející akce"),
    "board": _("Úřední deska"),
}


def page_item(page):
    return NodeItem(page)


def notice_item(notice):
    """Official notices are dated by their posting day."""
    return NodeItem(notice, date=getattr(notice, "date_posted", None))


def occurrence_item(occurrence):
    """An occurrence of an event: the event's page, dated by this occurrence's start."""
    page = getattr(occurrence, "page", None) or occurrence.event
    all_day = getattr(occurrence, "all_day", False)
    start = occurrence.start
    if all_day and getattr(occurrence, "start_date", None):
        start = occurrence.start_date
    return NodeItem(page, date=start)


SOURCE_ADAPTERS = {"board": notice_item, "events": occurrence_item}


def source_choices():
    """Choices of the node list's source (a callable, so migrations do not freeze them)."""
    return [(name, SOURCE_LABELS.get(name, name)) for name in LATEST_SOURCES]


def source_label(name):
    return SOURCE_LABELS.get(name, name)


@cache
def _import_source(path):
    try:
        return import_string(path)
    except ImportError as error:
        module = path.rsplit(".", 1)[0]
        if isinstance(error, ModuleNotFoundError) and module.startswith(error.name or "\0"):
            # The app (or its queries module) does not exist (yet): the source is just off.
            logger.debug("Source %s is not available: %s", path, error)
        else:
            logger.warning("Source %s cannot be imported", path, exc_info=True)
        return None


def get_source(name):
    """The query function of a source, or None when it is unknown or not available."""
    path = LATEST_SOURCES.get(name)
    return _import_source(path) if path else None


def latest_items(name, root_page, limit):
    """``NodeItem`` objects of a source below ``root_page``; None when it is not available."""
    function = get_source(name)
    if function is None or root_page is None:
        return None
    adapter = SOURCE_ADAPTERS.get(name, page_item)
    items = [adapter(result) for result in function(root_page, limit)][:limit]
    attach_images([item.page for item in items])
    return items
