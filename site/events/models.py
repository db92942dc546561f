"""Events ("Akce"): an index page with listings and a calendar, event pages, event types.

Every event has one or more dates and may repeat weekly or monthly. The dates are expanded
into ``EventOccurrence`` rows whenever the live version of an event is saved, so listings,
facets and the calendar are plain single queries over that table.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.forms import CheckboxSelectMultiple
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from municipalities.validators import validate_ico
from radnice.core.listing import CzechQueryWordsMixin
from radnice.core.main_image import (
    MainImagePageForm,
    main_image_alt_text_field,
    main_image_decorative_field,
    main_image_panel,
)
from radnice.core.taxonomy import Taxonomy

from . import recurrence as rules

OFN_EVENT_TYPE_PREFIX = "https://data.mvcr.gov.cz/zdroj/číselníky/typy-událostí/položky/"

# Sub-paths of the index that an event's slug must not take (routes win over child pages).
RESERVED_SLUGS = {"archiv", "kalendar"}


class EventType(Taxonomy):
    """A municipality's own kind of event (concert, sport, council meeting...)."""

    ofn_type = models.CharField(
        _("typ podle národního číselníku"),
        max_length=255,
        blank=True,
        validators=[
            RegexValidator(
                "^" + OFN_EVENT_TYPE_PREFIX.replace(".", r"\.") + ".+$",
                _("Zadejte adresu položky číselníku typů událostí (data.mvcr.gov.cz)."),
            )
        ],
        help_text=_(
            "Nepovinné. Položka číselníku „Typy událostí“ pro otevřená data, "
            "např. https://data.mvcr.gov.cz/zdroj/číselníky/typy-událostí/položky/koncert"
        ),
    )

    panels = [*Taxonomy.panels, FieldPanel("ofn_type")]

    class Meta(Taxonomy.Meta):
        verbose_name = _("typ akce")
        verbose_name_plural = _("typy akcí")
        default_related_name = "event_types"


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
        from . import views

        return views.listing(self, request, archive=False)

    @path("archiv/", name="archive")
    def archive_view(self, request):
        from . import views

        return views.listing(self, request, archive=True)

    @path("kalendar/", name="calendar")
    @path("kalendar/<int:year>/<int:month>/", name="calendar_month")
    def calendar_view(self, request, year=None, month=None):
        from . import views

        return views.calendar_month(self, request, year, month)

    @path("kalendar/<int:year>/<int:month>/<int:day>/", name="calendar_day")
    def day_view(self, request, year, month, day):
        from . import views

        return views.day(self, request, year, month, day)

    @path("akce.ics", name="ical")
    def ical_view(self, request):
        from . import views

        return views.index_ical(self, request)

    @path("data.jsonld", name="ofn")
    def ofn_view(self, request):
        from . import views

        return views.index_ofn(self, request)

    @path("data.csv", name="csv")
    def csv_view(self, request):
        from . import views

        return views.index_csv(self, request)

    def route_url(self, name, *args, request=None):
        """URL of one of the routes below, e.g. ``route_url("calendar_month", 2026, 11)``."""
        return (self.get_url(request) or "") + self.reverse_subpage(name, args=args)


class EventPage(RoutablePageMixin, Page):
    teaser = models.CharField(
        _("perex"),
        max_length=320,
        blank=True,
        help_text=_("Krátké shrnutí do výpisů, vyhledávání a náhledů na sociálních sítích."),
    )
    main_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("hlavní obrázek"),
    )
    main_image_alt_text = main_image_alt_text_field()
    main_image_decorative = main_image_decorative_field()
    main_image_caption = models.CharField(_("popisek obrázku"), max_length=255, blank=True)
    body = RichTextField(_("obsah"), blank=True)
    types = ParentalManyToManyField(
        EventType, blank=True, related_name="events", verbose_name=_("typ akce")
    )

    repeat = models.CharField(
        _("opakování"),
        max_length=16,
        blank=True,
        choices=[
            (rules.Frequency.NONE, _("neopakuje se")),
            (rules.Frequency.WEEKLY, _("každý týden")),
            (rules.Frequency.MONTHLY, _("každý měsíc")),
        ],
        default=rules.Frequency.NONE,
    )
    repeat_interval = models.PositiveSmallIntegerField(
        _("interval"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(52)],
        help_text=_("1 = každý týden (měsíc), 2 = každý druhý týden (měsíc)…"),
    )
    repeat_monthly_by = models.CharField(
        _("měsíční opakování podle"),
        max_length=16,
        choices=[
            (rules.MonthlyBy.DAY_OF_MONTH, _("dne v měsíci (např. každého 15.)")),
            (rules.MonthlyBy.WEEKDAY, _("dne v týdnu (např. 2. sobota v měsíci)")),
        ],
        default=rules.MonthlyBy.DAY_OF_MONTH,
    )
    repeat_until = models.DateField(_("opakovat do"), null=True, blank=True)
    repeat_count = models.PositiveSmallIntegerField(
        _("počet opakování"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(500)],
        help_text=_("Vyplňte buď datum konce, nebo počet opakování, ne obojí."),
    )

    place = models.ForeignKey(
        "people.Place",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("místo z adresáře"),
        help_text=_("Místo z kontaktů obce; jinak vyplňte název a adresu níže."),
    )
    venue = models.CharField(
        _("místo konání"), max_length=255, blank=True, help_text=_("Např. Kulturní dům")
    )
    address = models.CharField(
        _("adresa"), max_length=255, blank=True, help_text=_("Ulice, číslo, obec")
    )
    latitude = models.DecimalField(
        _("zeměpisná šířka"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("zeměpisná délka"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    organiser = models.CharField(
        _("pořadatel"),
        max_length=255,
        blank=True,
        help_text=_("Prázdné: pořádá obec."),
    )
    organiser_ico = models.CharField(
        _("IČO pořadatele"), max_length=8, blank=True, validators=[validate_ico]
    )
    is_free = models.BooleanField(_("vstup zdarma"), default=False)
    price = models.DecimalField(
        _("vstupné (Kč)"),
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    price_note = models.CharField(
        _("poznámka ke vstupnému"),
        max_length=255,
        blank=True,
        help_text=_("Např. děti do 6 let zdarma, senioři 50 Kč"),
    )
    accessibility = models.TextField(
        _("bezbariérovost"),
        blank=True,
        help_text=_("Např. bezbariérový přístup bočním vchodem, WC pro vozíčkáře"),
    )
    registration_url = models.URLField(_("odkaz na registraci"), blank=True)

    base_form_class = MainImagePageForm

    content_panels = [
        *Page.content_panels,
        FieldPanel("teaser"),
        main_image_panel(),
        FieldPanel("body"),
        FieldPanel("types", widget=CheckboxSelectMultiple),
        InlinePanel("dates", min_num=1, heading=_("Termíny"), label=_("Termín")),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("repeat"), FieldPanel("repeat_interval")]),
                FieldPanel("repeat_monthly_by"),
                FieldRowPanel([FieldPanel("repeat_until"), FieldPanel("repeat_count")]),
            ],
            heading=_("Opakování"),
            help_text=_("Každý termín se opakuje podle tohoto pravidla."),
        ),
        InlinePanel("exception_dates", heading=_("Výjimky z opakování"), label=_("Akce se nekoná")),
        MultiFieldPanel(
            [
                FieldPanel("place"),
                FieldPanel("venue"),
                FieldPanel("address"),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
            ],
            heading=_("Místo konání"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("organiser"), FieldPanel("organiser_ico")]),
                FieldRowPanel([FieldPanel("is_free"), FieldPanel("price")]),
                FieldPanel("price_note"),
                FieldPanel("accessibility"),
                FieldPanel("registration_url"),
            ],
            heading=_("Praktické informace"),
        ),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("teaser"),
        index.SearchField("body"),
        index.SearchField("venue"),
        index.SearchField("address"),
        index.SearchField("organiser"),
        index.RelatedFields("types", [index.SearchField("name")]),
        index.FilterField("repeat"),
    ]

    override_translatable_fields = [
        SynchronizedField("address"),
        SynchronizedField("organiser_ico"),
        SynchronizedField("registration_url"),
    ]

    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("akce")
        verbose_name_plural = _("akce")

    def clean(self):
        super().clean()
        errors = {}
        if self.slug in RESERVED_SLUGS:
            errors["slug"] = _("Adresa „%(slug)s“ je vyhrazena, zvolte jinou.") % {
                "slug": self.slug
            }
        if self.repeat and self.repeat_until and self.repeat_count:
            errors["repeat_count"] = _("Vyplňte buď datum konce opakování, nebo počet, ne obojí.")
        if (self.latitude is None) != (self.longitude is None):
            errors["longitude"] = _("Zadejte obě souřadnice, nebo žádnou.")
        if self.is_free and self.price:
            errors["price"] = _("Akce se vstupem zdarma nemůže mít cenu vstupného.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        result = super().save(*args, **kwargs)
        # A full save is a save of the live version (creation, publishing, copying,
        # translating); drafts only update revision bookkeeping with ``update_fields``.
        if kwargs.get("update_fields") is None:
            from .occurrences import rebuild_occurrences

            rebuild_occurrences(self)
        return result

    @property
    def recurrence(self):
        if not self.repeat:
            return rules.Recurrence()
        return rules.Recurrence(
            frequency=self.repeat,
            interval=self.repeat_interval or 1,
            monthly_by=self.repeat_monthly_by,
            until=None if self.repeat_count else self.repeat_until,
            count=self.repeat_count,
            exceptions=frozenset(row.date for row in self.exception_dates.all()),
        )

    @property
    def has_map_point(self):
        return self.latitude is not None and self.longitude is not None

    @path("", name="detail")
    def detail_view(self, request):
        from . import views

        return views.event_detail(self, request)

    @path("akce.ics", name="ical")
    def ical_view(self, request):
        from . import views

        return views.event_ical(self, request)

    @path("data.jsonld", name="ofn")
    def ofn_view(self, request):
        from . import views

        return views.event_ofn(self, request)

    def route_url(self, name, request=None):
        return (self.get_url(request) or "") + self.reverse_subpage(name)


class EventDate(Orderable):
    """One date of an event as the editor enters it; it repeats by the event's rule."""

    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="dates")
    start = models.DateTimeField(_("začátek"))
    end = models.DateTimeField(_("konec"), null=True, blank=True)
    all_day = models.BooleanField(
        _("celodenní"), default=False, help_text=_("Čas začátku a konce se nezobrazí.")
    )

    panels = [FieldRowPanel([FieldPanel("start"), FieldPanel("end")]), FieldPanel("all_day")]

    class Meta(Orderable.Meta):
        verbose_name = _("termín")
        verbose_name_plural = _("termíny")

    def clean(self):
        super().clean()
        if self.start and self.end:
            too_early = (
                self.end.date() < self.start.date() if self.all_day else self.end < self.start
            )
            if too_early:
                raise ValidationError({"end": _("Konec akce nesmí být dříve než její začátek.")})


class EventExceptionDate(Orderable):
    """A day on which a repeating event does not take place."""

    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="exception_dates")
    date = models.DateField(_("datum"))

    panels = [FieldPanel("date")]

    class Meta(Orderable.Meta):
        verbose_name = _("výjimka")
        verbose_name_plural = _("výjimky")


class EventOccurrence(models.Model):
    """A concrete occurrence of a live event (denormalised; rebuilt on every full save).

    ``start_date`` and ``end_date`` are local (Europe/Prague) days, the last day inclusive,
    so that day, month and "upcoming" filters need no time-zone arithmetic in SQL.
    """

    event = models.ForeignKey(EventPage, on_delete=models.CASCADE, related_name="occurrences")
    start = models.DateTimeField(_("začátek"))
    end = models.DateTimeField(_("konec"))
    all_day = models.BooleanField(_("celodenní"), default=False)
    start_date = models.DateField(_("první den"), db_index=True)
    end_date = models.DateField(_("poslední den"), db_index=True)

    class Meta:
        verbose_name = _("výskyt akce")
        verbose_name_plural = _("výskyty akcí")
        ordering = ["start", "pk"]
        indexes = [models.Index(fields=["event", "start"], name="events_occurrence_event_start")]

    def __str__(self):
        return f"{self.event.title} ({self.start_date})"
