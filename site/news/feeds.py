"""RSS 2.0 and Atom feeds of a news index (``radnice.core.feeds``), served beneath the index."""

from django.utils.translation import gettext as _

from radnice.core.feeds import AtomFeedMixin, PageRssFeed, local_midnight

from .queries import live_news

FEED_LENGTH = 20


def news_datetime(page):
    """The moment a feed reports for a news item: its date, at midnight in the site's zone."""
    return local_midnight(page.date)


class NewsRssFeed(PageRssFeed):
    def description(self):
        return self.page.intro or _("Aktuality z webu obce")

    def items(self):
        return live_news(self.page).prefetch_related("tagged_items__tag")[:FEED_LENGTH]

    def item_description(self, item):
        return item.teaser

    def item_date(self, item):
        return item.date

    def item_updateddate(self, item):
        return item.last_published_at or news_datetime(item)

    def item_categories(self, item):
        categories = [item.news_type.name] if item.news_type else []
        return categories + [tagged.tag.name for tagged in item.tagged_items.all()]


class NewsAtomFeed(AtomFeedMixin, NewsRssFeed):
    pass
