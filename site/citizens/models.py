"""A citizen's account belongs to one municipality (the town is the data controller).

The user row is Django's ``auth.User`` with a generated username; what makes it a citizen is
its ``CitizenProfile``. Staff accounts have none. See docs/citizens.md.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from municipalities.models import Municipality
from municipalities.validators import validate_data_box, validate_ico


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


# --- Organisations (issue 11, slice "organisations") ------------------------------------------
# A citizen creates an organisation of their town (a club, a company, a parish...) and invites
# other citizens of the same town as members: a správce manages it, a člen acts for it. Modules
# attach records to a person or an organisation (radnice.citizens.subjects).


class Organisation(models.Model):
    # PROTECT, as the profiles: a town is not deleted while its citizens' organisations exist.
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="citizen_organisations",
        verbose_name=_("obec"),
    )
    name = models.CharField(_("název"), max_length=255)
    ico = models.CharField(
        _("IČO"),
        max_length=8,
        validators=[validate_ico],
        help_text=_("Identifikační číslo osoby, 8 číslic."),
    )
    address = models.CharField(_("sídlo"), max_length=255, help_text=_("Ulice, číslo, PSČ a obec."))
    data_box = models.CharField(
        _("ID datové schránky"),
        max_length=7,
        blank=True,
        validators=[validate_data_box],
        help_text=_("Sedm znaků, např. „abc2def“; nepovinné."),
    )
    representative = models.CharField(
        _("statutární zástupce"),
        max_length=255,
        help_text=_("Jméno osoby, která za organizaci jedná (předseda, jednatel…)."),
    )
    created_at = models.DateTimeField(_("založeno"), auto_now_add=True)

    class Meta:
        verbose_name = _("organizace")
        verbose_name_plural = _("organizace")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "ico"],
                name="citizens_organisation_unique_ico_per_town",
                violation_error_message=_("Organizace s tímto IČO už v obci existuje."),
            )
        ]

    def __str__(self):
        return self.name


class Role(models.TextChoices):
    ADMINISTRATOR = "spravce", _("správce")
    MEMBER = "clen", _("člen")


class Membership(models.Model):
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("organizace"),
    )
    # A citizen of the organisation's town (checked where members are added: Invitation.accept).
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="organisation_memberships",
        verbose_name=_("občan"),
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.MEMBER)
    created_at = models.DateTimeField(_("členem od"), auto_now_add=True)

    class Meta:
        verbose_name = _("členství v organizaci")
        verbose_name_plural = _("členství v organizacích")
        ordering = ["organisation", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "user"], name="citizens_membership_unique_member"
            )
        ]

    def __str__(self):
        return f"{self.user.email} – {self.organisation} ({self.get_role_display()})"

    @property
    def is_administrator(self):
        return self.role == Role.ADMINISTRATOR


class Invitation(models.Model):
    """An invitation of an e-mail address into an organisation; accepted by the town's account
    holding that address, logged in on the town's host (radnice.citizens.organisations)."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="invitations",
        verbose_name=_("organizace"),
    )
    email = models.EmailField(_("e-mail"))
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.MEMBER)
    token = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("pozval"),
    )
    created_at = models.DateTimeField(_("odesláno"), auto_now_add=True)
    expires_at = models.DateTimeField(_("platí do"))
    accepted_at = models.DateTimeField(_("přijato"), null=True, blank=True)

    class Meta:
        verbose_name = _("pozvánka do organizace")
        verbose_name_plural = _("pozvánky do organizací")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.email} → {self.organisation}"
