"""One event: its dates, the repetition rule, its exceptions, place and practical details."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
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
from radnice.core.geo import coordinate_field, has_map_point
from radnice.core.main_image import (
    MainImagePageForm,
    main_image_alt_text_field,
    main_image_decorative_field,
    main_image_panel,
)
from radnice.core.money import MoneyField

from .. import recurrence as rules
from .types import EventType

# Sub-paths of the index that an event's slug must not take (routes win over child pages).
RESERVED_SLUGS = {"archiv", "kalendar"}


def view(name):
    """A view of ``radnice.events.views`` by name; imported late, as the views import the models."""
    from .. import views

    return getattr(views, name)


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
    latitude = coordinate_field(_("zeměpisná šířka"), 90)
    longitude = coordinate_field(_("zeměpisná délka"), 180)
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
    price = MoneyField(
        _("vstupné (Kč)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("Např. 150 nebo 80,50"),
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
            from ..occurrences import rebuild_occurrences

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
        return has_map_point(self)

    @path("", name="detail")
    def detail_view(self, request):
        return view("event_detail")(self, request)

    @path("akce.ics", name="ical")
    def ical_view(self, request):
        return view("event_ical")(self, request)

    @path("data.jsonld", name="ofn")
    def ofn_view(self, request):
        return view("event_ofn")(self, request)

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
