"""A municipality's own kinds of event, optionally mapped to the national code list."""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from radnice.core.taxonomy import Taxonomy

OFN_EVENT_TYPE_PREFIX = "https://data.mvcr.gov.cz/zdroj/číselníky/typy-událostí/položky/"


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
