"""The citizens' own pages: only for a citizen of the request's town."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.shortcuts import render
from django.utils.translation import gettext as _


def forbidden(request, message):
    """A themed 403 page saying why, in Czech."""
    return render(request, "citizens/forbidden.html", {"message": message}, status=403)


def citizen_required(view):
    """Anonymous visitors go to the log-in; other accounts (staff) get 403. A citizen of
    another town is anonymous on this host (radnice.citizens.auth.CitizenTownMiddleware)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if getattr(request, "citizen", None) is None:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            return forbidden(request, _("Tato stránka je jen pro účty občanů této obce."))
        return view(request, *args, **kwargs)

    return wrapper
