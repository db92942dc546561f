"""Importing GINIS KXX: the real Brno-Medlánky 2023 exports, and hand-made broken files.

The expected figures are computed here by a small independent reading of the files (plain
string slicing), not by the importer's code.
"""

import datetime
from collections import Counter

import pytest
from django.db import transaction
from django.db.models import Sum

from modules.budget.models import (
    Actual,
    BudgetLine,
    Counterparty,
    EventSummary,
    FiscalYear,
    Invoice,
    Kind,
    LineSummary,
    MonthSummary,
)
from tests.factories import make_municipality

from .conftest import MEDLANKY_ICO, SAMPLES, import_bytes

pytestmark = pytest.mark.django_db

LEDGER = SAMPLES / "brno-medlanky-2023-ledger.kxx"
BUDGET = SAMPLES / "brno-medlanky-2023-budget.kxx"
needs_samples = pytest.mark.skipif(
    not LEDGER.exists(), reason="samples in ../shared/data/accounting-samples are missing"
)


def independent_balances(path):
    """(document type, month, day, paragraph, item, org, md, d, document) of every G/@ line
    with a budget item, read by position as the KXX description gives it."""
    section = None
    for line in path.read_bytes().decode("cp1250").splitlines():
        if line.startswith("6/@"):
            digits = line[3:].split(" ")[0]
            section = (digits[-2:], int(digits[-4:-2]))
        if not line.startswith("G/@"):
            continue
        body = line[3:]
        item = int(body[29:33])
        if not 1000 <= item <= 8999:
            continue
        debit = int(body[68:86]) * (-1 if body[86] == "-" else 1)
        credit = int(body[87:105]) * (-1 if body[105] == "-" else 1)
        yield {
            "type": section[0],
            "month": section[1],
            "day": int(body[0:2]),
            "paragraph": int(body[23:29]),
            "item": item,
            "org": int(body[55:68]),
            "debit": debit,
            "credit": credit,
            "document": body[2:11],
        }


def amount(balance):
    if 5000 <= balance["item"] < 8000:
        return balance["credit"] - balance["debit"]
    return balance["debit"] - balance["credit"]


@pytest.fixture
def medlanky():
    return make_municipality("Městská část Brno-Medlánky", "medlanky.test", ico=MEDLANKY_ICO)


@pytest.fixture
def imported(medlanky):
    for path in (LEDGER, BUDGET):
        report = import_bytes(medlanky, path.read_bytes(), format="kxx", year=2023)
        assert report.ok, report.errors[:5]
    return FiscalYear.objects.get(municipality=medlanky, year=2023)


@pytest.fixture(scope="class")
def imported_once(django_db_setup, django_db_blocker):
    """The real ledger and budget, imported once for a class of tests (each import takes
    seconds) inside a transaction rolled back after them; each test's own changes are rolled
    back after the test, as usual."""
    with django_db_blocker.unblock(), transaction.atomic():
        municipality = make_municipality(
            "Městská část Brno-Medlánky", "medlanky.test", ico=MEDLANKY_ICO
        )
        for path in (LEDGER, BUDGET):
            report = import_bytes(municipality, path.read_bytes(), format="kxx", year=2023)
            assert report.ok, report.errors[:5]
        yield FiscalYear.objects.get(municipality=municipality, year=2023)
        transaction.set_rollback(True)


@needs_samples
class TestRealLedgerAndBudget:
    @pytest.fixture
    def imported(self, imported_once, db):
        return FiscalYear.objects.select_related("municipality").get(pk=imported_once.pk)

    @pytest.fixture
    def medlanky(self, imported):
        return imported.municipality

    def test_every_budget_line_of_the_monthly_sections_becomes_an_actual(self, imported):
        expected = [b for b in independent_balances(LEDGER) if b["type"] == "00"]
        assert Actual.objects.filter(fiscal_year=imported).count() == len(expected)
        assert len(expected) == 2701

    def test_expenditure_of_local_administration_6171(self, imported):
        expected = sum(
            amount(b)
            for b in independent_balances(LEDGER)
            if b["type"] == "00" and b["paragraph"] == 6171 and 5000 <= b["item"] < 8000
        )
        summary = LineSummary.objects.filter(
            fiscal_year=imported, paragraph=6171, kind=Kind.EXPENDITURE
        ).aggregate(total=Sum("actual"))["total"]
        assert summary == expected
        assert expected > 0

    def test_totals_of_income_expenditure_and_financing(self, imported):
        balances = [b for b in independent_balances(LEDGER) if b["type"] == "00"]
        by_kind = Counter()
        for balance in balances:
            item = balance["item"]
            kind = "income" if item < 5000 else "expenditure" if item < 8000 else "financing"
            by_kind[kind] += amount(balance)
        stored = {
            kind: Actual.objects.filter(fiscal_year=imported, kind=value).aggregate(
                total=Sum("amount")
            )["total"]
            for kind, value in (
                ("income", Kind.INCOME),
                ("expenditure", Kind.EXPENDITURE),
                ("financing", Kind.FINANCING),
            )
        }
        assert stored == dict(by_kind)
        assert stored["expenditure"] == 127_495_707_42  # Kč 127 495 707,42

    def test_opening_balances_are_not_actuals(self, imported):
        opening = [b for b in independent_balances(LEDGER) if b["type"] == "01"]
        assert opening  # the sample has them, with fake items on technical accounts
        assert not Actual.objects.filter(document="990000").exists()

    def test_approved_and_amended_budget(self, imported):
        balances = list(independent_balances(BUDGET))
        approved = sum(
            amount(b) for b in balances if b["type"] == "02" and 5000 <= b["item"] < 8000
        )
        changes = sum(amount(b) for b in balances if b["type"] == "03" and 5000 <= b["item"] < 8000)
        lines = BudgetLine.objects.filter(fiscal_year=imported, kind=Kind.EXPENDITURE)
        assert lines.aggregate(total=Sum("approved"))["total"] == approved == 61_197_000_00
        assert lines.aggregate(total=Sum("amended"))["total"] == approved + changes
        assert imported.has_approved_budget

    def test_budget_file_does_not_wipe_the_ledger(self, imported):
        assert Actual.objects.filter(fiscal_year=imported).exists()
        assert BudgetLine.objects.filter(fiscal_year=imported).exists()

    def test_data_are_valid_as_of_the_last_month(self, imported):
        assert imported.valid_as_of == datetime.date(2023, 9, 30)

    def test_invoices_come_from_documents_marked_kdf_or_kof(self, imported):
        # document numbers restart every month: a document is (month, number)
        marked, month = set(), None
        for line in LEDGER.read_bytes().decode("cp1250").splitlines():
            if line.startswith("6/@"):
                month = int(line[3:].split(" ")[0][-4:-2])
            elif line.startswith("G/#") and ("*EVK-KDF-" in line or "*EVK-KOF-" in line):
                marked.add((month, line[7:16]))
        expected = [
            b
            for b in independent_balances(LEDGER)
            if b["type"] == "00" and (b["month"], b["document"]) in marked
        ]
        assert Invoice.objects.filter(fiscal_year=imported).count() == len(expected)
        invoice = Invoice.objects.get(number="20231622100908")
        assert invoice.counterparty.ico == "25448714"
        assert invoice.counterparty.name == "Galileo Corporation s.r.o."
        assert invoice.description.startswith("Servis elekronické úřední desky")
        assert invoice.amount == 4719_00
        assert invoice.date == datetime.date(2023, 1, 9)

    def test_counterparties_without_ico_stay_anonymous(self, imported):
        # issued invoices to private persons carry only their names (DICT) in the file
        private = Counterparty.objects.get(municipality=imported.municipality, is_private=True)
        assert private.name == ""
        assert Invoice.objects.filter(counterparty=private, kind="KOF").exists()
        for name in ("beller", "repkova", "horak petr"):
            assert not Invoice.objects.filter(search_text__contains=name).exists()
            assert not Counterparty.objects.filter(name__icontains=name).exists()

    def test_summaries_per_month_and_event(self, imported):
        months = MonthSummary.objects.filter(fiscal_year=imported)
        assert sorted(months.values_list("month", flat=True)) == list(range(1, 10))
        january = [
            b for b in independent_balances(LEDGER)
            if b["type"] == "00" and b["month"] == 1 and 5000 <= b["item"] < 8000
        ]  # fmt: skip
        assert months.get(month=1).expenditure == sum(amount(b) for b in january)
        event_total = sum(
            amount(b)
            for b in independent_balances(LEDGER)
            if b["type"] == "00" and b["org"] == 1610020000000 and 5000 <= b["item"] < 8000
        )
        assert (
            EventSummary.objects.filter(
                fiscal_year=imported, event__code=1610020000000, kind=Kind.EXPENDITURE
            ).aggregate(total=Sum("actual"))["total"]
            == event_total
        )

    def test_importing_again_in_append_mode_adds_nothing(self, imported, medlanky):
        report = import_bytes(medlanky, LEDGER.read_bytes(), format="kxx", year=2023, mode="append")
        assert report.ok
        assert (report.records_imported, report.duplicates_skipped) == (0, 2701)

    def test_file_of_another_accounting_unit_is_refused(self, town_a):
        report = import_bytes(town_a, BUDGET.read_bytes(), format="kxx", year=2023)
        assert not report.ok
        assert report.errors[0].line == 1
        assert "jiné účetní jednotce" in report.errors[0].message
        assert not FiscalYear.objects.filter(municipality=town_a).exists()

    def test_wrong_year_is_refused(self, medlanky):
        report = import_bytes(medlanky, BUDGET.read_bytes(), format="kxx", year=2024)
        assert not report.ok
        assert {error.column for error in report.errors} == {"rok"}
        assert "roku 2023" in report.errors[0].message


# --- hand-made files ----------------------------------------------------------------------

ICO = "00064581"


def balance(day, document, paragraph, item, debit=0, credit=0, su=231, org=0):
    def money(value):
        return f"{abs(value):018d}{'-' if value < 0 else ' '}"

    return (
        f"G/@{day:02d}{document:>9}000{su:03d}000000{paragraph:06d}{item:04d}000"
        f"{0:09d}{0:010d}{org:013d}{money(debit)}{money(credit)}"
    )


def kxx(*lines, ico=ICO):
    return ("\r\n".join([f"5/@{ico}000100", *lines]) + "\r\n").encode("cp1250")


@pytest.fixture
def prague(db):
    return make_municipality("Hlavní město Praha", "praha.test", ico=ICO)


def test_handmade_ledger_with_an_invoice(prague):
    content = kxx(
        f"6/@{ICO}0300 2 2023",
        balance(15, "7", 2212, 5171, credit=1234_50, org=101),
        balance(15, "7", 0, 0, su=321, debit=1234_50),
        "G/#0001        7*IC-25448714;*DICT-Silnice s.r.o.\\nStředisko Praha;*EVK-KDF-2023007;",
        "G/#0002        7*EVKT-Oprava výtluků\\nLikvidace: Jana Účetní;",
        balance(20, "8", 0, 1111, debit=5000_00),
    )
    report = import_bytes(prague, content, format="kxx", year=2023)
    assert report.ok, report.errors
    assert report.lines_ignored == 1  # the counter-entry without a budget item
    invoice = Invoice.objects.get()
    assert invoice.counterparty.name == "Silnice s.r.o., Středisko Praha"
    assert invoice.description == "Oprava výtluků"  # without the clerk's name
    assert invoice.event.code == 101
    assert Actual.objects.get(item=1111).amount == 5000_00


def test_malformed_lines_are_reported_with_line_and_field(prague):
    good = balance(15, "7", 2212, 5171, credit=100)
    content = kxx(
        f"6/@{ICO}0300 2 2023",
        good,
        good[:80] + "x" + good[81:],  # a letter in the debit amount
        good[:40],  # cut short
        "X/@nesmysl",
        balance(31, "9", 2212, 5171, credit=100).replace("G/@31", "G/@32"),
    )
    report = import_bytes(prague, content, format="kxx", year=2023)
    assert not report.ok
    found = [(error.line, error.column) for error in report.errors]
    assert found == [(4, "MD"), (5, "délka"), (6, "typ věty"), (7, "den")]
    assert not Actual.objects.exists()
    assert not FiscalYear.objects.exists()


def test_negative_amounts_and_budget_changes(prague):
    content = kxx(
        f"6/@{ICO}0102 2 2023",
        balance(2, "1", 3421, 6121, credit=1000_00),
        f"6/@{ICO}0603 2 2023",
        balance(15, "2", 3421, 6121, credit=-200_00),
    )
    assert import_bytes(prague, content, format="kxx", year=2023).ok
    line_sums = BudgetLine.objects.aggregate(approved=Sum("approved"), amended=Sum("amended"))
    assert line_sums == {"approved": 1000_00, "amended": 800_00}
