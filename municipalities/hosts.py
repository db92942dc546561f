"""Allowed hosts come from the registered Wagtail sites (plus RADNICE_EXTRA_HOSTS)."""

from django.conf import settings
from django.core.cache import cache
from django.http.request import split_domain_port, validate_host
from wagtail.models import Site

CACHE_KEY = "radnice:known-hosts"


def known_hosts():
    hosts = cache.get(CACHE_KEY)
    if hosts is None:
        hosts = sorted(set(Site.objects.values_list("hostname", flat=True)))
        cache.set(CACHE_KEY, hosts, 300)
    return list(hosts) + list(settings.RADNICE_EXTRA_HOSTS)


def forget_known_hosts():
    cache.delete(CACHE_KEY)


def is_known_host(raw_host):
    domain, _port = split_domain_port(raw_host)
    return bool(domain) and validate_host(domain, known_hosts())


def site_root_url(site):
    """``scheme://hostname[:port]`` of a registered site, never of the request's Host header.

    Wagtail's ``Site.root_url`` (port 443 means https, 80 and 443 are left out), on HTTPS
    whenever the installation is served over TLS (``RADNICE_HTTPS``).
    """
    return with_site_scheme(site.root_url)


def with_site_scheme(url):
    """An absolute URL of a registered site (from Wagtail), on HTTPS when TLS is in front."""
    if settings.RADNICE_HTTPS and url.startswith("http://"):
        return "https://" + url.removeprefix("http://")
    return url


def site_of(target):
    """The Site of a Site, a Municipality or a request (its municipality's site)."""
    if isinstance(target, Site):
        return target
    site = getattr(target, "site", None)
    if isinstance(site, Site):
        return site
    municipality = getattr(target, "municipality", None)
    if municipality:
        return municipality.site
    return Site.find_for_request(target)


def absolute_url(target, path="/"):
    """The absolute URL of ``path`` on the site of ``target`` (Site, Municipality, request).

    The one way feeds, sitemaps, open data and meta tags build absolute URLs: a request's
    Host header (which may carry any port an attacker likes) never reaches them. A URL that
    is absolute already (files on a remote storage) is returned as it is.
    """
    if path.startswith(("http://", "https://")):
        return path
    return site_root_url(site_of(target)) + path


def page_full_url(page, request=None):
    """``page.get_full_url(request)``, on HTTPS when the installation is (see above)."""
    parts = page.get_url_parts(request=request)
    if parts is None:
        return None
    _site_id, root_url, page_path = parts
    if root_url is None:
        return None
    return with_site_scheme(root_url) + page_path
