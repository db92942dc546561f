"""Stable module URLs outside pages: gateway notifications, return URLs, links in e-mails.

A module's pages live wherever an editor puts them, so a URL that must not move (one given
to a payment gateway, one written into an e-mail) cannot be a route of a page. A module
declares a URLconf of its own instead::

    Module(name="payments", ..., urls="modules.payments.urls")

and the platform mounts it, through the registry, at ``/moduly/<module name>/`` on every
town's host (``/en/moduly/<module name>/`` in English), under the namespace of the module's
name. Each request is served for the town of its host (``request.municipality``, set by
``municipalities.middleware``); an unknown host never gets this far. Where the town has the
module off, its views answer 404, except those marked ``@reachable_when_off``: a gateway
that confirms a payment made yesterday must be heard even if the town switched the module
off this morning. Views still scope every record to ``request.municipality``.

Links are built by ``module_url(municipality, module_name, url_name, ...)``: absolute, on
the town's registered hostname (``municipalities.hosts.absolute_url``), never from a
request's Host header.
"""

from functools import wraps

from django.http import Http404
from django.urls import URLResolver, reverse
from django.urls.resolvers import RoutePattern

from .hosts import absolute_url
from .registry import get_module, get_modules, is_enabled

URL_PREFIX = "moduly/"


def reachable_when_off(view):
    """Keep ``view`` answering where the town has switched its module off (callbacks)."""
    view.reachable_when_module_off = True
    return view


def _for_town(view, module_name):
    """``view``, answering 404 on a host without a town and where the module is off."""

    @wraps(view)
    def serve(request, *args, **kwargs):
        municipality = getattr(request, "municipality", None)
        if municipality is None:
            raise Http404
        if not getattr(view, "reachable_when_module_off", False) and not is_enabled(
            municipality, module_name
        ):
            raise Http404
        return view(request, *args, **kwargs)

    return serve


class ModuleURLResolver(URLResolver):
    """A module's URLconf at ``moduly/<name>/``: every view it resolves is served only for
    the host's town, and only where the module is on (unless ``@reachable_when_off``)."""

    def __init__(self, module):
        super().__init__(
            RoutePattern(f"{URL_PREFIX}{module.name}/"),
            module.urls,
            app_name=module.name,
            namespace=module.name,
        )
        self.module_name = module.name

    def resolve(self, path):
        match = super().resolve(path)
        match.func = _for_town(match.func, self.module_name)
        return match


def module_urlpatterns():
    """The URLconfs of every registered module that declares one (site/urls.py)."""
    return [ModuleURLResolver(module) for module in get_modules() if module.urls]


def module_path(module_name, url_name, *args, **kwargs):
    """The path of a module's URL (in the active language), e.g. for a relative link."""
    module = get_module(module_name)
    if module is None or not module.urls:
        raise ValueError(f"No registered module {module_name!r} declares URLs.")
    return reverse(f"{module_name}:{url_name}", args=args or None, kwargs=kwargs or None)


def module_url(municipality, module_name, url_name, *args, **kwargs):
    """The absolute URL of a module's view for ``municipality``, on its registered hostname
    (for gateways and e-mails): it does not change when an editor moves a page."""
    return absolute_url(municipality, module_path(module_name, url_name, *args, **kwargs))
