"""A citizen's account belongs to one municipality (the town is the data controller).

The user row is Django's ``auth.User`` with a generated username; what makes it a citizen is
its ``CitizenProfile``. Staff accounts have none. See docs/citizens.md.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from municipalities.models import Municipality


class CitizenProfile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="citizen_profile",
        verbose_name=_("uživatel"),
    )
    # PROTECT: a town is not deleted while it holds citizens' accounts (their data first).
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="citizen_profiles",
        verbose_name=_("obec"),
    )
    created_at = models.DateTimeField(_("založeno"), auto_now_add=True)
    terms_version = models.CharField(_("verze podmínek"), max_length=32, blank=True)
    terms_accepted_at = models.DateTimeField(_("podmínky přijaty"), null=True, blank=True)

    class Meta:
        verbose_name = _("účet občana")
        verbose_name_plural = _("účty občanů")

    def __str__(self):
        return f"{self.user.email} ({self.municipality})"


# --- E-mails to citizens (radnice.citizens.mail) -----------------------------------------------


class SentCitizenMail(models.Model):
    """That a message to a citizen went out: its key, so that a task run twice sends once.

    The key is a hash (of the town, template, recipient and the caller's key); no address or
    content is kept.
    """

    key = models.CharField(_("klíč"), max_length=64, unique=True)
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("obec"),
    )
    sent_at = models.DateTimeField(_("odesláno"), auto_now_add=True)

    class Meta:
        verbose_name = _("odeslaný e-mail občanovi")
        verbose_name_plural = _("odeslané e-maily občanům")

    def __str__(self):
        return self.key
