"""Sign-ups whose e-mail address was never confirmed are deleted after a while.

An unconfirmed account cannot log in (``ACCOUNT_EMAIL_VERIFICATION = "mandatory"``), and its
address may not even belong to whoever signed up: after ``RADNICE_CITIZEN_UNVERIFIED_DAYS``
it goes, with everything hanging on the user (profile, addresses, second factor). Only
citizens' accounts (those with a ``CitizenProfile``) are considered: staff never.
"""

import datetime

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from .models import CitizenProfile


def unverified_signups(days, now=None):
    """Citizens' users signed up more than ``days`` ago who have no verified address."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=days)
    old_profiles = CitizenProfile.objects.filter(created_at__lt=cutoff)
    verified = EmailAddress.objects.filter(verified=True).values("user_id")
    return (
        get_user_model()
        .objects.filter(pk__in=old_profiles.values("user_id"))
        .exclude(pk__in=verified)
        .filter(is_staff=False, is_superuser=False)
    )


def purge_unverified_signups(days, now=None):
    """Delete them (see :func:`unverified_signups`); returns how many accounts went."""
    with transaction.atomic():
        users = list(unverified_signups(days, now).select_for_update())
        for user in users:
            user.delete()
    return len(users)
