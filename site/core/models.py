"""Per-site settings shared by every theme."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from municipalities.forms import MunicipalityScopedForm

# The import framework's run belongs to this app (radnice.core.imports).
from .imports.models import ImportRun, ImportStatus  # noqa: F401


@register_setting(icon="site")
class SocialMediaSettings(BaseSiteSetting):
    facebook = models.URLField(_("Facebook"), blank=True)
    instagram = models.URLField(_("Instagram"), blank=True)
    youtube = models.URLField(_("YouTube"), blank=True)
    x = models.URLField(_("X (Twitter)"), blank=True)
    linkedin = models.URLField(_("LinkedIn"), blank=True)
    mastodon = models.URLField(_("Mastodon"), blank=True)

    base_form_class = MunicipalityScopedForm

    class Meta:
        verbose_name = _("sociální sítě")


class VariableSymbolSequence(models.Model):
    """The last variable symbol handed out for one receiving account of a town, per prefix.

    ``account`` is an opaque key chosen by the caller (the receiving account's IBAN), so a
    module's organisations sharing one account share one sequence. Allocate only through
    ``radnice.core.variable_symbols.allocate_variable_symbol``, which locks the row.
    """

    municipality = models.ForeignKey(
        "municipalities.Municipality",
        on_delete=models.CASCADE,
        related_name="variable_symbol_sequences",
        verbose_name=_("obec"),
    )
    account = models.CharField(_("přijímající účet"), max_length=64)
    prefix = models.CharField(_("předčíslí symbolu"), max_length=2)
    last_number = models.PositiveIntegerField(_("poslední pořadové číslo"), default=0)

    class Meta:
        verbose_name = _("řada variabilních symbolů")
        verbose_name_plural = _("řady variabilních symbolů")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "account", "prefix"],
                name="core_variable_symbol_sequence_unique",
            )
        ]

    def __str__(self):
        return f"{self.account} {self.prefix}: {self.last_number}"
