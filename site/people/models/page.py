"""The "Kontakty" page: the public directory of a town's people and places."""

from django.db import models
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from municipalities.hosts import absolute_url
from municipalities.scope import for_municipality, municipality_of_page
from radnice.opendata.responses import export_response, jsonld_response

from ..hours import days_ahead, opening_hours_on, regular_week, upcoming_exceptions
from ..ofn import contacts_document
from ..vcard import person_vcard, vcard_filename
from .persons import Person
from .places import Place


class DirectoryPage(RoutablePageMixin, Page):
    """The "Kontakty" page: the town's people by department and initial letter, its places.

    Beneath it: ``osoba/<id>/`` (a person), ``osoba/<id>/vcard/`` (their vCard) and
    ``misto/<id>/`` (a place with the week's hours). Only the current municipality's
    people and places answer; any other id is a 404.
    """

    intro = RichTextField(_("úvodní text"), blank=True)
    show_places = models.BooleanField(
        _("zobrazit místa"),
        default=True,
        help_text=_("Pod seznamem osob ukázat pracoviště a jejich dnešní otevírací dobu."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("show_places")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["home.HomePage", "pages.StandardPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("adresář kontaktů")
        verbose_name_plural = _("adresáře kontaktů")

    def subpage_url(self, request, name, *args):
        return self.get_url(request) + self.reverse_subpage(name, args=args)

    def get_context(self, request, *args, **kwargs):
        from .. import directory  # it queries these models, so it imports this module

        context = super().get_context(request, *args, **kwargs)
        municipality = municipality_of_page(self, request)
        base_url = self.get_url(request)
        result = directory.build_directory(directory.people_of(municipality), request.GET)
        for person in result.people:
            person.detail_url = base_url + self.reverse_subpage("person", args=[person.pk])
        today = timezone.localdate()
        places = []
        if self.show_places:
            places = directory.places_with_hours(directory.places_of(municipality, today), today)
            for place, _hours in places:
                place.detail_url = base_url + self.reverse_subpage("place", args=[place.pk])
        context.update(
            open_data_url=base_url + self.reverse_subpage("open_data"),
            directory=result,
            places=places,
            today=today,
            department_param=directory.DEPARTMENT_PARAM,
            letter_param=directory.LETTER_PARAM,
            query_param=directory.QUERY_PARAM,
        )
        return context

    def sample_routes(self):
        """The views page_samples checks and measures (see radnice.core.page_samples)."""
        from .. import directory

        municipality = municipality_of_page(self)
        routes = [("contacts", _("Kontakty"), "")]
        person = next(iter(directory.people_of(municipality, photo_crop=None)), None)
        if person:
            routes.append(
                (
                    "contacts_person",
                    _("Kontakty – osoba"),
                    self.reverse_subpage("person", args=[person.pk]),
                )
            )
        place = for_municipality(Place.objects.order_by("name", "pk"), municipality).first()
        if place:
            routes.append(
                (
                    "contacts_place",
                    _("Kontakty – místo"),
                    self.reverse_subpage("place", args=[place.pk]),
                )
            )
        return routes

    @path("osoba/<int:person_id>/", name="person")
    def person_view(self, request, person_id):
        person = self._person_or_404(request, person_id)
        today = timezone.localdate()
        place_hours = opening_hours_on(person.place, today) if person.place_id else None
        return self.render(
            request,
            template="people/person_detail.html",
            context_overrides={
                "breadcrumb_items": self.breadcrumb_items(request, person.full_name),
                "person": person,
                "place_hours": place_hours,
                "vcard_url": self.subpage_url(request, "person_vcard", person.pk),
                "place_url": (
                    self.subpage_url(request, "place", person.place_id) if person.place_id else ""
                ),
            },
        )

    @path("osoba/<int:person_id>/vcard/", name="person_vcard")
    def person_vcard_view(self, request, person_id):
        person = self._person_or_404(request, person_id)
        url = absolute_url(request, self.subpage_url(request, "person", person.pk))
        return export_response(person_vcard(person, url=url), "vcf", vcard_filename(person))

    @path("misto/<int:place_id>/", name="place")
    def place_view(self, request, place_id):
        from .. import directory

        municipality = municipality_of_page(self, request)
        today = timezone.localdate()
        place = directory.place_with_calendar(municipality, place_id, today)
        if place is None:
            raise Http404
        base_url = self.get_url(request)
        people = directory.sorted_people(
            for_municipality(place.people.select_related("department"), municipality)
        )
        for person in people:
            person.detail_url = base_url + self.reverse_subpage("person", args=[person.pk])
        return self.render(
            request,
            template="people/place_detail.html",
            context_overrides={
                "breadcrumb_items": self.breadcrumb_items(request, place.name),
                "place": place,
                "people": people,
                "today": today,
                "days": days_ahead(place, today),
                "regular_week": regular_week(place),
                "exceptions": upcoming_exceptions(place, today),
            },
        )

    @path("ofn/", name="open_data")
    def open_data_view(self, request):
        """The directory as OFN "Kontakty" JSON-LD."""
        from .. import directory

        municipality = municipality_of_page(self, request)
        base_url = self.get_url(request)

        def url_of(kind, obj):
            if kind == "home":
                return absolute_url(request, "/")
            if kind == "directory":
                return absolute_url(request, base_url)
            path = self.reverse_subpage(kind, args=[obj.pk])
            return absolute_url(request, base_url + path)

        document = contacts_document(
            municipality,
            directory.places_of(municipality),
            directory.people_of(municipality, photo_crop=None),
            url_of,
        )
        return jsonld_response(document, "kontakty.jsonld")

    def breadcrumb_items(self, request, current_title):
        """(title, url) from the home page down to this page, then the shown person or place."""
        ancestors = self.get_ancestors(inclusive=True).filter(depth__gt=1)
        return [(page.title, page.get_url(request)) for page in ancestors] + [(current_title, "")]

    def _person_or_404(self, request, person_id):
        people = for_municipality(
            Person.objects.select_related("department", "place", "photo", "municipality"),
            municipality_of_page(self, request),
        )
        return get_object_or_404(people, pk=person_id)
