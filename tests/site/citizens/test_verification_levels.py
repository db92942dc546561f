"""Verification levels (radnice.citizens.verification): what a module may require of a citizen."""

import datetime

from allauth.account.models import EmailAddress

from radnice.citizens.accounts import ensure_citizen
from radnice.citizens.models import AuditEntry, Level, Verification
from radnice.citizens.verification import confirm_by_office, has_level, level_of, revoke
from tests.factories import make_member


def test_levels_rise_with_each_proof_and_fall_when_revoked(town_a):
    user, _ = ensure_citizen(town_a, "karel@example.cz")
    EmailAddress.objects.filter(user=user).update(verified=False)
    assert level_of(user) == Level.NONE
    EmailAddress.objects.filter(user=user).update(verified=True)
    assert level_of(user) == Level.EMAIL
    assert not has_level(user, Level.IDENTITY)

    Verification.objects.create(
        profile=user.citizen_profile, method=Verification.Method.OIDC, provider="nia"
    )
    assert level_of(user) == Level.IDENTITY
    assert not has_level(user, Level.OFFICE)

    official = make_member(town_a, "administrator")
    verification = confirm_by_office(
        user.citizen_profile,
        official,
        given_name="Karel",
        family_name="Novák",
        birth_date=datetime.date(1980, 5, 1),
        address="Alfa 1",
        note="občanský průkaz",
    )
    assert level_of(user) == Level.OFFICE
    assert has_level(user, Level.IDENTITY)  # the office satisfies what needs an identity
    entry = AuditEntry.objects.get()
    assert (entry.municipality, entry.actor) == (town_a, official)
    assert entry.profile == user.citizen_profile
    assert entry.action == AuditEntry.Action.VERIFIED
    assert "karel@example.cz" in entry.citizen_label

    revoke(verification, official, "omyl")
    assert level_of(user) == Level.IDENTITY
    assert AuditEntry.objects.filter(action=AuditEntry.Action.VERIFICATION_REVOKED).count() == 1


def test_staff_and_visitors_have_no_level(town_a, django_user_model):
    from django.contrib.auth.models import AnonymousUser

    assert level_of(AnonymousUser()) == Level.NONE
    assert level_of(make_member(town_a, "editor")) == Level.NONE
