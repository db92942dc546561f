"""The events section: upcoming events, the archive, a month calendar and data exports."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page
from wagtail.search import index

from radnice.core.listing import CzechQueryWordsMixin

from .event_page import EventPage, view
from .types import EventType


class EventIndexPage(CzechQueryWordsMixin, RoutablePageMixin, Page):
    """The events section: upcoming events, the archive, a month calendar and data exports."""

    intro = models.CharField(
        _("perex"),
        max_length=320,
        blank=True,
        help_text=_("Krátký úvod nad výpisem akcí."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["home.HomePage", "pages.StandardPage"]
    subpage_types = ["events.EventPage"]

    class Meta:
        verbose_name = _("přehled akcí")
        verbose_name_plural = _("přehledy akcí")

    def sample_routes(self):
        """The views page_samples checks and measures (see radnice.core.page_samples)."""
        event_type = (
            EventType.objects.filter(events__in=EventPage.objects.live().child_of(self))
            .order_by("name")
            .first()
        )
        routes = [
            ("events", _("Akce – nadcházející"), ""),
            ("events_calendar", _("Akce – kalendář"), self.reverse_subpage("calendar")),
            ("events_archive", _("Akce – archiv"), self.reverse_subpage("archive")),
        ]
        if event_type:
            routes.append(("events_filtered", _("Akce – filtr"), f"?typ={event_type.slug}"))
        return routes

    @path("", name="upcoming")
    def upcoming_view(self, request):
        return view("listing")(self, request, archive=False)

    @path("archiv/", name="archive")
    def archive_view(self, request):
        return view("listing")(self, request, archive=True)

    @path("kalendar/", name="calendar")
    @path("kalendar/<int:year>/<int:month>/", name="calendar_month")
    def calendar_view(self, request, year=None, month=None):
        return view("calendar_month")(self, request, year, month)

    @path("kalendar/<int:year>/<int:month>/<int:day>/", name="calendar_day")
    def day_view(self, request, year, month, day):
        return view("day")(self, request, year, month, day)

    @path("akce.ics", name="ical")
    def ical_view(self, request):
        return view("index_ical")(self, request)

    @path("data.jsonld", name="ofn")
    def ofn_view(self, request):
        return view("index_ofn")(self, request)

    @path("data.csv", name="csv")
    def csv_view(self, request):
        return view("index_csv")(self, request)

    def route_url(self, name, *args, request=None):
        """URL of one of the routes below, e.g. ``route_url("calendar_month", 2026, 11)``."""
        return (self.get_url(request) or "") + self.reverse_subpage(name, args=args)
