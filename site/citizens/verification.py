"""Verification levels of citizens' accounts and the audit of what staff did with them.

A module asks for a level (``Level.EMAIL``, ``Level.IDENTITY``, ``Level.OFFICE``; a higher one
satisfies a lower) with ``level_of(user) >= level``. Proofs of identity are ``Verification``
rows: an identity provider's (OpenID Connect) or an official's (``confirm_by_office``);
``with_levels`` annotates a listing of accounts with the same level in one query. The town's
staff block and unblock accounts with ``block``/``unblock``; every action of theirs on an
account is written with ``audit``.
"""

from allauth.account.models import EmailAddress
from django.db import transaction
from django.db.models import Case, Exists, IntegerField, OuterRef, Value, When
from django.utils import timezone

from .accounts import citizen_profile
from .models import AuditEntry, Level, Verification


def active_verifications(profile):
    return profile.verifications.filter(revoked_at__isnull=True)


def level_of(user):
    """The highest level the user's account has reached (``Level.NONE`` for non-citizens)."""
    profile = citizen_profile(user)
    if profile is None:
        return Level.NONE
    methods = set(active_verifications(profile).values_list("method", flat=True))
    if Verification.Method.OFFICE in methods:
        return Level.OFFICE
    if Verification.Method.OIDC in methods:
        return Level.IDENTITY
    if EmailAddress.objects.filter(user=user, verified=True).exists():
        return Level.EMAIL
    return Level.NONE


def with_levels(profiles):
    """``profiles`` (CitizenProfile) annotated with ``citizen_level``, as ``level_of`` tells it,
    in the same query (a listing of accounts asks no query per row)."""
    active = Verification.objects.filter(profile=OuterRef("pk"), revoked_at__isnull=True)
    verified_email = EmailAddress.objects.filter(user=OuterRef("user_id"), verified=True)
    return profiles.annotate(
        citizen_level=Case(
            When(
                Exists(active.filter(method=Verification.Method.OFFICE)), then=Value(Level.OFFICE)
            ),
            When(
                Exists(active.filter(method=Verification.Method.OIDC)), then=Value(Level.IDENTITY)
            ),
            When(Exists(verified_email), then=Value(Level.EMAIL)),
            default=Value(Level.NONE),
            output_field=IntegerField(),
        )
    )


def has_level(user, level):
    return level_of(user) >= level


def _label(user):
    if user is None:
        return ""
    name = user.get_full_name() if hasattr(user, "get_full_name") else ""
    return f"{name} <{user.email}>" if name else (user.email or user.get_username())


def audit(profile, actor, action, detail=""):
    """Record what ``actor`` (a staff user, or None for the system) did with ``profile``."""
    return AuditEntry.objects.create(
        municipality_id=profile.municipality_id,
        profile=profile,
        citizen_label=_label(profile.user),
        actor=actor,
        actor_label=_label(actor),
        action=action,
        detail=detail,
    )


@transaction.atomic
def confirm_by_office(profile, official, *, given_name, family_name, birth_date, address, note=""):
    """An official confirmed the person in ``profile`` (seen in person, with an identity card)."""
    verification = Verification.objects.create(
        profile=profile,
        method=Verification.Method.OFFICE,
        given_name=given_name,
        family_name=family_name,
        birth_date=birth_date,
        address=address,
        verified_by=official,
        note=note,
    )
    audit(profile, official, AuditEntry.Action.VERIFIED, note)
    return verification


@transaction.atomic
def revoke(verification, actor, reason=""):
    verification.revoked_at = timezone.now()
    verification.save(update_fields=["revoked_at"])
    audit(verification.profile, actor, AuditEntry.Action.VERIFICATION_REVOKED, reason)


@transaction.atomic
def block(profile, actor, reason):
    """The town's staff block an account: it cannot log in, and its sessions end
    (radnice.citizens.auth). The reason is kept on the account and in the audit."""
    reason = (reason or "").strip()
    if not reason:
        raise ValueError("A blocked account needs a reason.")
    profile.blocked_at = timezone.now()
    profile.blocked_reason = reason
    profile.save(update_fields=["blocked_at", "blocked_reason"])
    audit(profile, actor, AuditEntry.Action.BLOCKED, reason)


@transaction.atomic
def unblock(profile, actor, note=""):
    profile.blocked_at = None
    profile.blocked_reason = ""
    profile.save(update_fields=["blocked_at", "blocked_reason"])
    audit(profile, actor, AuditEntry.Action.UNBLOCKED, note)
