"""The visitor's light/dark choice: a cookie, rendered server-side on ``<html>``.

Without a choice (or with "auto") the page follows the device (``prefers-color-scheme``).
The choice is a cookie read on the server and written as ``data-color-scheme`` on the
``<html>`` element, so the first paint already has the right colours (no flash, no script in
the head) and the switch works without JavaScript: a small form posts to ``set_colour_scheme``,
which sets the cookie and redirects back. ``site.js`` only spares the reload.
"""

from django.http import HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

COOKIE_NAME = "color_scheme"
COOKIE_MAX_AGE = 365 * 24 * 60 * 60
AUTO = "auto"
SCHEMES = {
    "light": _("Světlý"),
    "dark": _("Tmavý"),
    AUTO: _("Podle zařízení"),
}


def chosen_scheme(request):
    """ "light", "dark" or "auto" (no valid cookie)."""
    value = request.COOKIES.get(COOKIE_NAME, "") if request is not None else ""
    return value if value in SCHEMES else AUTO


def colour_scheme(request):
    """Context processor: the chosen scheme and the switch's options."""
    scheme = chosen_scheme(request)
    return {
        "colour_scheme": scheme,
        "colour_schemes": [(value, label, value == scheme) for value, label in SCHEMES.items()],
    }


def safe_next(request, url):
    """``url`` if it stays on this site, else the home page."""
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return "/"


# No CSRF token: the only effect is a cookie in the visitor's own browser, and a token would
# make every page uncacheable for anonymous visitors (as with hiding an alert).
@csrf_exempt
@require_POST
def set_colour_scheme(request):
    scheme = request.POST.get("scheme", "")
    response = HttpResponseRedirect(safe_next(request, request.POST.get("next", "")), status=303)
    if scheme == AUTO or scheme not in SCHEMES:
        response.delete_cookie(COOKIE_NAME, path="/", samesite="Lax")
    else:
        response.set_cookie(
            COOKIE_NAME,
            scheme,
            max_age=COOKIE_MAX_AGE,
            path="/",
            secure=request.is_secure(),
            httponly=True,
            samesite="Lax",
        )
    return response
