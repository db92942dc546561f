"""The standard content page."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index


class StandardPage(Page):
    teaser = models.CharField(
        _("perex"),
        max_length=320,
        blank=True,
        help_text=_("Krátké shrnutí do výpisů, vyhledávání a náhledů na sociálních sítích."),
    )
    body = RichTextField(_("obsah"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("teaser"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("teaser"), index.SearchField("body")]

    parent_page_types = ["home.HomePage", "pages.StandardPage"]

    class Meta:
        verbose_name = _("stránka")
        verbose_name_plural = _("stránky")
