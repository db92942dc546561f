from django.http import HttpResponse
from django.views.decorators.cache import cache_control
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap

from .sitemaps import MunicipalitySitemap


@cache_control(max_age=3600, public=True)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /hledat/",
        "Disallow: /en/hledat/",
        "",
        f"Sitemap: {request.scheme}://{request.get_host()}/sitemap.xml",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


def sitemap(request):
    return wagtail_sitemap(request, sitemaps={"pages": MunicipalitySitemap})
