"""Response headers and request limits that every response of the installation gets.

- ``SecurityHeadersMiddleware`` (outermost): adds Permissions-Policy and a default
  X-Frame-Options to every response, static files and error pages included (Django's
  SecurityMiddleware, next, adds nosniff, Referrer-Policy and Cross-Origin-Opener-Policy).
- ``MethodGuardMiddleware``: refuses HTTP methods the site does not use with 405.
- ``ContentSecurityPolicyMiddleware``: django-csp's middleware with two policies: the strict
  public one (``CONTENT_SECURITY_POLICY``: no inline code without the request's nonce, no
  third-party origins but the video players a visitor asks for) and the admin's
  (``RADNICE_ADMIN_CSP``), which Wagtail's inline scripts and styles need.
- ``AnonymousPostLimitMiddleware``: a visitor who is not logged in may not send more than
  ``RADNICE_ANONYMOUS_POST_MAX_SIZE`` bytes; the body is refused (413) before it is read.
"""

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.http import HttpResponse, HttpResponseNotAllowed
from django.utils.translation import gettext as _

ADMIN_PREFIX = "/admin/"
# Methods the public site answers; the admin also takes PUT, PATCH and DELETE.
PUBLIC_METHODS = ("GET", "HEAD", "POST", "OPTIONS")
ADMIN_METHODS = (*PUBLIC_METHODS, "PUT", "PATCH", "DELETE")


def is_admin_path(path):
    return path.startswith(ADMIN_PREFIX)


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.RADNICE_PERMISSIONS_POLICY)
        # Wagtail's preview sets SAMEORIGIN itself; everything else may not be framed at all.
        response.headers.setdefault("X-Frame-Options", settings.X_FRAME_OPTIONS)
        return response


class MethodGuardMiddleware:
    """Inside the header middlewares, so that its 405 answers carry their headers too."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        allowed = ADMIN_METHODS if is_admin_path(request.path_info) else PUBLIC_METHODS
        if request.method not in allowed:
            return HttpResponseNotAllowed(allowed)
        return self.get_response(request)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and parts.config is None and is_admin_path(request.path_info):
            # No nonce here: a nonce in the header would make browsers ignore 'unsafe-inline'.
            return PolicyParts(config=settings.RADNICE_ADMIN_CSP, update=parts.update)
        return parts


class AnonymousPostLimitMiddleware:
    """After AuthenticationMiddleware and CitizenTownMiddleware; staff keep Django's limits."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST" and self._too_large(request):
            return HttpResponse(
                _("Požadavek je příliš velký."), status=413, content_type="text/plain"
            )
        return self.get_response(request)

    @staticmethod
    def _too_large(request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return True
        # Citizens (radnice.citizens) post small forms like any visitor.
        visitor = not request.user.is_authenticated or getattr(request, "citizen", None)
        return length > settings.RADNICE_ANONYMOUS_POST_MAX_SIZE and bool(visitor)
