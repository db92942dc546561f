"""Every response carries the security headers; unused methods and oversized posts are refused."""

import dataclasses
import re

import pytest
from django.test import Client, override_settings

from municipalities.demo.builders import build_demo_town
from municipalities.demo.towns import LHOTA
from radnice.core.page_samples import sample_pages

pytestmark = pytest.mark.django_db

HEADERS = ("X-Content-Type-Options", "Referrer-Policy", "Permissions-Policy", "X-Frame-Options")


def directives(response):
    policy = response["Content-Security-Policy"]
    return {
        name: values
        for name, *values in (part.split() for part in policy.split(";") if part.strip())
    }


def assert_hardened(response):
    for header in HEADERS:
        assert header in response, (header, response.status_code)
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]
    assert "microphone=()" in response["Permissions-Policy"]


def test_every_public_page_type_has_a_strict_content_security_policy(client):
    town = dataclasses.replace(LHOTA, hostname="lhota.test", editor_username="editor@lhota.test")
    demo_town = build_demo_town(town, 80)
    samples = sample_pages(demo_town)
    assert len(samples) > 20
    for sample in samples:
        client.cookies.load(dict(sample.cookies))  # the citizens' own pages: a session
        response = client.get(sample.path, HTTP_HOST="lhota.test")
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


def test_video_players_are_the_only_frames_the_public_site_allows(client, town_a):
    response = client.get("/", HTTP_HOST="alfa.test")
    assert directives(response)["frame-src"] == [
        "https://www.youtube-nocookie.com",
        "https://player.vimeo.com",
    ]


def test_admin_has_its_own_policy_for_wagtails_inline_scripts(client, editor_a):
    client.force_login(editor_a)
    response = client.get("/admin/", HTTP_HOST="alfa.test")
    assert response.status_code == 200
    assert_hardened(response)
    policy = directives(response)
    assert "'unsafe-inline'" in policy["script-src"]
    assert not any(value.startswith("'nonce-") for value in policy["script-src"])
    assert policy["frame-ancestors"] == ["'self'"]


def test_login_page_static_files_and_errors_have_the_headers(client, town_a):
    login = client.get("/admin/login/", HTTP_HOST="alfa.test")
    assert login.status_code == 200
    assert_hardened(login)
    missing = client.get("/neni-tu-nic/", HTTP_HOST="alfa.test")
    assert missing.status_code == 404
    assert_hardened(missing)
    assert "Content-Security-Policy" in missing
    unknown_host = client.get("/", HTTP_HOST="evil.example")
    assert unknown_host.status_code == 400
    assert_hardened(unknown_host)


@override_settings(WHITENOISE_AUTOREFRESH=True, WHITENOISE_USE_FINDERS=True)
def test_static_files_served_by_whitenoise_have_the_headers(town_a):
    # A new client loads the middleware anew, so WhiteNoise sees the overridden settings.
    response = Client().get("/static/themes/default/site.js", HTTP_HOST="alfa.test")
    assert response.status_code == 200
    assert_hardened(response)
    assert "Content-Security-Policy" in response


@pytest.mark.parametrize("method", ["TRACE", "CONNECT", "PUT", "PATCH", "DELETE"])
def test_unused_methods_are_refused_on_public_pages(client, town_a, method):
    response = client.generic(method, "/", HTTP_HOST="alfa.test")
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD, POST, OPTIONS"
    assert_hardened(response)


def test_trace_is_refused_in_the_admin_too(client, town_a):
    response = client.generic("TRACE", "/admin/", HTTP_HOST="alfa.test")
    assert response.status_code == 405


def post_colour_scheme(client, padding):
    """A colour-mode switch whose body carries ``padding`` bytes more than the form needs."""
    return client.post(
        "/_vzhled/",
        data=b"scheme=dark&next=/&x=" + b"a" * padding,
        content_type="application/x-www-form-urlencoded",
        HTTP_HOST="alfa.test",
    )


def test_anonymous_huge_post_to_the_colour_switch_is_refused_unread(client, town_a):
    response = post_colour_scheme(client, 60 * 1024 * 1024)
    assert response.status_code == 413
    assert "Požadavek je příliš velký." in response.content.decode()
    assert_hardened(response)


def test_small_anonymous_post_to_the_colour_switch_works(client, town_a):
    response = client.post("/_vzhled/", {"scheme": "dark", "next": "/"}, HTTP_HOST="alfa.test")
    assert response.status_code == 303
    assert response.cookies


def test_staff_may_post_more_than_visitors(client, editor_a):
    client.force_login(editor_a)
    assert post_colour_scheme(client, 200 * 1024).status_code == 303
