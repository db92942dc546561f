"""Views outside Wagtail's page routing: data files of pages and the admin tag suggestions."""

from django.http import Http404, HttpResponse, JsonResponse
from wagtail import hooks
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page, Site
from wagtail.views import serve_chain

from municipalities.scope import scope_pages
from radnice.people.collation import czech_sort_key

from .models import NewsPage, NewsPageTag

TAG_SUGGESTIONS = 10


def serve_page_data_file(request, page_path, filename):
    """``<page URL>data.jsonld`` (or ``data.csv``...): a file-like route of a routable page.

    Wagtail serves only paths whose segments are letters, digits, "-" and "_" and end with
    "/", so a RoutablePage route such as ``@path("data.jsonld")`` is never reached through
    Wagtail's own URL. This view finds the page by Wagtail's routing (the request's site, in
    the active language), applies the same privacy checks as Wagtail's ``serve`` and hands
    over to the page's route of that name.
    """
    site = Site.find_for_request(request)
    route = Page.route_for_request(request, page_path)
    if site is None or route is None:
        raise Http404
    page = route.page
    components = [component for component in page_path.split("/") if component]
    own_path = site.root_page.localized.url_path + "".join(f"{c}/" for c in components)
    if page.url_path != own_path or not isinstance(page, RoutablePageMixin):
        raise Http404
    # From here on as wagtail.views.serve, whose hooks include the privacy checks.
    args, kwargs = page.resolve_subpage(f"/{filename}"), {}
    on_serve_chain = serve_chain
    for hook in reversed(hooks.get_hooks("on_serve_page")):
        on_serve_chain = hook(on_serve_chain)
    for hook in hooks.get_hooks("before_serve_page"):
        result = hook(page, request, args, kwargs)
        if isinstance(result, HttpResponse):
            return result
    return on_serve_chain(page, request, args, kwargs)


def tag_autocomplete(request):
    """Tag suggestions for the news tag field: tags of news in the editor's own towns."""
    term = request.GET.get("term", "").strip()
    if not term:
        return JsonResponse([], safe=False)
    pages = scope_pages(NewsPage.objects.all(), request.user)
    names = set(
        NewsPageTag.objects.filter(
            content_object__in=pages.values("pk"), tag__name__istartswith=term
        ).values_list("tag__name", flat=True)
    )
    return JsonResponse(sorted(names, key=czech_sort_key)[:TAG_SUGGESTIONS], safe=False)
