"""The citizen's page "Ověření totožnosti": level, proofs, verification through the provider."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from . import oidc
from .access import citizen_required, refusal
from .accounts import citizen_profile, request_town
from .models import Level
from .verification import active_verifications, level_of


@never_cache
@require_GET
@citizen_required
def identity(request):
    profile = request.citizen
    return render(
        request,
        "citizens/identity.html",
        {
            "level": Level(level_of(request.user)),
            "verifications": active_verifications(profile).select_related("verified_by"),
            "oidc_configured": oidc.is_configured(),
            "provider_name": oidc.provider_name(),
            "town": profile.municipality,
        },
    )


def _failed(request, message, status):
    return render(
        request,
        "citizens/identity_failed.html",
        {"message": message, "provider_name": oidc.provider_name()},
        status=status,
    )


@never_cache
@require_POST
def identity_start(request):
    if not oidc.is_configured():
        raise Http404
    if not request.user.is_authenticated:
        # back to the page with the button after the log-in (this address takes POST only)
        return redirect_to_login(reverse("citizens:identity"))
    response = refusal(request)
    if response is not None:
        return response
    try:
        url = oidc.start(request, request.citizen)
    except oidc.OidcError as error:
        return _failed(request, error.message, 502)
    return HttpResponseRedirect(url)


@never_cache
@require_GET
def identity_return(request):
    """The provider's answer; only for the citizen (of this host's town) who started it."""
    if not oidc.is_configured():
        raise Http404
    profile = citizen_profile(request.user)
    if profile is None or profile.municipality_id != getattr(request_town(request), "pk", None):
        return _failed(
            request,
            _(
                "Ověření totožnosti lze dokončit jen přihlášeným účtem občana, který je "
                "zahájil, na webu jeho obce."
            ),
            403,
        )
    try:
        verification = oidc.finish(request, profile)
    except oidc.OidcError as error:
        return _failed(request, error.message, 400)
    messages.success(
        request,
        _("Vaše totožnost je ověřena přes %(provider)s.") % {"provider": verification.provider},
    )
    return redirect("citizens:identity")
