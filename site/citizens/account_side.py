"""The platform's own citizen side: the profile, e-mail addresses and organisations.

It goes through the same contract as every module (radnice.citizens.contract): its section
opens "Můj úřad", its export is the "ucet" part of the data export, and its declarations say
what happens with the account's own records when the citizen deletes it.
"""

from allauth.account.models import EmailAddress
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .accounts import citizen_profile
from .contract import Action, CitizenSide, Retention
from .models import Invitation, Membership, Role


def _iso(value):
    return value.isoformat() if value else None


def sole_administrator_of(user):
    """The organisations of which ``user`` is the only správce (one query)."""
    other_administrator = Membership.objects.filter(
        organisation=OuterRef("organisation"), role=Role.ADMINISTRATOR
    ).exclude(user=user)
    administered = (
        Membership.objects.filter(user=user, role=Role.ADMINISTRATOR)
        .annotate(shared=Exists(other_administrator))
        .select_related("organisation")
    )
    return [membership.organisation for membership in administered if not membership.shared]


def pending_invitations(user):
    """Invitations of the user's town to one of their verified addresses, still valid."""
    profile = citizen_profile(user)
    addresses = list(
        EmailAddress.objects.filter(user=user, verified=True).values_list("email", flat=True)
    )
    if profile is None or not addresses:
        return Invitation.objects.none()
    query = Invitation.objects.none()
    for address in addresses:
        query |= Invitation.objects.filter(email__iexact=address)
    return (
        query.filter(
            organisation__municipality=profile.municipality,
            accepted_at__isnull=True,
            expires_at__gt=timezone.now(),
        )
        .exclude(organisation__memberships__user=user)
        .select_related("organisation")
    )


class AccountSide(CitizenSide):
    label = gettext_lazy("Můj účet")
    template = "citizens/sections/account.html"
    retention = (
        Retention(
            "citizens.Membership",
            Action.DELETE,
            gettext_lazy("členství v organizacích"),
            owner_field="user",
        ),
        Retention(
            "account.EmailAddress",
            Action.DELETE,
            gettext_lazy("e-mailové adresy"),
            owner_field="user",
        ),
        Retention(
            "citizens.CitizenProfile",
            Action.DELETE,
            gettext_lazy("profil účtu a záznam o souhlasu s podmínkami"),
            owner_field="user",
        ),
    )

    def section_context(self, request, user):
        memberships = (
            Membership.objects.filter(user=user)
            .select_related("organisation")
            .order_by("organisation__name", "organisation__pk")
        )
        return {
            "profile": citizen_profile(user),
            "memberships": memberships,
            "invitations": pending_invitations(user),
        }

    def export(self, user):
        profile = citizen_profile(user)
        memberships = Membership.objects.filter(user=user).select_related("organisation")
        return {
            "profil": {
                "e-mail": user.email,
                "ucet_zalozen": _iso(profile.created_at),
                "posledni_prihlaseni": _iso(user.last_login),
                "souhlas_s_podminkami": {
                    "verze": profile.terms_version,
                    "prijat": _iso(profile.terms_accepted_at),
                },
            },
            "emailove_adresy": [
                {"adresa": address.email, "overena": address.verified, "hlavni": address.primary}
                for address in EmailAddress.objects.filter(user=user).order_by("pk")
            ],
            "organizace": [
                {
                    "nazev": membership.organisation.name,
                    "ico": membership.organisation.ico,
                    "sidlo": membership.organisation.address,
                    "datova_schranka": membership.organisation.data_box,
                    "statutarni_zastupce": membership.organisation.representative,
                    "role": membership.get_role_display(),
                    "clenem_od": _iso(membership.created_at),
                }
                for membership in memberships.order_by("organisation__name", "pk")
            ],
            "pozvanky": [
                {
                    "organizace": invitation.organisation.name,
                    "e-mail": invitation.email,
                    "role": invitation.get_role_display(),
                    "odeslano": _iso(invitation.created_at),
                    "plati_do": _iso(invitation.expires_at),
                }
                for invitation in pending_invitations(user).order_by("pk")
            ],
        }

    def deletion_blockers(self, user):
        return [
            _(
                "Jste jediným správcem organizace „%(name)s“. Než účet zrušíte, jmenujte "
                "správcem jiného člena, nebo organizaci smažte."
            )
            % {"name": organisation.name}
            for organisation in sole_administrator_of(user)
        ]

    def delete(self, user):
        # Invitations waiting for the account's addresses go with it (they name the address).
        pending_invitations(user).delete()
        super().delete(user)
