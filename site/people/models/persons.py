"""People of the municipal office (CSGOV's "Osoba")."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.search import index

from municipalities.forms import MunicipalityScopedForm
from municipalities.models import Municipality
from radnice.core.collation import czech_sort_key

from ..validators import validate_phone
from .departments import Department
from .places import Place


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
