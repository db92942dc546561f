"""The weight budget of public pages, measured in a real browser.

Headless Chromium (Playwright) opens each sample page (``radnice.core.page_samples``) in a
fresh browser context, so nothing comes from its cache, scrolls to the end so that lazy
images load, and records every response. Per page and kind of resource (HTML, CSS, JS,
fonts, images, other) it counts the requests and two sizes:

- ``raw``: the decoded body;
- ``gzip``: what travels over the network when the server compresses as Radnice's
  production set-up does: if the response was compressed (``Content-Encoding``), the bytes
  actually received; otherwise the body compressed the way WhiteNoise precompresses static
  files (gzip level 9, skipped for already compressed formats such as images and WOFF2
  fonts and whenever it saves less than 5 %). HTML is counted the same way, which assumes
  the reverse proxy compresses pages (nginx ``gzip on``); ``raw`` shows it without.

The budget (issue 4): per page at most 60 kB CSS and 30 kB JavaScript (gzip, 1 kB = 1000
bytes), and no render-blocking script: a ``<script src>`` in ``<head>`` without ``defer``,
``async`` or ``type="module"``.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from django.utils.translation import gettext as _
from whitenoise.compress import Compressor

# Debian's Chromium (package "chromium"), never a downloaded browser; the switches keep it
# from calling home. Shared with the browser tests (tests/browser/conftest.py).
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
CSS_BUDGET = 60_000
JS_BUDGET = 30_000
KINDS = ("html", "css", "js", "font", "image", "other")
RESOURCE_KINDS = {
    "document": "html",
    "stylesheet": "css",
    "script": "js",
    "font": "font",
    "image": "image",
}
# WhiteNoise keeps a compressed copy only when it is at most this share of the original.
EFFECTIVE_RATIO = 0.95
_compressor = Compressor(quiet=True)


def gzip_size(body, url):
    """Bytes of ``body`` on the wire when served the way WhiteNoise serves static files."""
    path = urlsplit(url).path or "/"
    if not body or not _compressor.should_compress(path):
        return len(body)
    compressed = len(_compressor.compress_gzip(body))
    return compressed if compressed <= len(body) * EFFECTIVE_RATIO else len(body)


class _HeadScripts(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.in_head = True
        self.blocking = []

    def handle_starttag(self, tag, attrs):
        if tag == "body":
            self.in_head = False
        if tag != "script" or not self.in_head:
            return
        attributes = dict(attrs)
        if "src" not in attributes or "defer" in attributes or "async" in attributes:
            return
        if (attributes.get("type") or "").strip().lower() == "module":
            return
        self.blocking.append(attributes["src"])

    def handle_endtag(self, tag):
        if tag == "head":
            self.in_head = False


def render_blocking_scripts(html):
    """``src`` of every ``<script src>`` in the head without ``defer``/``async``/module."""
    parser = _HeadScripts()
    parser.feed(html)
    parser.close()
    return parser.blocking


@dataclass
class Resource:
    url: str
    kind: str
    status: int
    raw: int
    gzip: int


@dataclass
class PageWeight:
    key: str
    label: str
    path: str
    status: int = 0
    resources: list = field(default_factory=list)
    blocking_scripts: list = field(default_factory=list)

    @property
    def requests(self):
        return len(self.resources)

    def totals(self):
        """{kind: {"requests": n, "raw": bytes, "gzip": bytes}} for every kind."""
        totals = {kind: {"requests": 0, "raw": 0, "gzip": 0} for kind in KINDS}
        for resource in self.resources:
            entry = totals[resource.kind]
            entry["requests"] += 1
            entry["raw"] += resource.raw
            entry["gzip"] += resource.gzip
        return totals

    @property
    def gzip_total(self):
        return sum(resource.gzip for resource in self.resources)

    def problems(self, css_budget=CSS_BUDGET, js_budget=JS_BUDGET, expected_status=200):
        """What breaks the budget on this page, in Czech; empty when it holds."""
        totals = self.totals()
        found = []
        if self.status != expected_status:
            found.append(_("odpověď HTTP %(status)s") % {"status": self.status})
        for kind, budget, name in (("css", css_budget, "CSS"), ("js", js_budget, "JavaScript")):
            size = totals[kind]["gzip"]
            if size > budget:
                found.append(
                    _("%(name)s %(size)s B po gzip, rozpočet %(budget)s B")
                    % {"name": name, "size": grouped(size), "budget": grouped(budget)}
                )
        for src in self.blocking_scripts:
            found.append(_("skript blokující vykreslení v <head>: %(src)s") % {"src": src})
        return found


def grouped(number):
    """1234567 -> "1 234 567" (Czech digit grouping)."""
    return f"{number:,}".replace(",", "\N{NO-BREAK SPACE}")


def kilobytes(size):
    return f"{size / 1000:.1f}".replace(".", ",")


def settle(page):
    """Scroll to the end and wait until the images (lazy ones too) and fonts have loaded."""
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.wait_for_function("Array.from(document.images).every(image => image.complete)")
    page.evaluate("document.fonts.ready.then(() => true)")


def measure_page(browser, url, sample, *, prepare=None, inspect=None, **context_options):
    """Open ``url`` in a fresh context of ``browser`` and weigh everything it loads.

    ``prepare(context)`` runs before the page opens (to listen to its requests, say) and
    ``inspect(page, response)`` after it is weighed, while it is still open, so that a
    caller checking the page in other ways (the browser tests) need not load it again.
    """
    # gzip, the budget's measure, even where the server could send Brotli.
    headers = {"Accept-Encoding": "gzip", **context_options.pop("extra_http_headers", {})}
    context = browser.new_context(extra_http_headers=headers, **context_options)
    responses = []
    context.on("response", lambda response: responses.append(response))
    if prepare:
        prepare(context)
    if sample.cookies:  # a citizen's session, for the citizens' own pages (page_samples)
        root = urljoin(url, "/")  # the cookie's path is "/"
        context.add_cookies(
            [{"name": name, "value": value, "url": root} for name, value in sample.cookies]
        )
    page = context.new_page()
    weight = PageWeight(sample.key, str(sample.label), sample.path)
    try:
        response = page.goto(url)
        weight.status = response.status
        weight.blocking_scripts = render_blocking_scripts(response.text())
        settle(page)
        for item in responses:
            weight.resources.append(_resource(item))
        if inspect:
            inspect(page, response)
    finally:
        context.close()
    return weight


def _resource(response):
    request = response.request
    kind = RESOURCE_KINDS.get(request.resource_type, "other")
    try:
        body = response.body()
    except Exception:  # redirects and aborted responses have no body
        body = b""
    if response.headers.get("content-encoding"):
        transferred = request.sizes()["responseBodySize"]
    else:
        transferred = gzip_size(body, response.url)
    return Resource(response.url, kind, response.status, len(body), transferred)


def measure_site(browser, base_url, samples, **context_options):
    """A ``PageWeight`` for every sample page below ``base_url``."""
    return [
        measure_page(browser, base_url + sample.path, sample, **context_options)
        for sample in samples
    ]


def budget_problems(weights, samples, css_budget=CSS_BUDGET, js_budget=JS_BUDGET):
    """{page path: [problem, ...]} of the pages that break the budget."""
    statuses = {sample.path: sample.status for sample in samples}
    found = defaultdict(list)
    for weight in weights:
        problems = weight.problems(css_budget, js_budget, statuses.get(weight.path, 200))
        if problems:
            found[weight.path].extend(problems)
    return dict(found)
