"""The admin's URL patterns as the URLconf registers them, for isolation tests.

Tests derive their parameters from here instead of listing view names by hand: a view that
a viewset does not register is then not a parameter at all, and a renamed one makes the
test that expects it fail instead of skipping.
"""

import re

from django.urls import URLPattern, URLResolver, get_resolver

ROUTE_KWARGS = re.compile(r"<(?:(\w+):)?(\w+)>")


def admin_url_patterns():
    """``(view name, route)`` of every named URL under ``admin/``."""

    def walk(patterns, prefix, namespace):
        for entry in patterns:
            if isinstance(entry, URLResolver):
                ns = namespace
                if entry.namespace:
                    ns = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
                yield from walk(entry.url_patterns, prefix + str(entry.pattern), ns)
            elif isinstance(entry, URLPattern) and entry.name:
                name = f"{namespace}:{entry.name}" if namespace else entry.name
                yield name, prefix + str(entry.pattern)

    for name, route in walk(get_resolver().url_patterns, "", ""):
        if route.startswith("admin/"):
            yield name, route


def kwargs_of(route):
    """``[(converter, name), ...]`` of a route's arguments."""
    return ROUTE_KWARGS.findall(route)


def single_object_url_names(namespace, kwarg="pk"):
    """Names (without the namespace) of ``namespace``'s URLs whose only argument is ``kwarg``."""
    names = [
        name.removeprefix(f"{namespace}:")
        for name, route in admin_url_patterns()
        if name.startswith(f"{namespace}:") and [arg for _conv, arg in kwargs_of(route)] == [kwarg]
    ]
    assert names, f"no admin URL of {namespace} takes an object id"
    return sorted(names)


def namespaces_with_prefix(prefix):
    """Every admin URL namespace starting with ``prefix`` (e.g. all snippet choosers)."""
    return sorted(
        {
            name.rsplit(":", 1)[0]
            for name, _route in admin_url_patterns()
            if ":" in name and name.startswith(prefix)
        }
    )
