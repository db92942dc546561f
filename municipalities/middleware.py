"""Request-level tenancy: reject unknown hosts, attach the current municipality."""

from django.http import HttpResponseBadRequest
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _

from themes.loader import activate_theme, deactivate_theme

from .hosts import is_known_host
from .scope import current_municipality


class SiteHostValidationMiddleware:
    """ALLOWED_HOSTS for a multi-site install: only hostnames of registered sites answer."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        host = request.META.get("HTTP_HOST") or request.META.get("SERVER_NAME", "")
        if not is_known_host(host):
            return HttpResponseBadRequest(_("Neznámý hostitel."), content_type="text/plain")
        return self.get_response(request)


class CurrentMunicipalityMiddleware:
    """``request.municipality`` for views and templates, and the municipality's theme."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith("/admin/"):
            # The admin serves every municipality of the user, in the default theme.
            request.municipality = SimpleLazyObject(lambda: current_municipality(request))
            return self.get_response(request)
        municipality = current_municipality(request)
        request.municipality = municipality
        token = activate_theme(municipality.theme if municipality else None)
        try:
            return self.get_response(request)
        finally:
            deactivate_theme(token)
