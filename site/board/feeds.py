"""RSS and Atom feeds of a board's current notices (``radnice.core.feeds``)."""

from django.utils.translation import gettext as _

from radnice.core.collation import czech_sort_key
from radnice.core.feeds import AtomFeedMixin, PageRssFeed

from .formatting import posting_period
from .queries import board_notices, current, newest_first, today

FEED_LIMIT = 100


class BoardRssFeed(PageRssFeed):
    def description(self):
        return _("Aktuální oznámení na úřední desce")

    def items(self):
        notices = newest_first(current(board_notices(self.page), today()))
        return list(notices.prefetch_related("notice_types")[:FEED_LIMIT])

    def item_description(self, item):
        period = posting_period(item.date_posted, item.date_taken_down)
        return f"{item.teaser} ({period})" if item.teaser else period

    def item_date(self, item):
        return item.date_posted

    def item_categories(self, item):
        return sorted((t.name for t in item.notice_types.all()), key=czech_sort_key)


class BoardAtomFeed(AtomFeedMixin, BoardRssFeed):
    pass
