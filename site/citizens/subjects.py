"""Whom a citizen may act for: themselves, or an organisation of their town they belong to.

A module's record that belongs to a citizen or to an organisation (an application, a
reservation, a payment) derives from ``CitizenOwnedMixin``: two nullable foreign keys, of
which at most one is set (both empty once the record is anonymised or kept past the
account's deletion; radnice.citizens.contract). A form offering "submit as" lists
``acting_subjects(user)`` and reads the posted choice back with ``subject_for_key`` (never a
posted organisation id as such). See docs/modules.md, "The citizen side".
"""

from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .accounts import citizen_profile
from .models import Membership, Organisation, Role

PERSON_KEY = "osoba"


@dataclass(frozen=True)
class Subject:
    """The citizen in person (``organisation`` None) or an organisation they act for."""

    user: object
    organisation: Organisation | None = None
    role: str = ""

    @property
    def key(self):
        """A stable value for a form's choice: "osoba" or "organizace-<id>"."""
        return PERSON_KEY if self.organisation is None else f"organizace-{self.organisation.pk}"

    @property
    def label(self):
        if self.organisation is None:
            return str(_("Já osobně (%(email)s)") % {"email": self.user.email})
        return str(self.organisation)

    @property
    def is_administrator(self):
        """The citizen in person, or a správce of the organisation."""
        return self.organisation is None or self.role == Role.ADMINISTRATOR

    def owner_fields(self):
        """The values of ``CitizenOwnedMixin``'s fields for a record owned by this subject."""
        if self.organisation is None:
            return {"citizen": self.user, "organisation": None}
        return {"citizen": None, "organisation": self.organisation}

    def records(self, queryset):
        """``queryset`` (of a ``CitizenOwnedMixin`` model) narrowed to this subject's records."""
        return queryset.filter(**self.owner_fields())


def acting_subjects(user):
    """[Subject]: the citizen in person first, then every organisation of their town they are a
    member of (by name). Empty for anyone who is not a citizen (staff, anonymous visitors)."""
    profile = citizen_profile(user)
    if profile is None:
        return []
    memberships = (
        Membership.objects.filter(user=user, organisation__municipality=profile.municipality)
        .select_related("organisation")
        .order_by("organisation__name", "organisation__pk")
    )
    return [Subject(user)] + [
        Subject(user, membership.organisation, membership.role) for membership in memberships
    ]


def subject_for_key(user, key):
    """The subject ``key`` names among ``acting_subjects(user)``, or None (another town's or
    another member's organisation, a made-up key)."""
    return next((subject for subject in acting_subjects(user) if subject.key == key), None)


class CitizenOwnedMixin(models.Model):
    """For a module's model whose records belong to a citizen or to an organisation.

    ``citizen`` and ``organisation`` are PROTECTed: an account or organisation is deleted
    only after every module has dealt with its records by its retention declaration
    (radnice.citizens.contract), so a module that forgot one stops the deletion instead of
    losing or orphaning data silently. ``retained_until``: set when the account is deleted
    and the record is kept for the office's legal retention period (``Retention.KEEP``); the
    record is purged after that day (``manage.py purge_citizen_records``).
    """

    citizen = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("občan"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organizace"),
    )
    retained_until = models.DateField(_("uchovat do"), null=True, blank=True)

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=Q(citizen__isnull=True) | Q(organisation__isnull=True),
                name="%(app_label)s_%(class)s_one_owner",
            )
        ]

    @property
    def subject(self):
        if self.citizen_id is None and self.organisation_id is None:
            return None
        return Subject(self.citizen, self.organisation)
