"""A citizen's account belongs to one municipality (the town is the data controller).

The user row is Django's ``auth.User`` with a generated username; what makes it a citizen is
its ``CitizenProfile``. Staff accounts have none. See docs/citizens.md.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from municipalities.models import Municipality
from municipalities.validators import validate_data_box, validate_ico
from radnice.notifications.models import MessageState, OutboxMessage


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
    #: a blocked account cannot log in (radnice.citizens.auth); set by the town's staff
    blocked_at = models.DateTimeField(_("zablokováno"), null=True, blank=True)
    blocked_reason = models.TextField(_("důvod zablokování"), blank=True)

    class Meta:
        verbose_name = _("účet občana")
        verbose_name_plural = _("účty občanů")
        # Granted by role (radnice.citizens.apps.CitizensConfig.role_permissions); what the
        # town's staff may do with its citizens' accounts in the admin (radnice.citizens.admin).
        permissions = [
            ("confirm_citizenprofile", _("Může potvrdit totožnost občana a ověření zrušit")),
            ("block_citizenprofile", _("Může zablokovat a odblokovat účet občana")),
        ]

    def __str__(self):
        return f"{self.user.email} ({self.municipality})"


# --- Verification of identity and what the town's staff did (shared by the OIDC flow and the
# staff side; see radnice.citizens.verification) ---------------------------------------------


class Level(models.IntegerChoices):
    """What a module may require of a citizen, weakest first; a higher level satisfies a lower.

    ``IDENTITY`` is an identity proven through an OpenID Connect provider (NIA, BankID...);
    ``OFFICE`` is a person a town official confirmed in person (paper ballots, people without
    an electronic identity), which satisfies whatever requires ``IDENTITY`` too.
    """

    NONE = 0, _("neověřený účet")
    EMAIL = 10, _("ověřený e-mail")
    IDENTITY = 20, _("ověřená identita")
    OFFICE = 30, _("ověřeno úřadem")


class Verification(models.Model):
    """One proof of a citizen's identity: by an identity provider or by the office.

    What it proved (name, date of birth, address) is kept for the eligibility rules of the
    modules (minimum age, residence in the town); a revoked proof no longer counts.
    """

    class Method(models.TextChoices):
        OIDC = "oidc", _("identita ověřená poskytovatelem identity")
        OFFICE = "office", _("potvrzení úředníkem")

    profile = models.ForeignKey(
        CitizenProfile,
        on_delete=models.CASCADE,
        related_name="verifications",
        verbose_name=_("účet občana"),
    )
    method = models.CharField(_("způsob"), max_length=16, choices=Method.choices)
    #: the identity provider's name (OIDC) or empty (office)
    provider = models.CharField(_("poskytovatel identity"), max_length=64, blank=True)
    #: a hash of the provider's subject identifier (the same person verifying again is known)
    subject_hash = models.CharField(_("otisk identifikátoru"), max_length=64, blank=True)
    given_name = models.CharField(_("jméno"), max_length=150, blank=True)
    family_name = models.CharField(_("příjmení"), max_length=150, blank=True)
    birth_date = models.DateField(_("datum narození"), null=True, blank=True)
    address = models.TextField(_("adresa"), blank=True)
    #: the official who confirmed it (office) — kept as a name when their account goes
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ověřil(a)"),
    )
    note = models.TextField(_("poznámka"), blank=True)
    verified_at = models.DateTimeField(_("ověřeno"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("zrušeno"), null=True, blank=True)

    class Meta:
        verbose_name = _("ověření totožnosti")
        verbose_name_plural = _("ověření totožnosti")
        ordering = ["-verified_at"]

    def __str__(self):
        return f"{self.get_method_display()}: {self.profile}"

    @property
    def level(self):
        return Level.OFFICE if self.method == self.Method.OFFICE else Level.IDENTITY


class AuditEntry(models.Model):
    """What the town's staff did with a citizen's account (confirmations, blocking...).

    Kept when the account goes (the labels say whom it concerned); never holds passwords,
    second-factor secrets or identity-provider tokens.
    """

    class Action(models.TextChoices):
        VERIFIED = "verified", _("totožnost potvrzena")
        VERIFICATION_REVOKED = "verification_revoked", _("ověření zrušeno")
        BLOCKED = "blocked", _("účet zablokován")
        UNBLOCKED = "unblocked", _("účet odblokován")
        DELETED = "deleted", _("účet smazán")

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        related_name="citizen_audit_entries",
        verbose_name=_("obec"),
    )
    profile = models.ForeignKey(
        CitizenProfile,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="audit_entries",
        verbose_name=_("účet občana"),
    )
    citizen_label = models.CharField(_("občan"), max_length=255)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("provedl(a)"),
    )
    actor_label = models.CharField(_("provedl(a)"), max_length=255, blank=True)
    action = models.CharField(_("úkon"), max_length=32, choices=Action.choices)
    detail = models.TextField(_("podrobnosti"), blank=True)
    created_at = models.DateTimeField(_("čas"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("záznam auditu")
        verbose_name_plural = _("auditní záznamy")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.get_action_display()}: {self.citizen_label}"


# --- E-mails to citizens (radnice.citizens.mail) -----------------------------------------------


class SentCitizenMailManager(models.Manager):
    def get_queryset(self):
        return super().get_queryset().filter(state=MessageState.SENT)


class SentCitizenMail(OutboxMessage):
    """The messages that went out: the outbox's sent rows (radnice.notifications), under the
    name the citizens' code and tests know. A row created here is a sent one."""

    objects = SentCitizenMailManager()

    class Meta:
        proxy = True
        verbose_name = _("odeslaný e-mail")
        verbose_name_plural = _("odeslané e-maily")

    def save(self, *args, **kwargs):
        if self._state.adding:
            self.state = MessageState.SENT
            self.sent_at = self.sent_at or timezone.now()
        super().save(*args, **kwargs)


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
