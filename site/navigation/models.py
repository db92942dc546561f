"""Footer menus, edited per site by the municipality's administrators."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Orderable

from municipalities.forms import MunicipalityScopedForm

#: the heading a new footer gets; shown translated on the other languages' pages as long as
#: nobody changes it (an edited heading is the town's own text)
DEFAULT_HEADING = gettext_noop("Užitečné odkazy")


@register_setting(icon="list-ul")
class FooterMenuSettings(ClusterableModel, BaseSiteSetting):
    heading = models.CharField(
        _("nadpis sloupce odkazů"), max_length=100, blank=True, default=DEFAULT_HEADING
    )

    base_form_class = MunicipalityScopedForm
    panels = [FieldPanel("heading"), InlinePanel("links", label=_("Odkazy v patičce"))]

    class Meta:
        verbose_name = _("patička")


class FooterLink(Orderable):
    menu = ParentalKey(FooterMenuSettings, on_delete=models.CASCADE, related_name="links")
    title = models.CharField(_("text odkazu"), max_length=100)
    page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("stránka"),
    )
    url = models.URLField(_("nebo adresa"), blank=True)

    panels = [FieldPanel("title"), FieldPanel("page"), FieldPanel("url")]

    class Meta(Orderable.Meta):
        verbose_name = _("odkaz")
        verbose_name_plural = _("odkazy")

    def clean(self):
        super().clean()
        if bool(self.page_id) == bool(self.url):
            raise ValidationError(_("Vyberte buď stránku, nebo zadejte adresu (právě jedno)."))

    def href(self, request=None):
        if self.page_id:
            return self.page.localized.get_url(request)
        return self.url
