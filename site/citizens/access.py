"""Pages of modules that only (some) citizens may use: ``citizen_required`` and its mixin.

    @citizen_required(level=Level.IDENTITY)
    def vote(request): ...

    class PetitionSign(CitizenRequiredMixin, View):
        citizen_requirement = Requirement(level=Level.IDENTITY, min_age=15, resident=True)

An anonymous visitor (and a citizen of another town, who is anonymous on this host) is sent
to the citizens' log-in and back; anyone else who does not meet the level or the requirement
gets a themed page (403) saying why, in Czech, and how to get there: verify the identity
through the installation's identity provider, or at the town's office.
"""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.shortcuts import render
from django.utils.translation import gettext as _

from . import oidc
from .accounts import citizen_profile, request_town
from .eligibility import Requirement
from .models import Level
from .verification import level_of


def _requirement(level, requirement):
    requirement = requirement or Requirement(level=Level.NONE)
    if level is not None and level > requirement.level:
        requirement = Requirement(
            level=level,
            min_age=requirement.min_age,
            age_on=requirement.age_on,
            resident=requirement.resident,
        )
    return requirement


def refusal(request, level=None, requirement=None):
    """None when the request's user may go on; otherwise the response that stops them."""
    requirement = _requirement(level, requirement)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    town = request_town(request)
    reasons = requirement.check(request.user, town)
    if not reasons:
        return None
    citizen = citizen_profile(request.user) is not None
    needed = requirement.needed_level
    return render(
        request,
        "citizens/requirement_unmet.html",
        {
            "reasons": reasons,
            "is_citizen": citizen,
            "needed_level": Level(needed),
            "current_level": Level(level_of(request.user)),
            "email_missing": citizen and level_of(request.user) < Level.EMAIL,
            "can_verify_online": citizen
            and needed <= Level.IDENTITY
            and level_of(request.user) < Level.IDENTITY
            and oidc.is_configured(),
            "provider_name": oidc.provider_name(),
            "show_office": needed >= Level.IDENTITY,
            "town": town,
            "page_title": _("Tato služba vyžaduje ověřený účet"),
        },
        status=403,
    )


def citizen_required(view=None, *, level=None, requirement=None):
    """A view for citizens of the request's town of at least ``level`` who meet ``requirement``."""

    def decorate(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            return refusal(request, level, requirement) or view(request, *args, **kwargs)

        return wrapped

    return decorate(view) if view is not None else decorate


class CitizenRequiredMixin:
    """``citizen_required`` for class-based views (``citizen_level``, ``citizen_requirement``)."""

    citizen_level = None
    citizen_requirement = None

    def dispatch(self, request, *args, **kwargs):
        response = refusal(request, self.citizen_level, self.citizen_requirement)
        return response or super().dispatch(request, *args, **kwargs)


def forbidden(request, message):
    """A themed 403 page saying why, in Czech (e.g. an action only an organisation's správce
    may take)."""
    return render(request, "citizens/forbidden.html", {"message": message}, status=403)
