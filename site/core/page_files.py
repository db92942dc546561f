"""File-like routes of routable pages: ``<page URL>data.jsonld``, ``akce.ics``, ``data.csv``.

Wagtail serves only paths whose segments are letters, digits, "-" and "_" and end with "/",
so a RoutablePage route such as ``@path("data.jsonld")`` is never reached through Wagtail's
own URL. This view finds the page by Wagtail's routing (the request's site, in the active
language), applies the same hooks as Wagtail's ``serve`` (privacy, module switches) and hands
over to the page's route of that name.
"""

from django.http import Http404, HttpResponse
from django.urls import re_path
from wagtail import hooks
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page, Site
from wagtail.views import serve_chain

FILE_NAME = r"[\w\-]+\.(?:jsonld|json|csv|ics|vcf|xml)"


def serve_page_file(request, page_path, filename):
    site = Site.find_for_request(request)
    route = Page.route_for_request(request, page_path)
    if site is None or route is None:
        raise Http404
    page = route.page
    components = [component for component in page_path.split("/") if component]
    own_path = site.root_page.localized.url_path + "".join(f"{c}/" for c in components)
    if page.url_path != own_path or not isinstance(page, RoutablePageMixin):
        raise Http404
    args, kwargs = page.resolve_subpage(f"/{filename}"), {}
    on_serve_chain = serve_chain
    for hook in reversed(hooks.get_hooks("on_serve_page")):
        on_serve_chain = hook(on_serve_chain)
    for hook in hooks.get_hooks("before_serve_page"):
        result = hook(page, request, args, kwargs)
        if isinstance(result, HttpResponse):
            return result
    return on_serve_chain(page, request, args, kwargs)


urlpatterns = [
    re_path(
        rf"^(?P<page_path>(?:[\w\-]+/)*)(?P<filename>{FILE_NAME})$",
        serve_page_file,
        name="page_file",
    ),
]
