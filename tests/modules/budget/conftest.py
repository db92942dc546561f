import io
from pathlib import Path

import pytest

from modules.budget.importers import import_file
from modules.budget.models import BudgetPage

SAMPLES = Path(__file__).resolve().parents[4] / "shared" / "data" / "accounting-samples"
MEDLANKY_ICO = "44992785"

CITYVIZOR_HEADER = (
    "type;paragraph;item;event;unit;amount;date;counterpartyId;counterpartyName;description"
)


def csv_bytes(*lines, header=CITYVIZOR_HEADER, encoding="utf-8"):
    return ("\n".join([header, *lines]) + "\n").encode(encoding)


def import_bytes(municipality, content, format="cityvizor", year=2023, **options):
    return import_file(municipality, io.BytesIO(content), format=format, year=year, **options)


def enable_budget(municipality):
    municipality.enabled_modules = ["budget"]
    municipality.save()
    return municipality


def add_budget_page(municipality, slug="rozpocet"):
    home = municipality.site.root_page.specific
    page = BudgetPage(title="Rozpočet", slug=slug)
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def budget_town_a(town_a):
    return enable_budget(town_a)


@pytest.fixture
def budget_town_b(town_b):
    return enable_budget(town_b)


@pytest.fixture
def budget_page_a(budget_town_a):
    return add_budget_page(budget_town_a)


#: a small year of Obec Alfa: budget, actuals, invoices (one from a private person)
SAMPLE_ROWS = [
    "ROZ;0;1111;;;1500000;;;;Daň z příjmů FO",
    "ROZ;2212;5171;101;;400000,00;;;;Oprava silnice",
    "ROZ;3722;5169;;;250000;;;;Svoz odpadu",
    "ROZ;0;8115;;;-850000;;;;Změna stavu účtů",
    "UCT;0;1111;;;120000,50;2023-01-31;;;Daň leden",
    "UCT;0;1111;;;98000;2023-02-28;;;Daň únor",
    "KDF;2212;5171;101;;1234,50;2023-03-15;25448714;Silnice Podlesí s.r.o.;Oprava výtluků Návesní",
    "KDF;2212;5171;101;;200000;2023-04-02;25448714;Silnice Podlesí s.r.o.;Nový povrch Za Rybníkem",
    "KDF;3722;5169;;;20000;15.03.2023;05041309;Odpady Kutnohorsko s.r.o.;Svoz odpadu březen",
    "KOF;3613;2132;;;3500;2023-05-10;7801011234;Jan Soukromník;Pronájem sálu Jan Soukromník",
    "UCT;6171;5011;;;50000;2023-03-31;;;Platy březen",
]

#: the expenditure actually spent in SAMPLE_ROWS, as the public views write it
SAMPLE_EXPENDITURE_ACTUAL = "271\u00a0234,50\u00a0Kč"
