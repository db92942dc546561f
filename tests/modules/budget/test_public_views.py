"""What a citizen sees on the budget page: overview, drill-down, invoices, suppliers, search,
downloads as CSV and JSON, and charts that are readable without sight or JavaScript."""

import csv
import io
import json

import pytest

from modules.budget.models import Event
from tests.forked import run_forked

from .conftest import SAMPLE_ROWS, add_budget_page, csv_bytes, enable_budget, import_bytes

pytestmark = pytest.mark.django_db

NBSP = "\u00a0"


@pytest.fixture
def published(budget_page_a, budget_town_a):
    assert import_bytes(budget_town_a, csv_bytes(*SAMPLE_ROWS)).ok
    assert import_bytes(
        budget_town_a,
        csv_bytes(
            "UCT;2212;5171;101;;50000;2022-06-01;;;Oprava 2022", "ROZ;2212;5171;101;;90000;;;;"
        ),
        year=2022,
    ).ok
    Event.objects.filter(code=101).update(name="Oprava silnice Za Rybníkem")
    return budget_page_a


def get(client, path, status=200):
    response = client.get(path, HTTP_HOST="alfa.test")
    assert response.status_code == status, path
    return response


def page_text(client, path):
    return get(client, path).content.decode()


def test_root_shows_the_latest_year(client, published):
    html = page_text(client, "/rozpocet/")
    assert "Rozpočet 2023" in html
    assert "Účetní data platná k 10. 5. 2023." in html


def test_overview_shows_income_expenditure_financing_and_balance(client, published):
    html = page_text(client, "/rozpocet/2023/")
    for label in ("Příjmy", "Výdaje", "Financování", "Saldo příjmů a výdajů"):
        assert label in html
    assert f"271{NBSP}234,50{NBSP}Kč" in html  # actual expenditure
    assert f"-850{NBSP}000,00{NBSP}Kč" in html  # amended financing
    assert 'href="/rozpocet/2023/odvetvi/22/"' in html


def test_charts_are_accessible_svg_with_a_table_beside(client, published):
    html = page_text(client, "/rozpocet/2023/")
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in html
    assert 'role="img"' in html and "<title id=" in html and "<desc id=" in html
    assert "<caption" in html
    assert "<script" not in html.split('<main id="main"')[1]
    # coordinates keep a decimal point whatever the locale
    assert 'width="0,' not in html


def test_drill_down_sector_paragraph_project_invoices(client, published):
    sector = page_text(client, "/rozpocet/2023/odvetvi/22/")
    assert "2212" in sector and "Silnice" in sector
    paragraph = page_text(client, "/rozpocet/2023/paragraf/2212/")
    assert "Oprava silnice Za Rybníkem" in paragraph
    assert 'href="/rozpocet/2023/akce/101/"' in paragraph
    project = page_text(client, "/rozpocet/2023/akce/101/")
    assert "Nový povrch Za Rybníkem" in project
    assert f"200{NBSP}000,00{NBSP}Kč" in project


def test_project_history_across_years(client, published):
    html = page_text(client, "/rozpocet/akce/101/")
    assert 'href="/rozpocet/2022/akce/101/"' in html
    assert 'href="/rozpocet/2023/akce/101/"' in html
    assert f"50{NBSP}000,00{NBSP}Kč" in html


def test_invoices_by_month(client, published):
    months = page_text(client, "/rozpocet/2023/faktury/")
    assert "březen" in months and 'href="/rozpocet/2023/faktury/3/"' in months
    march = page_text(client, "/rozpocet/2023/faktury/3/")
    assert "Oprava výtluků Návesní" in march and "Svoz odpadu březen" in march
    assert "Nový povrch" not in march  # that one is from April


def test_suppliers_aggregated_by_ico_with_ares_link(client, published):
    html = page_text(client, "/rozpocet/2023/dodavatele/")
    assert "Silnice Podlesí s.r.o." in html
    assert 'href="https://ares.gov.cz/ekonomicke-subjekty?ico=25448714"' in html
    assert f"201{NBSP}234,50{NBSP}Kč" in html
    assert "Soukromá osoba" in html
    assert "Soukromník" not in html
    supplier = page_text(client, "/rozpocet/2023/dodavatele/25448714/")
    assert "Oprava výtluků Návesní" in supplier


def test_search_ignores_case_and_diacritics(client, published):
    html = page_text(client, "/rozpocet/hledat/?q=VYTLUKU")
    assert "Oprava výtluků Návesní" in html
    html = page_text(client, "/rozpocet/hledat/?q=podlesi")
    assert "Silnice Podlesí s.r.o." in html
    html = page_text(client, "/rozpocet/hledat/?q=rybnikem")
    assert "Oprava silnice Za Rybníkem" in html
    assert "Soukromník" not in page_text(client, "/rozpocet/hledat/?q=soukromnik")


@pytest.mark.parametrize("query", ["na výtluků", "výtluků na", "ab abc", "a ab abc", "o ža abc"])
def test_search_mixing_short_and_long_words_answers_without_crashing_the_process(
    client, published, query
):
    # SQLite 3.40's trigram index crashed the process on a short LIKE pattern followed by a
    # long one, so the request runs in a child process: a crash fails the test, not pytest.
    def search():
        response = client.get("/rozpocet/hledat/", {"q": query}, HTTP_HOST="alfa.test")
        assert response.status_code == 200

    assert run_forked(search) == "ok"


def test_search_short_words_narrow_the_long_words_matches(client, published):
    assert "Oprava výtluků Návesní" in page_text(client, "/rozpocet/hledat/?q=na+vytluku")
    assert "Oprava výtluků Návesní" in page_text(client, "/rozpocet/hledat/?q=vytluku+na")
    assert "Oprava výtluků Návesní" not in page_text(client, "/rozpocet/hledat/?q=vytluku+xy")
    assert "Nový povrch Za Rybníkem" in page_text(client, "/rozpocet/hledat/?q=za")


def test_years_comparison(client, published):
    html = page_text(client, "/rozpocet/srovnani/")
    assert 'href="/rozpocet/2022/"' in html and 'href="/rozpocet/2023/"' in html


@pytest.mark.parametrize(
    ("path", "table"),
    [
        ("/rozpocet/2023/", "souhrn"),
        ("/rozpocet/2023/", "vydaje-odvetvi"),
        ("/rozpocet/2023/odvetvi/22/", "paragrafy-expenditure"),
        ("/rozpocet/2023/paragraf/2212/", "akce"),
        ("/rozpocet/2023/akce/101/", "faktury"),
        ("/rozpocet/akce/101/", "historie"),
        ("/rozpocet/2023/faktury/", "mesice"),
        ("/rozpocet/2023/faktury/3/", "faktury"),
        ("/rozpocet/2023/dodavatele/", "dodavatele"),
        ("/rozpocet/2023/dodavatele/25448714/", "faktury"),
        ("/rozpocet/srovnani/", "roky"),
    ],
)
def test_every_table_downloads_as_csv_and_json(client, published, path, table):
    html = page_text(client, path)
    assert f'href="{path}csv/{table}/"' in html
    csv_response = get(client, f"{path}csv/{table}/")
    assert csv_response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(csv_response.content.decode("utf-8-sig")), delimiter=";"))
    assert len(rows) >= 2
    document = json.loads(get(client, f"{path}json/{table}/").content)
    assert document["obec"]["ico"] == published.get_site().municipality.ico
    assert [column["klic"] for column in document["sloupce"]] == rows[0]
    assert len(document["data"]) == len(rows) - 1


def test_exported_amounts_are_numbers_in_crowns(client, published):
    document = json.loads(get(client, "/rozpocet/2023/dodavatele/json/dodavatele/").content)
    top = document["data"][0]
    assert top == {"nazev": "Silnice Podlesí s.r.o.", "ico": "25448714", "pocet_faktur": 2,
                   "castka": 201234.5}  # fmt: skip
    csv_text = get(client, "/rozpocet/2023/dodavatele/csv/dodavatele/").content.decode("utf-8-sig")
    assert "Silnice Podlesí s.r.o.;25448714;2;201234.50" in csv_text


@pytest.mark.parametrize(
    "path",
    [
        "/rozpocet/2021/",
        "/rozpocet/2023/odvetvi/99/",
        "/rozpocet/2023/paragraf/9999/",
        "/rozpocet/2023/akce/999/",
        "/rozpocet/akce/999/",
        "/rozpocet/2023/faktury/13/",
        "/rozpocet/2023/dodavatele/12345678/",
        "/rozpocet/2023/csv/neexistuje/",
    ],
)
def test_unknown_things_answer_404(client, published, path):
    get(client, path, status=404)


def test_another_town_sees_only_its_own_budget(client, published, town_b):
    enable_budget(town_b)
    add_budget_page(town_b)
    response = client.get("/rozpocet/2023/", HTTP_HOST="beta.test")
    assert response.status_code == 404
    assert client.get("/rozpocet/akce/101/", HTTP_HOST="beta.test").status_code == 404
    html = client.get("/rozpocet/hledat/?q=oprava", HTTP_HOST="beta.test").content.decode()
    assert "Oprava výtluků" not in html
    assert "Silnice Podlesí" not in html


def test_invoice_lists_use_the_sites_pagination_component(client, published, monkeypatch):
    monkeypatch.setattr("modules.budget.views.base.PER_PAGE", 1)
    monkeypatch.setattr("modules.budget.views.invoices.PER_PAGE", 1)
    html = page_text(client, "/rozpocet/2023/faktury/3/?strana=2")
    assert 'href="?strana=1" rel="prev"' in html
    assert 'aria-current="page"><strong>2</strong>' in html
    suppliers = page_text(client, "/rozpocet/2023/dodavatele/")
    assert '<nav class="pagination" aria-label="Stránkování">' in suppliers
    assert 'href="?strana=2" rel="next"' in suppliers


def test_old_query_words_redirect_permanently_to_the_czech_ones(client, published):
    response = get(client, "/rozpocet/2023/faktury/3/?page=2", status=301)
    assert response["Location"] == "/rozpocet/2023/faktury/3/?strana=2"
