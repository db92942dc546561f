"""Benchmark of the budget module: import speed, memory and the speed of the public views.

Creates a throwaway municipality, generates a synthetic ledger of ``--rows`` rows (Cityvizor
CSV or KXX), imports it, requests the overview, drill-down, supplier and search views with the
test client and prints rows/s, peak RSS and p50/p95 per view; then deletes the municipality
(unless ``--keep``). Run it against a scratch database: ``DATABASE_URL=sqlite:////tmp/b.db``.
"""

import os
import random
import resource
import statistics
import tempfile
import time

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import reset_queries
from django.test import Client

from modules.budget.demo import kxx_balance, kxx_budget_side
from modules.budget.importers import import_file
from modules.budget.models import BudgetPage, FiscalYear
from municipalities.provisioning import provision_municipality
from municipalities.validators import ico_check_digit

YEAR = 2024
PARAGRAPHS = [2212, 2219, 2321, 3113, 3314, 3319, 3412, 3421, 3612, 3613, 3631, 3722, 3745,
              4351, 5512, 6112, 6171, 6310, 6320, 6409]  # fmt: skip
EXPENDITURE_ITEMS = [5011, 5021, 5031, 5137, 5139, 5151, 5154, 5156, 5162, 5163, 5166,
                     5169, 5171, 5173, 5175, 5222, 5331, 6121, 6122]  # fmt: skip
INCOME_ITEMS = [1111, 1121, 1211, 1340, 1511, 2111, 2131, 2132, 4112]
WORDS = ["oprava", "údržba", "dodávka", "služby", "materiál", "projekt", "stavba", "revize",
         "energie", "nájem", "školení", "servis", "vybavení", "úklid", "tisk"]  # fmt: skip


def ico(number):
    first_seven = f"{number:07d}"
    return first_seven + str(ico_check_digit(first_seven))


def synthetic_rows(count, seed=42):
    """Yields (type, paragraph, item, event, amount hellers, month, day, supplier, text).

    About 2 % budget lines, 28 % received and 3 % issued invoices, the rest ledger lines.
    """
    rng = random.Random(seed)
    for index in range(count):
        roll = rng.random()
        month, day = rng.randint(1, 12), rng.randint(1, 28)
        event = rng.randint(1, 400) if rng.random() < 0.3 else 0
        text = f"{rng.choice(WORDS)} {rng.choice(WORDS)} č. {index}"
        paragraph, supplier = rng.choice(PARAGRAPHS), None
        if roll < 0.02:
            kind, item, month = "ROZ", rng.choice(EXPENDITURE_ITEMS), 0
            amount = rng.randint(10_000, 5_000_000) * 100
        elif roll < 0.30:
            kind, item = "KDF", rng.choice(EXPENDITURE_ITEMS)
            amount, supplier = rng.randint(100, 2_000_000) * 100, rng.randint(1, 3000)
        elif roll < 0.33:
            kind, item, event = "KOF", rng.choice([2111, 2132]), 0
            amount, supplier = rng.randint(100, 50_000) * 100, rng.randint(3001, 3400)
        elif roll < 0.80:
            kind, item = "UCT", rng.choice(EXPENDITURE_ITEMS)
            amount = rng.randint(1, 500_000) * 100 + rng.randint(0, 99)
        else:
            kind, paragraph, item, event = "UCT", 0, rng.choice(INCOME_ITEMS), 0
            amount = rng.randint(1, 800_000) * 100
        yield kind, paragraph, item, event, amount, month, day, supplier, text


def write_cityvizor(path, count):
    with open(path, "w", encoding="utf-8", newline="") as out:
        out.write("type;paragraph;item;event;unit;amount;date;counterpartyId;counterpartyName;"
                  "description\n")  # fmt: skip
        for kind, paragraph, item, event, amount, month, day, supplier, text in synthetic_rows(
            count
        ):
            date = f"{YEAR}-{month:02d}-{day:02d}" if month else ""
            supplier_id = ico(2_000_000 + supplier) if supplier else ""
            name = f"Dodavatel {supplier} s.r.o." if supplier else ""
            out.write(
                f"{kind};{paragraph};{item};{event or ''};;{amount // 100},{amount % 100:02d};"
                f"{date};{supplier_id};{name};{text}\n"
            )


def write_kxx(path, count, town_ico):
    """A KXX ledger: one document per row, sections per month (budget rows are skipped)."""
    rows = sorted((r for r in synthetic_rows(count) if r[0] != "ROZ"), key=lambda r: r[5])
    with open(path, "w", encoding="cp1250", newline="") as out:
        out.write(f"5/@{town_ico}001200BNCH\r\n")
        month = None
        for number, (
            kind,
            paragraph,
            item,
            event,
            amount,
            row_month,
            day,
            supplier,
            text,
        ) in enumerate(rows, start=1):
            if row_month != month:
                month = row_month
                out.write(f"6/@{town_ico}{month:02d}00 2 {YEAR}\r\n")
            document = str(number)
            debit, credit = kxx_budget_side(item, amount)
            out.write(kxx_balance(day, document, 231, paragraph, item, event, debit, credit))
            out.write("\r\n")
            meta = [f"*EVKT-{text}"]
            if supplier:
                meta = [f"*IC-{ico(2_000_000 + supplier)}", f"*DICT-Dodavatel {supplier} s.r.o.",
                        f"*EVK-{kind}-{number}", *meta]  # fmt: skip
            out.write(f"G/#0001{document:>9}" + ";".join(meta) + ";\r\n")


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


class Command(BaseCommand):
    help = "Změří rychlost importu a veřejných pohledů rozpočtu na syntetických datech."

    def add_arguments(self, parser):
        parser.add_argument("--rows", type=int, default=100_000)
        parser.add_argument("--format", choices=["cityvizor", "kxx"], default="cityvizor")
        parser.add_argument("--requests", type=int, default=30, help="Požadavků na každý pohled.")
        parser.add_argument("--keep", action="store_true", help="Obec po měření nemazat.")

    def handle(self, *args, **options):
        debug, settings.DEBUG = settings.DEBUG, False  # no query log during the import
        try:
            self.run(options)
        finally:
            settings.DEBUG = debug

    def run(self, options):
        rows = options["rows"]
        suffix = f"{os.getpid()}{int(time.time()) % 100000}"
        town_ico = ico(9_000_000 + int(suffix) % 999_999)
        hostname = f"bench-{suffix}.localhost"
        municipality = provision_municipality(
            name=f"Benchmark {suffix}", kind="obec", ico=town_ico, hostname=hostname
        ).municipality
        municipality.enabled_modules = ["budget"]
        municipality.save()
        home = municipality.site.root_page.specific
        page = BudgetPage(title="Rozpočet", slug="rozpocet")
        home.add_child(instance=page)
        page.save_revision().publish()
        try:
            self.measure(options, municipality, hostname, town_ico, rows)
        finally:
            if not options["keep"]:
                self.delete(municipality)

    def measure(self, options, municipality, hostname, town_ico, rows):
        with tempfile.TemporaryDirectory() as directory:
            path = os.path.join(directory, f"ledger.{options['format']}")
            started = time.perf_counter()
            if options["format"] == "kxx":
                write_kxx(path, rows, town_ico)
            else:
                write_cityvizor(path, rows)
            generated = time.perf_counter() - started
            size = os.path.getsize(path)
            self.stdout.write(
                f"generated {rows} rows ({size / 1e6:.1f} MB, {options['format']}) "
                f"in {generated:.1f} s"
            )
            rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            started, cpu_started = time.perf_counter(), time.process_time()
            with open(path, "rb") as binary:
                report = import_file(
                    municipality, binary, format=options["format"], year=YEAR, mode="replace"
                )
            elapsed = time.perf_counter() - started
            cpu = time.process_time() - cpu_started
        if not report.ok:
            self.stderr.write("; ".join(str(error) for error in report.errors[:5]))
            return
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        self.stdout.write(
            f"import: {report.rows_read} rows in {elapsed:.1f} s = "
            f"{report.rows_read / elapsed:,.0f} rows/s ({report.records_imported} records); "
            f"CPU time {cpu:.1f} s = {report.rows_read / cpu:,.0f} rows/s of CPU"
        )
        self.stdout.write(f"peak RSS: {rss:.0f} MB (before import {rss_before:.0f} MB)")
        self.time_views(options["requests"], hostname)

    def time_views(self, count, hostname):
        client = Client(HTTP_HOST=hostname)
        supplier = ico(2_000_001)
        views = [
            ("overview", f"/rozpocet/{YEAR}/"),
            ("sector", f"/rozpocet/{YEAR}/odvetvi/61/"),
            ("paragraph", f"/rozpocet/{YEAR}/paragraf/6171/"),
            ("suppliers", f"/rozpocet/{YEAR}/dodavatele/"),
            ("supplier", f"/rozpocet/{YEAR}/dodavatele/{supplier}/"),
            ("months", f"/rozpocet/{YEAR}/faktury/"),
            ("search common", "/rozpocet/hledat/?q=oprava+servis"),
            ("search rare", "/rozpocet/hledat/?q=neexistuje"),
        ]
        load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
        self.stdout.write(f"views ({count} requests each, after one warm-up; load {load}):")
        for name, url in views:
            response = client.get(url)
            if response.status_code != 200:
                self.stderr.write(f"{url}: HTTP {response.status_code}")
                continue
            timings = []
            for _i in range(count):
                reset_queries()
                started = time.perf_counter()
                client.get(url)
                timings.append((time.perf_counter() - started) * 1000)
            self.stdout.write(
                f"  {name:14} p50 {statistics.median(timings):6.1f} ms   "
                f"p95 {percentile(timings, 0.95):6.1f} ms   {url}"
            )

    def delete(self, municipality):
        for fiscal_year in FiscalYear.objects.filter(municipality=municipality):
            fiscal_year.delete()
        site, root = municipality.site, municipality.site.root_page
        collection = municipality.collection
        groups = [link.group for link in municipality.group_links.select_related("group")]
        for model_name in ("Event", "OrganisationalUnit", "Counterparty", "ImportJob"):
            apps.get_model("budget", model_name).objects.filter(municipality=municipality).delete()
        municipality.delete()
        for translation in root.get_translations(inclusive=True):
            translation.delete()
        site.delete()
        for group in groups:
            group.delete()
        if collection:
            collection.delete()
