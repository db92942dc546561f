"""People, departments and places of the municipal office (CSGOV's "Osoba" and "Místo").

All three are snippets that belong to one municipality; the public directory of a town is a
``DirectoryPage``, whose querying and formatting live in ``radnice.people.directory``,
``radnice.people.hours`` and ``radnice.people.vcard``.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from municipalities.forms import MunicipalityScopedForm
from municipalities.hosts import absolute_url
from municipalities.models import Municipality
from municipalities.scope import for_municipality, municipality_of_page
from municipalities.validators import validate_postcode
from radnice.core.collation import czech_sort_key
from radnice.opendata.responses import export_response, jsonld_response

from .forms import PlaceForm
from .hours import days_ahead, format_time, opening_hours_on, regular_week, upcoming_exceptions
from .ofn import contacts_document
from .validators import validate_phone
from .vcard import person_vcard, vcard_filename


class Department(models.Model):
    """A department ("odbor") or section ("oddělení") of the municipal office."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="departments", verbose_name=_("obec")
    )
    name = models.CharField(_("název"), max_length=255)
    order = models.PositiveIntegerField(
        _("pořadí"), default=0, help_text=_("Odbory se v adresáři řadí podle tohoto čísla.")
    )

    base_form_class = MunicipalityScopedForm

    panels = [FieldPanel("municipality"), FieldPanel("name"), FieldPanel("order")]

    class Meta:
        verbose_name = _("odbor / oddělení")
        verbose_name_plural = _("odbory a oddělení")
        ordering = ["order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "name"], name="people_department_unique_name"
            )
        ]

    def __str__(self):
        return self.name


WEEKDAYS = [
    (0, _("pondělí")),
    (1, _("úterý")),
    (2, _("středa")),
    (3, _("čtvrtek")),
    (4, _("pátek")),
    (5, _("sobota")),
    (6, _("neděle")),
]


class Place(ClusterableModel):
    """A place where citizens are served: the office, a library, a collection yard..."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="places", verbose_name=_("obec")
    )
    name = models.CharField(_("název"), max_length=255)
    street = models.CharField(_("ulice a číslo"), max_length=255, blank=True)
    city = models.CharField(_("obec / město"), max_length=255, blank=True)
    postcode = models.CharField(_("PSČ"), max_length=6, blank=True, validators=[validate_postcode])
    latitude = models.DecimalField(
        _("zeměpisná šířka"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[
            MinValueValidator(
                Decimal("-90"), message=_("Zeměpisná šířka musí být mezi −90 a 90 stupni.")
            ),
            MaxValueValidator(
                Decimal("90"), message=_("Zeměpisná šířka musí být mezi −90 a 90 stupni.")
            ),
        ],
        help_text=_("Ve stupních, např. 49.948512 (sever je kladný)."),
    )
    longitude = models.DecimalField(
        _("zeměpisná délka"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[
            MinValueValidator(
                Decimal("-180"), message=_("Zeměpisná délka musí být mezi −180 a 180 stupni.")
            ),
            MaxValueValidator(
                Decimal("180"), message=_("Zeměpisná délka musí být mezi −180 a 180 stupni.")
            ),
        ],
        help_text=_("Ve stupních, např. 15.268947 (východ je kladný)."),
    )
    phone = models.CharField(_("telefon"), max_length=32, blank=True, validators=[validate_phone])
    email = models.EmailField(_("e-mail"), blank=True)
    url = models.URLField(_("webová stránka"), blank=True)
    note = models.TextField(
        _("poznámka"),
        blank=True,
        help_text=_("Např. bezbariérový vstup z Nádražní ulice, parkování za budovou."),
    )
    is_office = models.BooleanField(
        _("sídlo úřadu"),
        default=False,
        help_text=_(
            "Dnešní úřední hodiny tohoto místa se ukazují v patičce webu. Je-li takových míst "
            "víc, použije se první podle názvu."
        ),
    )

    base_form_class = PlaceForm

    panels = [
        FieldPanel("municipality"),
        FieldPanel("name"),
        FieldPanel("is_office"),
        MultiFieldPanel(
            [
                FieldPanel("street"),
                FieldRowPanel([FieldPanel("postcode"), FieldPanel("city")]),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
            ],
            heading=_("Adresa a poloha na mapě"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
                FieldPanel("url"),
                FieldPanel("note"),
            ],
            heading=_("Kontakty"),
        ),
        InlinePanel("opening_hours", heading=_("Otevírací doba"), label=_("interval")),
        InlinePanel("hours_exceptions", heading=_("Výjimky v otevírací době"), label=_("výjimka")),
    ]

    class Meta:
        verbose_name = _("místo")
        verbose_name_plural = _("místa")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def address(self):
        """One line, as Czech addresses are written: "Návesní 1, 285 01 Lhota"."""
        town = " ".join(part for part in [self.postcode, self.city] if part)
        return ", ".join(part for part in [self.street, town] if part)

    address.fget.short_description = _("adresa")

    @property
    def has_map_point(self):
        return self.latitude is not None and self.longitude is not None

    @property
    def map_url(self):
        """The point on Mapy.cz, the map Czech visitors know ("" without a point)."""
        if not self.has_map_point:
            return ""
        lat, lon = self.latitude.normalize(), self.longitude.normalize()
        return f"https://mapy.cz/zakladni?source=coor&id={lon}%2C{lat}&x={lon}&y={lat}&z=17"


def _check_interval(opens, closes):
    if opens is not None and closes is not None and opens >= closes:
        raise ValidationError(
            {
                "closes": _("Konec musí být později než začátek (%(opens)s).")
                % {"opens": format_time(opens)}
            }
        )


class PlaceOpeningHours(models.Model):
    """One interval of the regular weekly hours; a day may have several (8–12, 13–17)."""

    place = ParentalKey(Place, on_delete=models.CASCADE, related_name="opening_hours")
    weekday = models.PositiveSmallIntegerField(_("den"), choices=WEEKDAYS)
    opens = models.TimeField(_("od"))
    closes = models.TimeField(_("do"))

    panels = [FieldRowPanel([FieldPanel("weekday"), FieldPanel("opens"), FieldPanel("closes")])]

    class Meta:
        verbose_name = _("interval otevírací doby")
        verbose_name_plural = _("otevírací doba")
        ordering = ["weekday", "opens"]

    def __str__(self):
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"

    def clean(self):
        super().clean()
        _check_interval(self.opens, self.closes)


class PlaceHoursException(models.Model):
    """A day when the place is closed or open differently ("24. 12. zavřeno")."""

    place = ParentalKey(Place, on_delete=models.CASCADE, related_name="hours_exceptions")
    date = models.DateField(_("datum"))
    closed = models.BooleanField(_("zavřeno"), default=False)
    opens = models.TimeField(_("od"), null=True, blank=True)
    closes = models.TimeField(_("do"), null=True, blank=True)
    note = models.CharField(
        _("poznámka"), max_length=255, blank=True, help_text=_("Např. „Štědrý den“.")
    )

    panels = [
        FieldRowPanel([FieldPanel("date"), FieldPanel("closed")]),
        FieldRowPanel([FieldPanel("opens"), FieldPanel("closes")]),
        FieldPanel("note"),
    ]

    class Meta:
        verbose_name = _("výjimka v otevírací době")
        verbose_name_plural = _("výjimky v otevírací době")
        ordering = ["date", "opens"]

    def __str__(self):
        return f"{self.date:%d. %m. %Y} {self.note}".strip()

    def clean(self):
        super().clean()
        if self.closed:
            if self.opens or self.closes:
                raise ValidationError(
                    {"closed": _("Zavřený den nemůže mít zároveň otevírací dobu.")}
                )
            return
        if self.opens is None or self.closes is None:
            raise ValidationError(
                _("Vyplňte začátek i konec mimořádné otevírací doby, nebo zaškrtněte „zavřeno“.")
            )
        _check_interval(self.opens, self.closes)


class Person(index.Indexed, models.Model):
    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="people", verbose_name=_("obec")
    )
    title_before = models.CharField(_("tituly před jménem"), max_length=64, blank=True)
    first_name = models.CharField(_("jméno"), max_length=128)
    last_name = models.CharField(_("příjmení"), max_length=128)
    title_after = models.CharField(_("tituly za jménem"), max_length=64, blank=True)
    position = models.CharField(_("funkce"), max_length=255, blank=True)
    department = models.ForeignKey(
        Department,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="people",
        verbose_name=_("odbor / oddělení"),
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("telefon"), max_length=32, blank=True, validators=[validate_phone])
    mobile = models.CharField(_("mobil"), max_length=32, blank=True, validators=[validate_phone])
    place = models.ForeignKey(
        Place,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="people",
        verbose_name=_("pracoviště"),
    )
    room = models.CharField(
        _("kancelář"), max_length=64, blank=True, help_text=_("Např. „dveře č. 12, 1. patro“.")
    )
    office_hours = models.TextField(
        _("úřední hodiny"),
        blank=True,
        help_text=_("Jen liší-li se od otevírací doby pracoviště, např. „po a st 8–17“."),
    )
    photo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("fotografie"),
    )

    base_form_class = MunicipalityScopedForm

    panels = [
        FieldPanel("municipality"),
        FieldRowPanel([FieldPanel("title_before"), FieldPanel("title_after")]),
        FieldRowPanel([FieldPanel("first_name"), FieldPanel("last_name")]),
        FieldRowPanel([FieldPanel("position"), FieldPanel("department")]),
        FieldRowPanel([FieldPanel("email"), FieldPanel("phone"), FieldPanel("mobile")]),
        FieldRowPanel([FieldPanel("place"), FieldPanel("room")]),
        FieldPanel("office_hours"),
        FieldPanel("photo"),
    ]
    search_fields = [
        index.SearchField("first_name"),
        index.SearchField("last_name"),
        index.SearchField("position"),
        index.FilterField("municipality"),
        index.AutocompleteField("first_name"),
        index.AutocompleteField("last_name"),
        index.AutocompleteField("position"),
    ]

    class Meta:
        verbose_name = _("osoba")
        verbose_name_plural = _("osoby")
        # The database cannot sort in Czech; lists use ``czech_sort_key`` (see sort_key).
        ordering = ["last_name", "first_name"]

    def __str__(self):
        return self.full_name

    @property
    def full_name(self):
        """The name with titles as Czech usage writes them: "Ing. Jan Novák, Ph.D."."""
        name = " ".join(
            part for part in [self.title_before, self.first_name, self.last_name] if part
        )
        return f"{name}, {self.title_after}" if self.title_after else name

    full_name.fget.short_description = _("jméno")  # the admin listing's column header

    @property
    def sort_key(self):
        """Surname, then first name, in Czech alphabetical order."""
        return (czech_sort_key(self.last_name), czech_sort_key(self.first_name), self.pk or 0)

    def clean(self):
        super().clean()
        errors = {}
        for field in ("department", "place"):
            related = getattr(self, field)
            if related is not None and related.municipality_id != self.municipality_id:
                errors[field] = _("Vyberte položku stejné obce, ke které osoba patří.")
        if errors:
            raise ValidationError(errors)


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
        from . import directory  # it queries these models, so it imports this module

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
        from . import directory

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
        from . import directory

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
        from . import directory

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
