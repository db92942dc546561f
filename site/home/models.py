"""The home page: the root of each municipality's page tree.

Provisioning creates it with a title and slug only; everything else is optional, so a new
town's home page renders before anyone has filled it in.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index

from radnice.blocks.blocks import BodyField, BodyStreamBlock
from radnice.blocks.icons import ICON_CHOICES
from radnice.pages.models import AbstractLink

MAX_TOP_TASKS = 8


class HomePage(Page):
    intro = models.CharField(
        _("úvodní text"),
        max_length=320,
        blank=True,
        help_text=_("Krátké přivítání pod názvem obce v záhlaví úvodní stránky."),
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("obrázek v záhlaví"),
        help_text=_(
            "Široký obrázek (poměr 3 : 1), např. pohled na náves nebo radnici. Je jen "
            "ilustrační, čtečky obrazovky ho přeskočí. Bez vyplnění se použije úvodní obrázek "
            "z nastavení vzhledu obce."
        ),
    )
    body = BodyField(BodyStreamBlock, blank=True, verbose_name=_("obsah"))

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [FieldPanel("intro"), FieldPanel("hero_image")], heading=_("Záhlaví s vyhledáváním")
        ),
        InlinePanel(
            "top_tasks",
            max_num=MAX_TOP_TASKS,
            label=_("Životní situace"),
            heading=_("Životní situace (nejčastější úkony, nejvýše 8)"),
        ),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = None

    class Meta:
        verbose_name = _("úvodní stránka")
        verbose_name_plural = _("úvodní stránky")

    def get_context(self, request, *args, **kwargs):
        from .sections import home_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(home_page_context(self, request))
        return context


class HomePageTopTask(TranslatableMixin, Orderable, AbstractLink):
    """One of the "Životní situace" links: what most visitors come to do."""

    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="top_tasks")
    icon = models.CharField(_("ikona"), max_length=32, choices=ICON_CHOICES, blank=True)

    panels = [*AbstractLink.panels, FieldPanel("icon")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("životní situace")
        verbose_name_plural = _("životní situace")
