"""RSS and Atom feeds of a board's current notices (Django's syndication framework)."""

import datetime

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from municipalities.hosts import absolute_url, page_full_url
from municipalities.scope import municipality_of_page
from radnice.core.collation import czech_sort_key

from .formatting import posting_period
from .queries import board_notices, current, newest_first, today

FEED_LIMIT = 100


class BoardRssFeed(Feed):
    """A feed of one board; instantiated per request with the board page."""

    def __init__(self, board):
        super().__init__()
        self.board = board

    def __call__(self, request, *args, **kwargs):
        self.request = request
        self.on_day = today()
        self.municipality = municipality_of_page(self.board)
        return super().__call__(request, *args, **kwargs)

    def title(self):
        if self.municipality is None:
            return self.board.title
        return f"{self.board.title} – {self.municipality.name}"

    def link(self):
        return page_full_url(self.board, self.request)

    def feed_url(self):
        return absolute_url(self.request, self.request.path)

    def description(self):
        return _("Aktuální oznámení na úřední desce")

    def items(self):
        notices = newest_first(current(board_notices(self.board), self.on_day))
        return list(notices.prefetch_related("notice_types")[:FEED_LIMIT])

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        period = posting_period(item.date_posted, item.date_taken_down)
        return f"{item.teaser} ({period})" if item.teaser else period

    def item_link(self, item):
        return page_full_url(item, self.request)

    def item_guid(self, item):
        return page_full_url(item, self.request)

    def item_pubdate(self, item):
        midnight = datetime.datetime.combine(item.date_posted, datetime.time.min)
        return timezone.make_aware(midnight)

    def item_categories(self, item):
        return sorted((t.name for t in item.notice_types.all()), key=czech_sort_key)


class BoardAtomFeed(BoardRssFeed):
    feed_type = Atom1Feed

    def subtitle(self):
        return self.description()
