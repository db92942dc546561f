import datetime

from django.conf import settings
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.views.decorators.cache import cache_control
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap

from municipalities.hosts import absolute_url

from .sitemaps import MunicipalitySitemap


@cache_control(max_age=3600, public=True)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /hledat/",
        "Disallow: /en/hledat/",
        "",
        f"Sitemap: {absolute_url(request, '/sitemap.xml')}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


def sitemap(request):
    return wagtail_sitemap(request, sitemaps={"pages": MunicipalitySitemap})


@cache_control(max_age=3600, public=True)
def security_txt(request):
    """RFC 9116 ``/.well-known/security.txt`` of the site, from the operator's settings.

    The operator, not the town, handles vulnerability reports for the whole installation;
    without ``RADNICE_SECURITY_CONTACT`` there is no file (404).
    """
    contacts = settings.RADNICE_SECURITY_CONTACT
    if not contacts:
        raise Http404
    expires = timezone.now().replace(microsecond=0) + datetime.timedelta(
        days=settings.RADNICE_SECURITY_TXT_DAYS
    )
    lines = [f"Contact: {contact}" for contact in contacts]
    lines.append(f"Expires: {expires.astimezone(datetime.UTC).strftime('%Y-%m-%dT%H:%M:%SZ')}")
    if settings.RADNICE_SECURITY_POLICY:
        lines.append(f"Policy: {settings.RADNICE_SECURITY_POLICY}")
    lines.append("Preferred-Languages: cs, en")
    lines.append(f"Canonical: {absolute_url(request, '/.well-known/security.txt')}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
