"""Which citizen accounts a request may touch: only those of the request's town."""

import uuid

from django.contrib.auth import get_user_model
from django.db.models import Q

from municipalities.models import Municipality
from municipalities.scope import current_municipality, for_municipality

from .models import CitizenProfile


def request_town(request):
    """The town of the request's host (None without a request or on a host of no town)."""
    if request is None:
        return None
    town = getattr(request, "municipality", None)
    # Before CurrentMunicipalityMiddleware there is none yet; in the admin it is lazy.
    return town if isinstance(town, Municipality) else current_municipality(request)


def generated_username():
    """Citizens log in by e-mail: the username is never shown, unique and unguessable."""
    return f"obcan-{uuid.uuid4().hex}"


def citizen_profile(user):
    """The user's CitizenProfile, or None for staff (and anonymous visitors)."""
    if not getattr(user, "is_authenticated", False):
        return None
    try:
        return user.citizen_profile
    except CitizenProfile.DoesNotExist:
        return None


def is_citizen(user):
    return citizen_profile(user) is not None


def town_citizens(town):
    """Users with a citizen account in ``town`` (none without a town)."""
    profiles = for_municipality(CitizenProfile.objects.all(), town)
    return get_user_model().objects.filter(pk__in=profiles.values("user_id"))


def town_citizens_with_email(town, email):
    """The town's accounts holding ``email`` (as the account's address or an added one)."""
    return (
        town_citizens(town)
        .filter(Q(email__iexact=email) | Q(emailaddress__email__iexact=email))
        .distinct()
    )


def ensure_citizen(town, email, password=None):
    """Create (or find) ``town``'s citizen account for ``email``, its address verified (the demo).

    Returns the user and the password that was set ("" when the account existed).
    """
    from allauth.account.models import EmailAddress
    from django.utils.crypto import get_random_string

    email = email.strip().lower()
    user = town_citizens_with_email(town, email).first()
    if user is not None:
        return user, ""
    password = password or get_random_string(16)
    user = get_user_model().objects.create_user(
        username=generated_username(), email=email, password=password
    )
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    CitizenProfile.objects.create(user=user, municipality=town)
    return user, password


def display_name(user):
    """How allauth names a user in pages and e-mails: by e-mail, never the generated username."""
    return user.email or ""
