"""Importing Cityvizor CSV: what a town's accountant uploads and what citizens then see."""

import pytest
from django.db.models import Sum

from modules.budget.models import (
    Actual,
    BudgetLine,
    Counterparty,
    Event,
    FiscalYear,
    Invoice,
    Kind,
    LineSummary,
)

from .conftest import SAMPLE_ROWS, csv_bytes, import_bytes

pytestmark = pytest.mark.django_db


def total(model, field="amount", **filters):
    return model.objects.filter(**filters).aggregate(total=Sum(field))["total"] or 0


def test_sample_year_is_imported_with_budget_actuals_and_invoices(town_a):
    report = import_bytes(town_a, csv_bytes(*SAMPLE_ROWS))
    assert report.ok, report.errors
    assert report.rows_read == len(SAMPLE_ROWS)
    year = FiscalYear.objects.get(municipality=town_a, year=2023)
    assert year.valid_as_of.isoformat() == "2023-05-10"
    assert not year.has_approved_budget  # Cityvizor files carry the amended budget only
    assert total(BudgetLine, "amended", kind=Kind.EXPENDITURE) == 650_000_00
    assert total(BudgetLine, "amended", kind=Kind.FINANCING) == -850_000_00
    assert total(Actual, kind=Kind.INCOME) == 120_000_50 + 98_000_00 + 3_500_00
    assert total(Actual, kind=Kind.EXPENDITURE) == 1_234_50 + 200_000_00 + 20_000_00 + 50_000_00
    assert Invoice.objects.filter(kind="KDF").count() == 3
    assert Invoice.objects.filter(kind="KOF").count() == 1
    assert Event.objects.get(municipality=town_a, code=101).name == ""
    # the summaries agree with the raw tables
    assert total(LineSummary, "actual", fiscal_year=year, kind=Kind.EXPENDITURE) == total(
        Actual, kind=Kind.EXPENDITURE
    )


def test_financing_is_neither_income_nor_expenditure(town_a):
    import_bytes(town_a, csv_bytes("UCT;0;8115;;;-5000;2023-06-30;;;Změna stavu účtů"))
    assert Actual.objects.get().kind == Kind.FINANCING


def test_header_aliases_in_any_order_and_case(town_a):
    header = "castka;POLOZKA;Paragraf;modul;DOKLAD_DATUM;akce;ORJ;subjekt_ic;SUBJEKT_NAZEV;poznamka"
    rows = [
        "1500,00;5169;3722;KDF;2023-02-01;7;12;25448714;Odpady s.r.o.;Svoz",
        "2000;5169;3722;ROZ;;7;12;;;",
    ]
    report = import_bytes(town_a, csv_bytes(*rows, header=header))
    assert report.ok, report.errors
    invoice = Invoice.objects.get()
    assert (invoice.amount, invoice.paragraph, invoice.item) == (150000, 3722, 5169)
    assert invoice.event.code == 7 and invoice.unit.code == 12
    assert invoice.counterparty.name == "Odpady s.r.o."
    assert BudgetLine.objects.get().amended == 200000


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1250"])
def test_encodings_are_detected(town_a, encoding):
    content = csv_bytes(
        "KDF;3722;5169;;;100;2023-02-01;25448714;Čistá Lhota s.r.o.;Úklid návsi",
        encoding=encoding,
    )
    assert import_bytes(town_a, content).ok
    invoice = Invoice.objects.get()
    assert invoice.description == "Úklid návsi"
    assert invoice.counterparty.name == "Čistá Lhota s.r.o."


def test_windows_line_endings_and_quoted_fields(town_a):
    content = (
        "type;paragraph;item;amount;date;description\r\n"
        'UCT;6171;5139;"1 000,00";31.12.2023;"Papír; obálky"\r\n'
    ).encode()
    assert import_bytes(town_a, content).ok
    assert Actual.objects.get().amount == 100000


def test_malformed_file_is_refused_with_every_bad_row_and_nothing_is_saved(town_a):
    rows = [
        "UCT;6171;5169;;;1000;2023-01-31;;;dobrý řádek",
        "UCT;61711;5169;;;1000;2023-01-31;;;paragraf má pět číslic",
        "UCT;6171;9999;;;1000;2023-01-31;;;položka mimo rozsah",
        "UCT;6171;5169;;;12.345,678;2023-01-31;;;tři desetinná místa",
        "KDF;6171;5169;;;1000;31/01/2023;25448714;Firma;datum s lomítky",
        "UCT;6171;5169;;;1000;2022-12-31;;;jiný rok",
        "UCT;0;5169;;;1000;2023-01-31;;;výdaj bez paragrafu",
    ]
    report = import_bytes(town_a, csv_bytes(*rows))
    assert not report.ok
    found = {(error.line, error.column) for error in report.errors}
    assert found == {
        (3, "paragraph"),
        (4, "item"),
        (5, "amount"),
        (6, "date"),
        (7, "date"),
        (8, "paragraph"),
    }
    amount_error = next(error for error in report.errors if error.column == "amount")
    assert amount_error.value == "12.345,678"
    assert "desetinn" in amount_error.message
    assert "odmítnut" in report.summary()
    assert not FiscalYear.objects.exists()
    assert not Actual.objects.exists()
    assert not Counterparty.objects.exists()


def test_missing_required_column_refuses_the_file_at_line_one(town_a):
    report = import_bytes(town_a, csv_bytes("UCT;6171;1000", header="type;paragraph;amount"))
    assert not report.ok
    assert report.errors[0].line == 1
    assert "item" in report.errors[0].message


def test_comma_separated_file_is_explained(town_a):
    report = import_bytes(town_a, b"type,paragraph,item,amount\nUCT,6171,5169,10\n")
    assert not report.ok
    assert "středníkem" in report.errors[0].message


def test_a_bad_file_does_not_touch_data_imported_before(town_a):
    assert import_bytes(town_a, csv_bytes(*SAMPLE_ROWS)).ok
    before = total(Actual)
    assert not import_bytes(town_a, csv_bytes("UCT;6171;5169;;;x;2023-01-01;;;")).ok
    assert total(Actual) == before


def test_private_persons_are_anonymous_and_their_names_are_not_stored(town_a):
    rows = [
        "KOF;3613;2132;;;100;2023-05-10;7801011234;Jan Soukromník;Pronájem sálu – J. Soukromník",
        "KDF;3613;5169;;;200;2023-05-11;;Marie Bezičová;Úklid sálu",
        "KDF;3613;5169;;;300;2023-05-12;15.03.1978;Petr Datumový;Výzdoba",
    ]
    assert import_bytes(town_a, csv_bytes(*rows)).ok
    private = Counterparty.objects.get()
    assert private.is_private and private.name == "" and private.ico == ""
    assert private.display_name == "Soukromá osoba"
    assert Invoice.objects.filter(counterparty=private).count() == 3
    for name in ("soukromnik", "bezicova", "datumovy"):
        assert not Invoice.objects.filter(search_text__contains=name).exists()
    # a name repeated in the description is removed from it as well
    assert Invoice.objects.get(kind="KOF").description == "Pronájem sálu – J. …"


def test_append_mode_skips_rows_imported_before(town_a):
    first = ["UCT;6171;5139;;;100;2023-01-10;;;papír", "UCT;6171;5139;;;100;2023-01-10;;;papír"]
    assert import_bytes(town_a, csv_bytes(*first), mode="append").records_imported == 2
    again = import_bytes(town_a, csv_bytes(*first), mode="append")
    assert (again.records_imported, again.duplicates_skipped) == (0, 2)
    more = import_bytes(
        town_a, csv_bytes(*first, "UCT;6171;5139;;;100;2023-01-10;;;papír"), mode="append"
    )
    assert (more.records_imported, more.duplicates_skipped) == (1, 2)
    assert Actual.objects.count() == 3


def test_replace_mode_replaces_only_the_datasets_in_the_file(town_a):
    assert import_bytes(town_a, csv_bytes(*SAMPLE_ROWS)).ok
    budget_lines = BudgetLine.objects.count()
    assert import_bytes(town_a, csv_bytes("UCT;6171;5139;;;100;2023-06-10;;;papír")).ok
    assert Actual.objects.count() == 1
    assert not Invoice.objects.exists()
    assert BudgetLine.objects.count() == budget_lines  # a file without ROZ keeps the budget


def test_invoices_already_in_the_ledger_are_not_counted_twice(town_a):
    rows = [
        "UCT;3722;5169;;;20000;2023-03-15;;;Svoz odpadu (účetní řádek)",
        "KDF;3722;5169;;;20000;2023-03-15;05041309;Odpady s.r.o.;Svoz odpadu březen",
    ]
    assert import_bytes(town_a, csv_bytes(*rows), invoices_in_ledger=True).ok
    assert total(Actual) == 20000_00
    assert Invoice.objects.count() == 1
    assert import_bytes(town_a, csv_bytes(*rows)).ok  # Cityvizor's default counts both
    assert total(Actual) == 40000_00


def test_events_code_list_names_projects(town_a):
    assert import_bytes(town_a, csv_bytes(*SAMPLE_ROWS)).ok
    content = "srcId;name;description\n101;Oprava silnice Za Rybníkem;Nový povrch\n7;Jarmark;\n"
    report = import_bytes(town_a, content.encode("cp1250"), format="events", year=None)
    assert report.ok, report.errors
    event = Event.objects.get(municipality=town_a, code=101)
    assert event.name == "Oprava silnice Za Rybníkem"
    assert "oprava silnice" in event.search_text
    assert Event.objects.filter(municipality=town_a).count() == 2
    # append keeps known names, replace overwrites them
    renamed = b"srcId;name;description\n101;Jiny nazev;\n"
    import_bytes(town_a, renamed, format="events", year=None, mode="append")
    assert Event.objects.get(code=101).name == "Oprava silnice Za Rybníkem"
    import_bytes(town_a, renamed, format="events", year=None, mode="replace")
    assert Event.objects.get(code=101).name == "Jiny nazev"


def test_events_file_with_bad_codes_is_refused(town_a):
    content = b"srcId;name\nA1;Spatny kod\n;Bez kodu\n5;Dobry\n5;Podruhe\n"
    report = import_bytes(town_a, content, format="events", year=None)
    assert not report.ok
    assert [error.line for error in report.errors] == [2, 3, 5]
    assert not Event.objects.exists()


def test_towns_do_not_share_codes_or_counterparties(town_a, town_b):
    assert import_bytes(town_a, csv_bytes(*SAMPLE_ROWS)).ok
    assert import_bytes(town_b, csv_bytes(*SAMPLE_ROWS)).ok
    assert Event.objects.filter(code=101).count() == 2
    assert Counterparty.objects.filter(ico="25448714").count() == 2
    year_b = FiscalYear.objects.get(municipality=town_b)
    assert not Invoice.objects.filter(fiscal_year=year_b).exclude(municipality=town_b).exists()
    assert (
        not Invoice.objects.filter(fiscal_year=year_b)
        .exclude(counterparty__municipality=town_b)
        .exists()
    )


def test_progress_is_reported_while_reading(town_a):
    calls = []
    rows = [f"UCT;6171;5139;;;{n};2023-01-10;;;papír {n}" for n in range(1, 12001)]
    report = import_bytes(town_a, csv_bytes(*rows), progress=lambda *args: calls.append(args))
    assert report.ok
    assert [call[0] for call in calls] == [5000, 10000, 12000]
    assert calls[-1][1] == calls[-1][2]  # all bytes read at the end
