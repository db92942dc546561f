"""Log-in of citizens: only the accounts of the request's town, never the admin.

- ``CitizenBackend`` (allauth's backend) finds an e-mail's account only among the citizens
  of the town whose host the log-in form was posted to;
- ``CitizenTownMiddleware`` treats a citizen as anonymous on another town's host and
  everywhere in the admin, so a session cookie carried elsewhere is worthless, and strips
  staff flags and permissions set on a citizen by mistake; it ends the session of an account
  the town's staff blocked (the log-in form refuses it: ``CitizenAccountAdapter``), and
  treats staff as anonymous on the pages of the citizens' second factor (allauth.mfa; staff
  have django-otp in the admin);
- ``axes_ignores`` leaves the citizens' log-in to allauth's rate limits: django-axes keeps
  throttling the admin log-in (radnice.core.login).
"""

from allauth.account.auth_backends import AuthenticationBackend
from django.contrib.auth import logout
from django.contrib.auth.models import AnonymousUser

from .accounts import citizen_profile, request_town, town_citizens_with_email

ADMIN_PREFIX = "/admin/"
MFA_URL_PREFIX = "mfa_"


class CitizenBackend(AuthenticationBackend):
    def authenticate(self, request, **credentials):
        if request is None or request_town(request) is None:
            return None
        self._request = request
        return super().authenticate(request, **credentials)

    def _authenticate_by_email(self, email, password):
        if not email:
            return None
        town = request_town(self._request)
        for user in town_citizens_with_email(town, email).order_by("pk"):
            if self._check_password(user, password):
                return user
        return None

    def _authenticate_by_username(self, username, password):
        # Citizens' usernames are generated and never shown: they log in by e-mail only.
        return None

    def get_user(self, user_id):
        user = super().get_user(user_id)
        return user if citizen_profile(user) is not None else None


def axes_ignores(request, credentials=None):
    """django-axes' whitelist: every log-in outside the admin (allauth throttles those)."""
    return request is not None and not request.path_info.startswith(ADMIN_PREFIX)


def neutralise(user):
    """No staff flag or permission of a citizen counts, whatever was set by mistake."""
    user.is_staff = False
    user.is_superuser = False
    user._perm_cache = set()
    user._user_perm_cache = set()
    user._group_perm_cache = set()


class CitizenTownMiddleware:
    """Right after AuthenticationMiddleware: a citizen exists only on their own town's host."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.citizen = None
        profile = citizen_profile(request.user)
        if profile is not None and profile.blocked_at is not None:
            # Blocked by the town's staff: the session ends here, whatever the host or path.
            logout(request)
            request.auser = _anonymous
        elif profile is not None:
            if request.path_info.startswith(ADMIN_PREFIX) or (
                profile.municipality_id != getattr(request_town(request), "pk", None)
            ):
                request.user = AnonymousUser()
                request.auser = _anonymous
            else:
                neutralise(request.user)
                request.citizen = profile
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        # The citizens' second factor (allauth.mfa) is for citizens: staff have django-otp in
        # the admin, and an allauth authenticator on a staff account would be a second
        # factor the admin never asks for. Staff are anonymous visitors on these pages.
        match = request.resolver_match
        if (
            match is not None
            and (match.url_name or "").startswith(MFA_URL_PREFIX)
            and request.citizen is None
            and request.user.is_authenticated
        ):
            request.user = AnonymousUser()
            request.auser = _anonymous
        return None


async def _anonymous():
    return AnonymousUser()
