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
