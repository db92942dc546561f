"""Error pages."""

from django.http import HttpResponseNotFound
from django.utils.translation import gettext as _
from django.views import defaults


def page_not_found(request, exception):
    """404 in the town's site frame (``404.html``); for a request no town answers (an extra
    host such as a health check) a plain text one, as there is no site to frame it."""
    if not getattr(request, "municipality", None):  # also a lazy one (admin) that finds none
        return HttpResponseNotFound(_("Stránka nenalezena."), content_type="text/plain")
    return defaults.page_not_found(request, exception)
