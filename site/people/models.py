"""People of the municipal office (the "Osoba" of CSGOV), managed as snippets per municipality."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.search import index

from municipalities.forms import MunicipalityScopedForm
from municipalities.models import Municipality


class Person(index.Indexed, models.Model):
    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="people", verbose_name=_("obec")
    )
    title_before = models.CharField(_("tituly před jménem"), max_length=64, blank=True)
    first_name = models.CharField(_("jméno"), max_length=128)
    last_name = models.CharField(_("příjmení"), max_length=128)
    title_after = models.CharField(_("tituly za jménem"), max_length=64, blank=True)
    position = models.CharField(_("funkce"), max_length=255, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("telefon"), max_length=32, blank=True)
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
        FieldPanel("position"),
        FieldRowPanel([FieldPanel("email"), FieldPanel("phone")]),
        FieldPanel("photo"),
    ]
    search_fields = [
        index.SearchField("first_name"),
        index.SearchField("last_name"),
        index.SearchField("position"),
        index.FilterField("municipality"),
        index.AutocompleteField("last_name"),
    ]

    class Meta:
        verbose_name = _("osoba")
        verbose_name_plural = _("osoby")
        ordering = ["last_name", "first_name"]

    def __str__(self):
        return self.full_name

    @property
    def full_name(self):
        name = " ".join(
            part for part in [self.title_before, self.first_name, self.last_name] if part
        )
        return f"{name}, {self.title_after}" if self.title_after else name
