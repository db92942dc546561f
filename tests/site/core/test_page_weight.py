"""The weight budget's rules, without a browser: what blocks rendering, what gzip saves,
when a page breaks the budget."""

import gzip

import pytest

from radnice.core.page_samples import SamplePage
from radnice.core.page_weight import (
    PageWeight,
    Resource,
    budget_problems,
    gzip_size,
    render_blocking_scripts,
)


@pytest.mark.parametrize(
    "script",
    [
        '<script src="/static/app.js"></script>',
        '<script type="text/javascript" src="/static/app.js"></script>',
        "<script src=/static/app.js></script>",
    ],
)
def test_script_with_src_in_head_blocks_rendering(script):
    html = f"<!DOCTYPE html><html><head><title>x</title>{script}</head><body></body></html>"
    assert render_blocking_scripts(html) == ["/static/app.js"]


@pytest.mark.parametrize(
    "script",
    [
        '<script defer src="/static/app.js"></script>',
        '<script async src="/static/app.js"></script>',
        '<script type="module" src="/static/app.js"></script>',
        '<script type="application/ld+json">{"@type": "Organization"}</script>',
        "<script>document.documentElement.dataset.mode = 'dark'</script>",
    ],
)
def test_deferred_module_and_inline_scripts_do_not_block(script):
    html = f"<html><head>{script}</head><body></body></html>"
    assert render_blocking_scripts(html) == []


def test_script_at_the_end_of_body_does_not_block():
    html = (
        '<html><head></head><body><p>Text</p><script src="/static/app.js"></script></body></html>'
    )
    assert render_blocking_scripts(html) == []


def test_head_without_closing_tag_ends_at_body():
    html = '<html><head><title>x</title><body><script src="/static/late.js"></script></body>'
    assert render_blocking_scripts(html) == []


def test_text_is_counted_gzip_compressed_like_whitenoise_serves_it():
    css = b".button { color: #fff; background: var(--color-primary); }\n" * 200
    assert gzip_size(css, "http://lhota.test/static/themes/default/base.css") == len(
        gzip.compress(css, compresslevel=9, mtime=0)
    )
    assert gzip_size(css, "http://lhota.test/static/base.css") < len(css) / 10


def test_images_and_fonts_are_counted_as_they_are():
    data = b"\x00\x01" * 5000
    assert gzip_size(data, "http://lhota.test/media/images/hero.webp") == len(data)
    assert gzip_size(data, "http://lhota.test/static/fonts/inter.woff2") == len(data)


def test_incompressible_body_is_counted_raw():
    import os

    noise = os.urandom(4000)
    assert gzip_size(noise, "http://lhota.test/static/data.bin") == len(noise)


def weight(path="/", css=0, js=0, status=200, blocking=()):
    resources = [Resource(f"http://lhota.test{path}", "html", status, 9000, 3000)]
    if css:
        resources.append(Resource("http://lhota.test/static/a.css", "css", 200, css * 5, css))
    if js:
        resources.append(Resource("http://lhota.test/static/a.js", "js", 200, js * 3, js))
    return PageWeight(path.strip("/") or "home", "Stránka", path, status, resources, list(blocking))


def test_page_within_budget_has_no_problem():
    page = weight(css=60_000, js=30_000)
    assert page.problems() == []
    assert page.requests == 3
    assert page.totals()["css"] == {"requests": 1, "raw": 300_000, "gzip": 60_000}
    assert page.gzip_total == 93_000


def test_too_much_css_or_javascript_breaks_the_budget():
    assert weight(css=60_001).problems() == [
        "CSS 60\N{NO-BREAK SPACE}001 B po gzip, rozpočet 60\N{NO-BREAK SPACE}000 B"
    ]
    assert weight(js=31_500).problems() == [
        "JavaScript 31\N{NO-BREAK SPACE}500 B po gzip, rozpočet 30\N{NO-BREAK SPACE}000 B"
    ]


def test_render_blocking_script_breaks_the_budget():
    problems = weight(blocking=["/static/app.js"]).problems()
    assert problems == ["skript blokující vykreslení v <head>: /static/app.js"]


def test_budget_problems_name_each_page_and_expect_each_sample_status():
    samples = [SamplePage("homepage", "Úvod", "/"), SamplePage("nf", "404", "/x/", status=404)]
    weights = [weight("/", css=70_000), weight("/x/", status=404)]
    assert budget_problems(weights, samples) == {
        "/": ["CSS 70\N{NO-BREAK SPACE}000 B po gzip, rozpočet 60\N{NO-BREAK SPACE}000 B"]
    }
    assert budget_problems([weight("/x/", status=200)], samples) == {"/x/": ["odpověď HTTP 200"]}
    assert budget_problems(weights, samples, css_budget=80_000) == {}


def test_private_server_lets_whitenoise_serve_collected_static_files(settings):
    from django.contrib.staticfiles.handlers import StaticFilesHandler

    from radnice.core.management.commands.page_weight import static_files_handler

    assert static_files_handler() is StaticFilesHandler  # tests: files from the finders
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    application = object()
    assert static_files_handler()(application) is application
