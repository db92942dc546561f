"""The project's URLs plus one route for files beneath pages (akce.ics, data.jsonld...).

Wagtail serves only paths whose segments are letters, digits, "-" and "_", so the events
index's and event pages' file routes (``@path("akce.ics")``, ``@path("data.jsonld")``,
``@path("data.csv")``) need a URL pattern in the project's urls.py. Until it is there,
these tests add a minimal one.
"""

from django.conf.urls.i18n import i18n_patterns
from django.http import Http404
from django.urls import re_path
from wagtail.models import Page, Site

from radnice.urls import urlpatterns as project_urlpatterns

PAGE_FILE_PATTERN = r"^(?P<page_path>(?:[\w\-]+/)*)(?P<filename>[\w\-]+\.(?:ics|jsonld|csv))$"


def serve_page_file(request, page_path, filename):
    site = Site.find_for_request(request)
    route = Page.route_for_request(request, page_path)
    if site is None or route is None:
        raise Http404
    page = route.page
    if page.url_path != site.root_page.localized.url_path + page_path:
        raise Http404  # a sub-route of the page, not the page itself
    view, args, kwargs = page.resolve_subpage(f"/{filename}")
    return page.serve(request, view, args, kwargs)


urlpatterns = [
    *i18n_patterns(
        re_path(PAGE_FILE_PATTERN, serve_page_file, name="events_test_page_file"),
        prefix_default_language=False,
    ),
    *project_urlpatterns,
]
