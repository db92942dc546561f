"""Sign-ups never confirmed are deleted after RADNICE_CITIZEN_UNVERIFIED_DAYS (a beat task)."""

import datetime

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone

from radnice.citizens.accounts import ensure_citizen, generated_username
from radnice.citizens.models import CitizenProfile
from radnice.citizens.tasks import purge_unverified_signups_task
from tests.factories import make_member

User = get_user_model()


def unverified_citizen(town, email, days_old):
    user = User.objects.create_user(username=generated_username(), email=email, password="x")
    EmailAddress.objects.create(user=user, email=email, verified=False, primary=True)
    profile = CitizenProfile.objects.create(user=user, municipality=town)
    created = timezone.now() - datetime.timedelta(days=days_old)
    CitizenProfile.objects.filter(pk=profile.pk).update(created_at=created)
    User.objects.filter(pk=user.pk).update(date_joined=created)
    return user


def aged(user, days_old):
    created = timezone.now() - datetime.timedelta(days=days_old)
    CitizenProfile.objects.filter(user=user).update(created_at=created)
    return user


def test_beat_runs_the_purge_daily():
    entry = settings.CELERY_BEAT_SCHEDULE["citizens-purge-unverified-signups"]
    assert entry["task"] == purge_unverified_signups_task.name
    assert settings.RADNICE_CITIZEN_UNVERIFIED_DAYS == 7


def test_old_unverified_sign_ups_go_the_rest_stays(town_a, town_b):
    old = unverified_citizen(town_a, "stary@example.cz", days_old=8)
    old_b = unverified_citizen(town_b, "stary@example.cz", days_old=30)
    Authenticator.objects.create(user=old, type=Authenticator.Type.TOTP, data={"secret": "X"})
    recent = unverified_citizen(town_a, "novy@example.cz", days_old=6)
    verified, _password = ensure_citizen(town_a, "overeny@example.cz")
    aged(verified, 100)
    # Staff: never, not even with an unverified address and no profile.
    editor = make_member(town_a, email="redaktor@example.cz")
    User.objects.filter(pk=editor.pk).update(
        date_joined=timezone.now() - datetime.timedelta(days=100)
    )
    EmailAddress.objects.create(user=editor, email=editor.email, verified=False)
    # A staff flag set on a citizen's account by mistake: not deleted by a background job.
    flagged = unverified_citizen(town_a, "chybne@example.cz", days_old=50)
    User.objects.filter(pk=flagged.pk).update(is_staff=True)

    assert purge_unverified_signups_task.delay().get() == 2

    remaining = set(User.objects.values_list("pk", flat=True))
    assert old.pk not in remaining and old_b.pk not in remaining
    assert {recent.pk, verified.pk, editor.pk, flagged.pk} <= remaining
    # What hung on the deleted users went with them.
    assert not CitizenProfile.objects.filter(user_id__in=[old.pk, old_b.pk]).exists()
    assert not EmailAddress.objects.filter(user_id__in=[old.pk, old_b.pk]).exists()
    assert not Authenticator.objects.filter(user_id=old.pk).exists()
    assert EmailAddress.objects.filter(user=editor).exists()
    # Running again deletes nothing more.
    assert purge_unverified_signups_task.delay().get() == 0


def test_the_period_is_configurable(town_a, settings):
    user = unverified_citizen(town_a, "stary@example.cz", days_old=3)
    assert purge_unverified_signups_task.delay().get() == 0
    settings.RADNICE_CITIZEN_UNVERIFIED_DAYS = 2
    assert purge_unverified_signups_task.delay().get() == 1
    assert not User.objects.filter(pk=user.pk).exists()
