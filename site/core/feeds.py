"""The one base of a page's RSS 2.0 and Atom feeds (Django's syndication framework).

A listing page (the official board, a news index...) serves ``SomeRssFeed(page)(request)``
and ``SomeAtomFeed(page)(request)``. The base names the feed after the page and its town
(``municipality_of_page``), answers with the headers of every export
(``radnice.opendata.responses``), builds every URL from the town's registered site
(``municipalities.hosts``), speaks the page's language and dates items at local midnight;
a subclass says only which items and what to say of each. ``FeedRoutesMixin`` gives the page
its ``rss/`` and ``atom/`` routes.
"""

import datetime

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.module_loading import import_string
from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from municipalities.hosts import absolute_url, page_full_url
from municipalities.scope import municipality_of_page
from radnice.opendata.responses import export_headers


class PageRssFeed(Feed):
    """A feed of one listing page; instantiated per request with the page."""

    def __init__(self, page):
        super().__init__()
        self.page = page
        self.language = page.locale.language_code

    def __call__(self, request, *args, **kwargs):
        self.request = request
        self.municipality = municipality_of_page(self.page, request)
        return export_headers(super().__call__(request, *args, **kwargs))

    def title(self):
        if self.municipality is None:
            return self.page.title
        return f"{self.page.title} – {self.municipality.name}"

    def link(self):
        return page_full_url(self.page, self.request)

    def feed_url(self):
        return absolute_url(self.request, self.request.get_full_path())

    def item_title(self, item):
        return item.title

    def item_link(self, item):
        return page_full_url(item, self.request)

    def item_guid(self, item):
        return page_full_url(item, self.request)

    def item_date(self, item):
        """The item's day (a date); subclasses say which field it is."""
        raise NotImplementedError

    def item_pubdate(self, item):
        return local_midnight(self.item_date(item))


class FeedRoutesMixin(RoutablePageMixin):
    """The ``rss/`` and ``atom/`` routes of a listing page (reversed as ``rss`` and ``atom``).

    The page names its two feed classes by dotted path, imported when a feed is asked for
    (feed modules import the page's queries, which import its models)::

        class NewsIndexPage(FeedRoutesMixin, Page):
            feed_classes = ("radnice.news.feeds.NewsRssFeed", "radnice.news.feeds.NewsAtomFeed")
    """

    feed_classes = ("", "")

    @path("rss/", name="rss")
    def rss_view(self, request):
        return import_string(self.feed_classes[0])(self)(request)

    @path("atom/", name="atom")
    def atom_view(self, request):
        return import_string(self.feed_classes[1])(self)(request)


class AtomFeedMixin:
    """Makes a ``PageRssFeed`` subclass an Atom feed: ``class X(AtomFeedMixin, XRssFeed)``."""

    feed_type = Atom1Feed

    def subtitle(self):
        return self.description()


def local_midnight(day):
    """Midnight of ``day`` in the site's time zone."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
