"""Places where citizens are served, with their regular opening hours and exceptions."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel

from municipalities.models import Municipality
from municipalities.validators import validate_postcode
from radnice.core.geo import coordinate_field, has_map_point

from ..forms import PlaceForm
from ..hours import format_time
from ..validators import validate_phone

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
    latitude = coordinate_field(
        _("zeměpisná šířka"),
        Decimal("90"),
        message=_("Zeměpisná šířka musí být mezi −90 a 90 stupni."),
        help_text=_("Ve stupních, např. 49.948512 (sever je kladný)."),
    )
    longitude = coordinate_field(
        _("zeměpisná délka"),
        Decimal("180"),
        message=_("Zeměpisná délka musí být mezi −180 a 180 stupni."),
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
        return has_map_point(self)

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
