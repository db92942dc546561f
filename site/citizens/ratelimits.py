"""allauth's rate limits per town: a limit counted per e-mail address counts per (town, address).

allauth keys its limits "per key" by what the form or flow passes (the e-mail address for
``confirm_email`` and ``reset_password``, host and address for ``login_failed``, the user for
the second factor), and has no hook for it. The same address may hold an account in each town
(docs/citizens.md), so a sign-up in a second town within allauth's cool-down would get no
confirmation mail, and failed log-ins in one town would lock the address in another. The one
seam is the function that turns a limit into a cache key, which every ``consume`` and ``clear``
calls through the module's globals: :func:`install` wraps it so that a key-based limit gets the
request's town in front of its key. Limits per IP address or per user stay as allauth has them.
"""

from allauth.core.internal import ratelimit as allauth_ratelimit

from .accounts import request_town


def town_key(request, key):
    """``key`` with the request's town in front (as it is on a host of no town)."""
    town = request_town(request)
    return key if town is None else f"town-{town.pk}:{key}"


def install():
    original = allauth_ratelimit.get_cache_key
    if getattr(original, "per_town", False):
        return

    def get_cache_key(request, *, app, action, rate, key=None, user=None):
        if rate.per == "key" and key is not None:
            key = town_key(request, key)
        return original(request, app=app, action=action, rate=rate, key=key, user=user)

    get_cache_key.per_town = True
    allauth_ratelimit.get_cache_key = get_cache_key
