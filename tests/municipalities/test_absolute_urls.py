"""Absolute URLs come from the registered site, never from the request's Host header."""

import pytest

from municipalities.hosts import absolute_url, page_full_url
from tests.factories import site_path

pytestmark = pytest.mark.django_db

FOREIGN = "alfa.test:6666"


def test_meta_tags_robots_and_sitemap_ignore_a_foreign_port(client, page_a):
    for path in ("/", page_a.url, "/robots.txt", "/sitemap.xml"):
        response = client.get(path, HTTP_HOST=FOREIGN)
        assert response.status_code == 200, path
        text = response.content.decode()
        assert "6666" not in text, path
        assert "http://alfa.test/" in text, path


def test_canonical_link_is_on_the_registered_site(client, page_a):
    html = client.get(site_path(page_a), HTTP_HOST=FOREIGN).content.decode()
    assert f'<link rel="canonical" href="http://alfa.test{site_path(page_a)}">' in html


def test_urls_go_to_https_when_tls_is_in_front(settings, town_a, page_a):
    settings.RADNICE_HTTPS = True
    assert absolute_url(town_a, "/sitemap.xml") == "https://alfa.test/sitemap.xml"
    assert page_full_url(page_a) == f"https://alfa.test{site_path(page_a)}"


def test_a_registered_port_is_kept(town_a):
    town_a.site.port = 8000
    town_a.site.save()
    assert absolute_url(town_a.site, "/a/") == "http://alfa.test:8000/a/"
    assert absolute_url(town_a, "https://cdn.example/x.png") == "https://cdn.example/x.png"
