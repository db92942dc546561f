"""``manage.py page_weight``: requests and bytes of every public page type of a town.

Without ``--base-url`` the command serves the site itself, from this installation's
database and static files, on a private port of 127.0.0.1 (Django's live server, the one the
browser tests use), so it needs no running server. See docs/performance.md.
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Site

from municipalities.models import Municipality
from radnice.core.page_samples import sample_pages
from radnice.core.page_weight import (
    CHROMIUM,
    CHROMIUM_ARGS,
    CSS_BUDGET,
    JS_BUDGET,
    KINDS,
    budget_problems,
    kilobytes,
    measure_site,
)

HEADINGS = {
    "html": "HTML",
    "css": "CSS",
    "js": "JS",
    "font": gettext_lazy("písma"),
    "image": gettext_lazy("obrázky"),
    "other": gettext_lazy("ostatní"),
}


def static_files_handler():
    """How the private server serves static files.

    After ``collectstatic`` with the production storage (hashed names, precompressed copies)
    WhiteNoise, which is part of the site's middleware, serves them exactly as in production,
    compressed; otherwise Django's staticfiles finders serve the source files.
    """
    from django.contrib.staticfiles.handlers import StaticFilesHandler
    from django.contrib.staticfiles.storage import ManifestFilesMixin, staticfiles_storage

    if isinstance(staticfiles_storage, ManifestFilesMixin):
        return lambda application: application
    return StaticFilesHandler


class Command(BaseCommand):
    # A plain string: argparse formats --help with regular expressions, which a lazy
    # translation proxy breaks. Management commands speak Czech, like the rest of the admin.
    help = (
        "Změří každý typ veřejné stránky obce v prohlížeči Chromium: počet požadavků a přenesené "
        "bajty (HTML, CSS, JS, písma, obrázky, po kompresi gzip) a ohlásí překročení rozpočtu "
        "(CSS 60 kB, JS 30 kB, žádný skript blokující vykreslení)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--host",
            help=_("Hostname webu obce (výchozí: výchozí web instalace, v demu Lhota pod Lesem)."),
        )
        parser.add_argument(
            "--base-url",
            help=_(
                "Měřit už běžící server na této adrese (např. https://www.lhota.cz) místo "
                "vlastního dočasného serveru."
            ),
        )
        parser.add_argument(
            "--css-budget",
            type=float,
            default=CSS_BUDGET / 1000,
            help=_("Rozpočet CSS na stránku v kB po gzip (výchozí 60)."),
        )
        parser.add_argument(
            "--js-budget",
            type=float,
            default=JS_BUDGET / 1000,
            help=_("Rozpočet JavaScriptu na stránku v kB po gzip (výchozí 30)."),
        )
        parser.add_argument("--chromium", default=CHROMIUM, help=_("Cesta k Chromiu."))

    def handle(self, *args, **options):
        municipality = self.municipality(options["host"])
        hostname = municipality.site.hostname
        samples = sample_pages(municipality)
        css_budget = round(options["css_budget"] * 1000)
        js_budget = round(options["js_budget"] * 1000)

        if options["base_url"]:
            weights = self.measure(options["base_url"].rstrip("/"), samples, options, [])
        else:
            weights = self.measure_on_own_server(hostname, samples, options)

        self.print_table(municipality, weights)
        problems = budget_problems(weights, samples, css_budget, js_budget)
        if problems:
            for path, found in problems.items():
                self.stderr.write(f"{path}: " + "; ".join(found))
            raise CommandError(
                _("Rozpočet váhy stránek překročen na %(count)s stránkách.")
                % {"count": len(problems)}
            )
        self.stdout.write(self.style.SUCCESS(_("Rozpočet váhy stránek dodržen.")))

    def municipality(self, host):
        if host:
            municipality = Municipality.objects.filter(site__hostname=host).first()
            if municipality is None:
                raise CommandError(_("Žádná obec nemá web „%(host)s“.") % {"host": host})
            return municipality
        site = Site.objects.filter(is_default_site=True).first()
        municipality = Municipality.objects.filter(site=site).first() if site else None
        if municipality is None:
            raise CommandError(_("Výchozí web nepatří žádné obci; zadejte --host."))
        return municipality

    def measure_on_own_server(self, hostname, samples, options):
        from django.test.testcases import LiveServerThread

        server = LiveServerThread("127.0.0.1", static_files_handler(), port=0)
        server.daemon = True
        server.start()
        server.is_ready.wait()
        if server.error:
            raise CommandError(str(server.error))
        try:
            # The town's hostname reaches the private server; nothing else resolves.
            rules = [f"--host-resolver-rules=MAP {hostname} 127.0.0.1, MAP * ~NOTFOUND"]
            base_url = f"http://{hostname}:{server.port}"
            return self.measure(base_url, samples, options, rules)
        finally:
            server.terminate()

    def measure(self, base_url, samples, options, extra_args):
        from playwright.sync_api import Error, sync_playwright

        self.stdout.write(_("Měřím %(url)s …") % {"url": base_url})
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=options["chromium"],
                    headless=True,
                    args=CHROMIUM_ARGS + extra_args,
                )
                try:
                    return measure_site(
                        browser,
                        base_url,
                        samples,
                        locale="cs-CZ",
                        viewport={"width": 1280, "height": 900},
                    )
                finally:
                    browser.close()
        except Error as error:
            message = _("Měření v prohlížeči selhalo: %(error)s") % {"error": error}
            raise CommandError(message) from error

    def print_table(self, municipality, weights):
        self.stdout.write(
            _("%(name)s: přenesená data na stránku v kB po gzip (1 kB = 1000 B)")
            % {"name": municipality.name}
        )
        label_width = max(len(weight.label) for weight in weights) + 2
        header = _("stránka").ljust(label_width) + _("požad.").rjust(7)
        header += "".join(str(HEADINGS[kind]).rjust(9) for kind in KINDS) + _("celkem").rjust(9)
        self.stdout.write(header)
        for weight in weights:
            totals = weight.totals()
            line = weight.label.ljust(label_width) + str(weight.requests).rjust(7)
            line += "".join(kilobytes(totals[kind]["gzip"]).rjust(9) for kind in KINDS)
            line += kilobytes(weight.gzip_total).rjust(9)
            self.stdout.write(f"{line}  {weight.path}")
