"""Events ("Akce"): an index page with listings and a calendar, event pages, event types.

Every event has one or more dates and may repeat weekly or monthly. The dates are expanded
into ``EventOccurrence`` rows whenever the live version of an event is saved, so listings,
facets and the calendar are plain single queries over that table.

The models live in submodules (``types``, ``index_page``, ``event_page``, ``occurrence``);
this package re-exports them, so ``radnice.events.models.X`` keeps working.
"""

from .event_page import RESERVED_SLUGS, EventDate, EventExceptionDate, EventPage
from .index_page import EventIndexPage
from .occurrence import EventOccurrence
from .types import OFN_EVENT_TYPE_PREFIX, EventType

__all__ = [
    "OFN_EVENT_TYPE_PREFIX",
    "RESERVED_SLUGS",
    "EventDate",
    "EventExceptionDate",
    "EventIndexPage",
    "EventOccurrence",
    "EventPage",
    "EventType",
]
