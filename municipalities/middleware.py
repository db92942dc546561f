"""Request-level tenancy: reject unknown hosts, attach the current municipality."""

from django.http import HttpResponseBadRequest
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _

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
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.municipality = SimpleLazyObject(lambda: current_municipality(request))
        return self.get_response(request)
