"""Every public URL of the demo town (built once for the module, which is what takes time):
a sample of every page type and view, each with a strict Content-Security-Policy, and no
address a visitor can type makes a public view fail: every parameter of every public page,
feed and export answers a hostile value with a page, an empty result or a 400.

The URLs are the town's sample pages (radnice.core.page_samples: one of every page type and
view), the routes of their routable pages that take no arguments (feeds and exports), and the
site-wide files. The parameters of each URL are the ones its view reads, recorded while the
URL answers normally, so a new filter is fuzzed as soon as a view reads it.
"""

import dataclasses
import re
import time
from contextlib import contextmanager
from unittest import mock
from urllib.parse import quote

import pytest
from django.conf import settings as django_settings
from django.db import transaction
from django.http import QueryDict
from django.test import Client, override_settings
from wagtail.contrib.routable_page.models import RoutablePageMixin

from municipalities.demo.builders import build_demo_town
from municipalities.demo.towns import LHOTA
from radnice.core.middleware import MAX_QUERY_STRING_LENGTH
from radnice.core.page_samples import pages_by_type, sample_pages
from radnice.pages.models import StandardPage
from tests.factories import restore_migration_data
from tests.forked import run_forked
from tests.site.core.test_security_headers import assert_hardened, directives

HOST = "lhota.test"

DEMO_KEYS = [
    "homepage",
    "contacts",
    "contacts_person",
    "contacts_place",
    "board",
    "board_archive",
    "board_filtered",
    "officialnoticepage",
    "news",
    "news_filtered",
    "newspage",
    "events",
    "events_calendar",
    "events_archive",
    "events_filtered",
    "eventpage",
    "landingpage",
    "standardpage",
    "accessibilitystatementpage",
    "budget",
    "budget_sector",
    "budget_paragraph",
    "budget_event",
    "budget_months",
    "budget_invoices",
    "budget_suppliers",
    "budget_comparison",
    "budget_search",
    "search",
    "search_empty",
    "account_login",
    "account_signup",
    "account_password_reset",
    "not_found",
    "citizen_my_office",
    "citizen_organisations",
    "citizen_organisation",
    "citizen_organisation_edit",
    "citizen_organisation_invite",
    "citizen_organisation_create",
    "citizen_identity",
    "citizen_email",
    "citizen_password",
    "citizen_second_factor",
    "citizen_delete_account",
]

#: percent-encoded, as they would arrive in a query string; some are no valid UTF-8 at all
HOSTILE_VALUES = {
    "zero": "0",
    "negative": "-1",
    "huge number": "9" * 20,
    "arabic digits": quote("٢٠٢٣"),
    "superscript digit": quote("²"),
    "quotes": quote("'\"`"),
    "markup": quote("<script>alert(1)</script>"),
    "sql": quote("1' OR '1'='1"),
    "wildcards": quote("%_*?[]\\"),
    "invalid utf-8": "%ff%fe",
    "lone surrogate": "%ED%A0%80",
    "year and month": quote("2023-13"),
    "month of year 0": quote("0-1"),
}
#: answered 400 by MalformedAddressMiddleware before any view runs
REJECTED_VALUES = {
    "nul byte": "%00",
    "very long": "x" * 10_000,
}
#: parameters any view might read, sent once to every URL whatever it reads
COMMON_QUERY = "q=%27%22%3C&strana=99999999999999999999&rok=%C2%B2&mesic=0-0&stitek=%3C"


@pytest.fixture(scope="module")
def media_root(tmp_path_factory):
    return tmp_path_factory.mktemp("media")


def storage_settings(media_root):
    """Renditions and the private originals in the module's folder (as ``files_in_tmp``)."""
    return {
        "MEDIA_ROOT": media_root / "media",
        "STORAGES": {
            **django_settings.STORAGES,
            "default": {
                **django_settings.STORAGES["default"],
                "OPTIONS": {"location": media_root / "private"},
            },
        },
    }


@pytest.fixture(autouse=True)
def _fresh_cache_and_media(settings, media_root):
    """The demo's images stay for the whole module (replaces the folder's per-test media)."""
    for name, value in storage_settings(media_root).items():
        setattr(settings, name, value)


@pytest.fixture(scope="module")
def demo_town(django_db_setup, django_db_blocker, media_root):
    """The demo town Lhota pod Lesem on ``lhota.test``, built once for the module inside a
    transaction that is rolled back after it."""
    with built_demo_town(django_db_blocker, media_root) as municipality:
        yield municipality


@contextmanager
def built_demo_town(django_db_blocker, media_root):
    """The demo town on ``HOST`` for a module's fixture (tests/site/test_english_site.py too)."""
    with (
        django_db_blocker.unblock(),
        override_settings(**storage_settings(media_root)),
        transaction.atomic(),
    ):
        restore_migration_data()
        town = dataclasses.replace(LHOTA, hostname=HOST, editor_username=f"editor@{HOST}")
        yield build_demo_town(town, 80)
        transaction.set_rollback(True)


@pytest.fixture(scope="module")
def public_urls(demo_town, django_db_blocker, media_root):
    """{path: names of the query parameters its view reads}, for every public URL."""
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media_root):
        return discover_public_urls(demo_town)


def discover_public_urls(municipality):
    # The citizens' own pages (with a session cookie) read no query: they are left out here.
    paths = [sample.path for sample in sample_pages(municipality) if not sample.cookies]
    paths += routes_without_arguments(municipality)
    paths += ["/sitemap.xml", "/robots.txt"]
    # The samples of a filtered listing differ from the listing in their query only.
    paths = {path.split("?")[0]: path for path in reversed(paths)}.values()
    client = Client()
    urls = {}
    for path in sorted(paths):
        with recorded_parameter_reads() as names:
            response = client.get(path, HTTP_HOST=HOST)
        assert response.status_code in (200, 404), path
        urls[path] = sorted(names)
    return urls


def routes_without_arguments(municipality):
    """Feeds, exports and other views without arguments of the sampled routable pages."""
    paths = []
    home = municipality.site.root_page
    for page in pages_by_type(home):
        if not isinstance(page, RoutablePageMixin):
            continue
        base = page.url_path[len(home.url_path) - 1 :]
        for pattern in page.get_subpage_urls():
            if pattern.name and not pattern.pattern.regex.groupindex:
                paths.append(base + page.reverse_subpage(pattern.name))
    return paths


@contextmanager
def recorded_parameter_reads():
    """The names any QueryDict (request.GET above all) is asked for inside the block."""
    names = set()

    def recording(method):
        def read(self, key, *args, **kwargs):
            names.add(key)
            return method(self, key, *args, **kwargs)

        return read

    methods = ("get", "getlist", "__getitem__", "__contains__")
    with mock.patch.multiple(
        QueryDict, **{name: recording(getattr(QueryDict, name)) for name in methods}
    ):
        yield names


def fuzz(client, path, names):
    """Every parameter × hostile value on ``path``; (request, status) of each wrong answer."""
    separator = "&" if "?" in path else "?"
    failures = []
    requests = 0

    def check(query, expected=None):
        nonlocal requests
        requests += 1
        status = client.get(f"{path}{separator}{query}", HTTP_HOST=HOST).status_code
        if status >= 500 or (expected and status != expected):
            failures.append((f"{path}{separator}{query[:80]}", status))

    for name in names:
        for value in HOSTILE_VALUES.values():
            check(f"{name}={value}")
        for value in REJECTED_VALUES.values():
            check(f"{name}={value}", expected=400)
        check(f"{name}=a&{name}=b&{name}=9")  # repeated
        check(f"{name}=")  # empty
    check(COMMON_QUERY)
    check("%00=1", expected=400)
    check("%ff%fe=%ff")
    check("x=1&" * (MAX_QUERY_STRING_LENGTH // 4 + 1), expected=400)
    return failures, requests


def test_discovery_finds_the_filters_of_each_listing(public_urls, db):
    by_path = {path.split("?")[0]: set(names) for path, names in public_urls.items()}
    assert {"typ", "q", "mesic", "strana"} <= by_path["/uredni-deska/"]
    assert {"typ", "q", "rok", "strana"} <= by_path["/uredni-deska/archiv/"]
    assert {"typ", "rok", "stitek", "strana"} <= by_path["/aktuality/"]
    assert {"typ", "mesic", "obdobi", "strana"} <= by_path["/akce/"]
    assert {"odbor", "pismeno", "q"} <= by_path["/kontakty/"]
    assert {"q", "typ", "strana"} <= by_path["/hledat/"]
    assert {"q"} <= by_path["/rozpocet/hledat/"]
    assert "/uredni-deska/rss/" in by_path and "/akce/akce.ics" in by_path


def test_no_public_url_answers_a_hostile_parameter_with_a_server_error(public_urls, db):
    client = Client(raise_request_exception=False)
    started = time.monotonic()
    failures, requests = [], 0

    def fuzz_all():
        # In a child process: a crash of SQLite (as its trigram search did) fails the test
        # instead of killing pytest.
        for path, names in public_urls.items():
            url_failures, url_requests = fuzz(client, path, names)
            failures.extend(url_failures)
            nonlocal requests
            requests += url_requests
        print(f"{requests} requests to {len(public_urls)} URLs in", end=" ")
        print(f"{time.monotonic() - started:.1f} s")
        assert not failures, "\n".join(f"{status} {url}" for url, status in failures)

    assert run_forked(fuzz_all) == "ok"


# --- samples and their security headers -------------------------------------------------------


def test_demo_town_has_a_sample_of_every_page_type_and_view(demo_town, client, db):
    samples = sample_pages(demo_town)
    assert [sample.key for sample in samples] == DEMO_KEYS
    for sample in samples:
        client.cookies.load(dict(sample.cookies))  # the citizens' own pages: a session
        response = client.get(sample.path, HTTP_HOST=HOST)
        assert response.status_code == sample.status, sample
        assert response["Content-Type"].startswith("text/html"), sample
    # Filtered listings really filter; a search finds something or nothing, as labelled.
    by_key = {sample.key: sample for sample in samples}
    for listing in ("board", "news", "events"):
        assert "?" in by_key[f"{listing}_filtered"].path
    found = client.get(by_key["search"].path, HTTP_HOST=HOST).content.decode()
    empty = client.get(by_key["search_empty"].path, HTTP_HOST=HOST).content.decode()
    assert "Nalezeno 0 výsledků" not in found
    assert "Nalezeno 0 výsledků" in empty

    # Of several pages of a type, the one with the most components stands for the type.
    sample = by_key["standardpage"]
    pages = StandardPage.objects.live().descendant_of(demo_town.site.root_page)
    most = max(len(page.body.raw_data) for page in pages)
    chosen = next(page for page in pages if page.url_path.endswith(sample.path))
    assert len(chosen.body.raw_data) == most


def test_every_public_page_type_has_a_strict_content_security_policy(demo_town, client, db):
    samples = sample_pages(demo_town)
    assert len(samples) > 20
    for sample in samples:
        client.cookies.load(dict(sample.cookies))  # the citizens' own pages: a session
        response = client.get(sample.path, HTTP_HOST=HOST)
        assert response.status_code == sample.status, sample
        assert_hardened(response)
        policy = directives(response)
        assert policy["default-src"] == ["'self'"], sample
        assert "'unsafe-inline'" not in response["Content-Security-Policy"], sample
        assert policy["frame-ancestors"] == ["'none'"], sample
        # The town's colours are an inline <style>: it carries the nonce of the header.
        html = response.content.decode()
        nonce = re.search(r"<style nonce=\"([^\"]+)\">:root", html).group(1)
        assert f"'nonce-{nonce}'" in policy["style-src"], sample
        assert not re.search(r"<style(?![^>]*nonce=)", html), sample
        assert not re.search(r"<script(?![^>]*(src=|application/ld\+json))", html), sample
        assert " style=" not in html, sample
