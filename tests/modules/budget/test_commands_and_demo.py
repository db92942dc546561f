"""Management commands (import, benchmark) and the demo data."""

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Revision

from modules.budget.demo import build_demo
from modules.budget.models import BudgetPage, FiscalYear, Invoice

from .conftest import SAMPLE_ROWS, csv_bytes

pytestmark = pytest.mark.django_db


def test_import_budget_command(tmp_path, town_a, capsys):
    path = tmp_path / "data.csv"
    path.write_bytes(csv_bytes(*SAMPLE_ROWS))
    call_command("import_budget", str(path), municipality=town_a.ico, format="cityvizor", year=2023)
    assert "uloženo záznamů: 11" in capsys.readouterr().out
    assert FiscalYear.objects.filter(municipality=town_a, year=2023).exists()


def test_import_budget_command_lists_errors_and_fails(tmp_path, town_a, capsys):
    path = tmp_path / "bad.csv"
    path.write_bytes(csv_bytes("UCT;6171;5169;;;abc;2023-01-01;;;"))
    with pytest.raises(CommandError, match="odmítnut"):
        call_command(
            "import_budget", str(path), municipality=town_a.ico, format="cityvizor", year=2023
        )
    assert "řádek 2, sloupec amount „abc“" in capsys.readouterr().out


def test_bench_budget_runs_on_a_small_ledger(capsys):
    call_command("bench_budget", rows=2000, requests=2)
    output = capsys.readouterr().out
    assert "rows/s" in output and "peak RSS" in output
    for view in ("overview", "sector", "suppliers", "search"):
        assert view in output
    assert not BudgetPage.objects.exists()  # the throwaway town is gone


@pytest.mark.parametrize("kind", ["cityvizor", "kxx"])
def test_demo_is_realistic_and_idempotent(town_a, client, kind):
    page = build_demo(town_a, kind)
    assert "budget" in town_a.enabled_modules
    assert page.url_path.endswith("/rozpocet/")
    counts = Invoice.objects.count()
    assert FiscalYear.objects.filter(municipality=town_a).count() == 2
    revisions = Revision.objects.count()
    build_demo(town_a, kind)
    assert Invoice.objects.count() == counts
    assert Revision.objects.count() == revisions
    assert BudgetPage.objects.count() == 1
    response = client.get("/rozpocet/", HTTP_HOST="alfa.test")
    assert response.status_code == 200
    assert (
        "Soukromá osoba"
        in client.get("/rozpocet/2024/dodavatele/", HTTP_HOST="alfa.test").content.decode()
    )
    if kind == "kxx":
        assert FiscalYear.objects.get(municipality=town_a, year=2024).has_approved_budget


def test_demo_puts_the_budget_teasers_on_the_home_page(town_a, client):
    build_demo(town_a, "cityvizor")
    home = town_a.site.root_page.specific
    assert [block.block_type for block in home.body][-2:] == [
        "budget_summary",
        "budget_top_suppliers",
    ]
    html = client.get("/", HTTP_HOST="alfa.test").content.decode()
    assert "Hospodaření obce" in html and "Největší dodavatelé obce" in html
    assert 'href="/rozpocet/2024/"' in html and 'href="/rozpocet/2024/dodavatele/"' in html
