"""RSS 2.0 and Atom feeds of a news index (Django syndication), served beneath the index."""

from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from municipalities.hosts import absolute_url, page_full_url
from municipalities.scope import municipality_of_page

from .queries import live_news

FEED_LENGTH = 20


def news_datetime(page):
    """The moment a feed reports for a news item: its date, at midnight in the site's zone."""
    return timezone.make_aware(datetime.combine(page.date, time.min))


class NewsRssFeed(Feed):
    def __init__(self, index_page):
        super().__init__()
        self.index_page = index_page
        self.language = index_page.locale.language_code

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def get_object(self, request, *args, **kwargs):
        return self.index_page

    def title(self, index_page):
        municipality = municipality_of_page(index_page, self.request)
        if municipality:
            return f"{index_page.title} – {municipality.name}"
        return index_page.title

    def link(self, index_page):
        return page_full_url(index_page, self.request)

    def description(self, index_page):
        return index_page.intro or _("Aktuality z webu obce")

    def feed_url(self, index_page):
        return absolute_url(self.request, self.request.get_full_path())

    def items(self, index_page):
        return live_news(index_page).prefetch_related("tagged_items__tag")[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.teaser

    def item_link(self, item):
        return page_full_url(item, self.request)

    def item_guid(self, item):
        return page_full_url(item, self.request)

    def item_pubdate(self, item):
        return news_datetime(item)

    def item_updateddate(self, item):
        return item.last_published_at or news_datetime(item)

    def item_categories(self, item):
        categories = [item.news_type.name] if item.news_type else []
        return categories + [tagged.tag.name for tagged in item.tagged_items.all()]


class NewsAtomFeed(NewsRssFeed):
    feed_type = Atom1Feed

    def subtitle(self, index_page):
        return self.description(index_page)
