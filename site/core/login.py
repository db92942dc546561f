"""The admin log-in: throttled by django-axes, with Czech messages on Wagtail's login page."""

from math import ceil

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.utils.translation import gettext as _
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm


def minutes_phrase(minutes):
    """``1 minutu``, ``3 minuty``, ``15 minut``: the accusative after "za"."""
    if minutes == 1:
        return _("%(count)d minutu") % {"count": minutes}
    if 2 <= minutes <= 4:
        return _("%(count)d minuty") % {"count": minutes}
    return _("%(count)d minut") % {"count": minutes}


def lockout_message():
    minutes = max(1, ceil(settings.AXES_COOLOFF_TIME.total_seconds() / 60))
    return _("Příliš mnoho neúspěšných pokusů o přihlášení. Zkuste to znovu za %(minutes)s.") % {
        "minutes": minutes_phrase(minutes)
    }


class LoginForm(WagtailLoginForm):
    def clean(self):
        try:
            return super().clean()
        except ValidationError:
            if getattr(self.request, "axes_locked_out", False):
                raise ValidationError(lockout_message(), code="locked_out") from None
            raise


def lockout_response(request, original_response=None, credentials=None):
    """The login page itself (its form shows the lock-out message), answered with 429."""
    if original_response is not None and original_response.status_code == 200:
        original_response.status_code = 429
        return original_response
    return HttpResponse(lockout_message(), status=429, content_type="text/plain; charset=utf-8")


def client_ip(request):
    """The visitor's address; behind the TLS proxy the last hop it added to X-Forwarded-For."""
    if settings.BEHIND_TLS_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if hops:
            return hops[-1]
    return request.META.get("REMOTE_ADDR")
