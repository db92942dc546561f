"""Departments ("odbory") of the municipal office."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from municipalities.forms import MunicipalityScopedForm
from municipalities.models import Municipality


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
