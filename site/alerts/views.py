"""Hiding an alert without JavaScript: a POST that sets a cookie and goes back."""

import re

from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from .queries import current_alerts

VERSION = re.compile(r"[0-9a-f]{1,32}")


# No CSRF token: the only effect is a cookie in the visitor's own browser, and a token would
# make every page with an alert uncacheable for anonymous visitors.
@csrf_exempt
@require_POST
def dismiss_alert(request, pk):
    alert = get_object_or_404(current_alerts(getattr(request, "municipality", None)), pk=pk)
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    response = HttpResponseRedirect(next_url, status=303)
    if alert.is_dismissable:
        # The version the visitor saw: if the alert has changed since, it shows again.
        version = request.POST.get("version", "")
        if not VERSION.fullmatch(version):
            version = alert.version
        response.set_cookie(
            alert.cookie_name,
            version,
            max_age=alert.dismissal_seconds,
            path="/",
            secure=request.is_secure(),
            httponly=True,
            samesite="Lax",
        )
    return response
