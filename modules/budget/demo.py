"""Demo budget data: a realistic Cityvizor CSV for a village and KXX files for a town.

``build_demo(municipality, kind)`` generates the files in code (deterministically), imports
them through the real importers and switches the module on, with a budget page at
``/rozpocet/`` and the budget summary and top suppliers teasers on the home page. Running it
again replaces the same data with the same data and leaves the pages alone.

The suppliers are fictional; their IČOs only have a valid check digit. The plans, events and
texts are in modules/budget/demo.yaml.
"""

import io
import random
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from municipalities.demo import data
from municipalities.validators import ico_check_digit

from .importers import import_file
from .models import BudgetPage, Kind, kind_of_item

#: years, suppliers, plans, events, the page and its teasers: modules/budget/demo.yaml
DEMO = data.read_yaml(Path(__file__).with_name("demo.yaml"))
YEARS = tuple(DEMO["years"])
SUPPLIER_NAMES = DEMO["suppliers"]
#: issued invoices to private persons (names are anonymised on import): (birth date, name)
PRIVATE_CUSTOMERS = [(row["birth_date"], row["name"]) for row in DEMO["private_customers"]]


def supplier_ico(index):
    first_seven = f"{2674000 + index * 37:07d}"
    return first_seven + str(ico_check_digit(first_seven))


@dataclass(frozen=True)
class PlannedLine:
    paragraph: int
    item: int
    amount: int  # approved, in crowns
    label: str
    suppliers: tuple = ()  # indexes into SUPPLIER_NAMES: paid by received invoices
    event: int = 0
    payments: int = 12
    change: int = 0  # budget change in June, crowns


def _plan(kind):
    return [
        PlannedLine(**{**line, "suppliers": tuple(line.get("suppliers", ()))})
        for line in DEMO["kinds"][kind]["plan"]
    ]


def _events(kind):
    """{code: (name, description)} of the events code list."""
    return {row["code"]: (row["name"], row["description"]) for row in DEMO["kinds"][kind]["events"]}


#: the village's plan and events (the Cityvizor demo) and the town's (the KXX demo)
VILLAGE_PLAN, VILLAGE_EVENTS = _plan("cityvizor"), _events("cityvizor")
TOWN_PLAN, TOWN_EVENTS = _plan("kxx"), _events("kxx")


@dataclass
class Transaction:
    date: object
    paragraph: int
    item: int
    event: int
    amount: int  # hellers
    kind: str  # "KDF", "KOF" or "UCT"
    counterparty_id: str = ""
    counterparty_name: str = ""
    description: str = ""


@dataclass
class YearData:
    year: int
    budget: list = field(default_factory=list)  # (line, approved hellers, change hellers)
    transactions: list = field(default_factory=list)


def plan_year(plan, year, seed):
    """Approved budget, a June change and the year's payments of a plan."""
    import datetime

    rng = random.Random(seed)
    growth = 1 + (year - YEARS[0]) * 0.04
    data = YearData(year)
    for line in plan:
        approved = round(line.amount * growth) * 100
        change = line.change * 100
        data.budget.append((line, approved, change))
        total = (approved + change) * rng.uniform(0.82, 1.02)
        weights = [rng.uniform(0.6, 1.4) for _ in range(line.payments)]
        scale = total / sum(weights)
        for index, weight in enumerate(weights):
            month = 1 + (index * 12) // line.payments
            day = rng.randint(1, 28)
            amount = int(round(weight * scale, -2)) or 100
            kind = "UCT"
            counterparty_id = counterparty_name = ""
            if line.suppliers:
                kind = "KDF"
                supplier = line.suppliers[index % len(line.suppliers)]
                counterparty_id = supplier_ico(supplier)
                counterparty_name = SUPPLIER_NAMES[supplier]
            elif line.item in (2132, 2111) and index % 3 == 0:
                kind = "KOF"
                counterparty_id, counterparty_name = PRIVATE_CUSTOMERS[index % 3]
            data.transactions.append(
                Transaction(
                    date=datetime.date(year, month, day),
                    paragraph=line.paragraph,
                    item=line.item,
                    event=line.event,
                    amount=amount,
                    kind=kind,
                    counterparty_id=counterparty_id,
                    counterparty_name=counterparty_name,
                    description=f"{line.label} {month}/{year}",
                )
            )
    balance_financing(data)
    data.transactions.sort(key=lambda t: (t.date, t.paragraph, t.item))
    return data


def balance_financing(data):
    """Add the change of bank balances (8115) that makes the budget and actuals balance."""
    import datetime

    def signed(kind, amount):
        return amount if kind == Kind.INCOME else -amount if kind == Kind.EXPENDITURE else amount

    approved = sum(signed(kind_of_item(line.item), a) for line, a, _c in data.budget)
    changes = sum(signed(kind_of_item(line.item), c) for line, _a, c in data.budget)
    line = PlannedLine(0, 8115, 0, "Změna stavu prostředků na bankovních účtech")
    data.budget.append((line, -approved, -changes))
    actual = sum(signed(kind_of_item(t.item), t.amount) for t in data.transactions)
    data.transactions.append(
        Transaction(
            date=datetime.date(data.year, 12, 31),
            paragraph=0,
            item=8115,
            event=0,
            amount=-actual,
            kind="UCT",
            description=line.label,
        )
    )


# --- Cityvizor CSV ------------------------------------------------------------------------


def crowns(hellers):
    sign = "-" if hellers < 0 else ""
    whole, rest = divmod(abs(hellers), 100)
    return f"{sign}{whole},{rest:02d}"


def cityvizor_csv(data):
    lines = [
        "type;paragraph;item;event;unit;amount;date;counterpartyId;counterpartyName;description"
    ]
    for line, approved, change in data.budget:
        lines.append(
            f"ROZ;{line.paragraph};{line.item};{line.event or ''};;{crowns(approved + change)};;;;"
            f"{line.label}"
        )
    for t in data.transactions:
        lines.append(
            ";".join(
                [
                    t.kind,
                    str(t.paragraph),
                    str(t.item),
                    str(t.event or ""),
                    "",
                    crowns(t.amount),
                    t.date.strftime("%d.%m.%Y"),
                    t.counterparty_id,
                    t.counterparty_name,
                    t.description,
                ]
            )
        )
    return ("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8")


def events_csv(events):
    lines = ["srcId;name;description"]
    lines += [f"{code};{name};{description}" for code, (name, description) in events.items()]
    return "\n".join(lines).encode("utf-8")


# --- KXX ----------------------------------------------------------------------------------


def kxx_amount(hellers):
    return f"{abs(hellers):018d}{'-' if hellers < 0 else ' '}"


def kxx_balance(day, document, su, paragraph, item, event, debit, credit):
    return (
        f"G/@{day:02d}{document:>9}000{su:03d}0000"
        f"00{paragraph:06d}{item:04d}000{0:09d}{0:010d}{event:013d}"
        f"{kxx_amount(debit)}{kxx_amount(credit)}"
    )


def kxx_budget_side(item, hellers):
    """(MD, D) of a budget line: expenditure in D, income and financing in MD."""
    return (0, hellers) if kind_of_item(item) == Kind.EXPENDITURE else (hellers, 0)


def kxx_files(data, ico):
    """(ledger, budget) KXX files of a year, windows-1250."""
    year = data.year
    ledger = [f"5/@{ico}001200DEMO"]
    by_month = {}
    for t in data.transactions:
        by_month.setdefault(t.date.month, []).append(t)
    for month in sorted(by_month):
        ledger.append(f"6/@{ico}{month:02d}00 2 {year}")
        for number, t in enumerate(by_month[month], start=1):
            document = str(month * 100000 + number)
            debit, credit = kxx_budget_side(t.item, t.amount)
            ledger.append(
                kxx_balance(t.date.day, document, 231, t.paragraph, t.item, t.event, debit, credit)
            )
            # the technical counter-entry carries no budget item
            contra = 321 if kind_of_item(t.item) == Kind.EXPENDITURE else 311
            ledger.append(kxx_balance(t.date.day, document, contra, 0, 0, 0, credit, debit))
            meta = []
            if t.counterparty_id:
                meta.append(f"*IC-{t.counterparty_id}")
            if t.counterparty_name:
                meta.append(f"*DICT-{t.counterparty_name}")
            if t.kind in ("KDF", "KOF"):
                meta.append(f"*EVK-{t.kind}-{year}{document}")
            meta.append(f"*EVKT-{t.description}")
            ledger.append(f"G/#0001{document:>9}" + ";".join(meta) + ";")
    budget = [f"5/@{ico}000100DEMO", f"6/@{ico}0102 2 {year}"]
    for line, approved, _change in data.budget:
        debit, credit = kxx_budget_side(line.item, approved)
        budget.append(
            kxx_balance(2, "1", 231, line.paragraph, line.item, line.event, debit, credit)
        )
        budget.append(f"G/$0001{'1':>9}{line.label}")
    changes = [(line, change) for line, _approved, change in data.budget if change]
    if changes:
        budget.append(f"6/@{ico}0603 2 {year}")
        for line, change in changes:
            debit, credit = kxx_budget_side(line.item, change)
            budget.append(
                kxx_balance(15, "60001", 231, line.paragraph, line.item, line.event, debit, credit)
            )

    def encode(lines):
        return ("\r\n".join(lines) + "\r\n").encode("cp1250")

    return encode(ledger), encode(budget)


# --- building the demo --------------------------------------------------------------------


def ensure_budget_page(municipality):
    home = municipality.site.root_page.specific
    fields = DEMO["page"]
    page = BudgetPage.objects.child_of(home).filter(slug=fields["slug"]).first()
    if page is None:
        page = BudgetPage(**fields)
        home.add_child(instance=page)
        page.save_revision().publish()
    return page


#: teasers appended to the home page's body (the newest year with data)
HOME_TEASERS = [(block["type"], block["value"]) for block in DEMO["home_teasers"]]


def ensure_home_teasers(municipality, budget_page):
    """Append the budget teasers to the home page, unless it holds a budget block already."""
    home = municipality.site.root_page.specific
    names = {name for name, _value in HOME_TEASERS}
    if any(block.block_type in names for block in home.body):
        return home
    home.body = [
        *home.body.raw_data,
        *(
            {"type": name, "value": {"year": None, "budget_page": budget_page.pk, **value}}
            for name, value in HOME_TEASERS
        ),
    ]
    home.save_revision().publish()
    return home


def enable_module(municipality):
    if "budget" not in (municipality.enabled_modules or []):
        municipality.enabled_modules = [*(municipality.enabled_modules or []), "budget"]
        municipality.save(update_fields=["enabled_modules"])


def _check(report, what):
    if not report.ok:
        errors = "; ".join(str(error) for error in report.errors[:5])
        raise RuntimeError(f"Demo import of {what} failed: {errors}")
    return report


@transaction.atomic
def build_demo(municipality, kind):
    """Import demo budget data for ``municipality``: ``kind`` is "cityvizor" or "kxx"."""
    enable_module(municipality)
    plan, events = (
        (VILLAGE_PLAN, VILLAGE_EVENTS) if kind == "cityvizor" else (TOWN_PLAN, TOWN_EVENTS)
    )
    _check(
        import_file(municipality, io.BytesIO(events_csv(events)), format="events", mode="replace"),
        "events",
    )
    for year in YEARS:
        data = plan_year(plan, year, seed=f"{municipality.ico}-{year}")
        if kind == "cityvizor":
            _check(
                import_file(
                    municipality,
                    io.BytesIO(cityvizor_csv(data)),
                    format="cityvizor",
                    year=year,
                    mode="replace",
                ),
                f"Cityvizor CSV {year}",
            )
        elif kind == "kxx":
            ledger, budget = kxx_files(data, municipality.ico)
            for name, content in (("ledger", ledger), ("budget", budget)):
                _check(
                    import_file(
                        municipality, io.BytesIO(content), format="kxx", year=year, mode="replace"
                    ),
                    f"KXX {name} {year}",
                )
        else:
            raise ValueError(f"unknown demo kind {kind!r}")
    page = ensure_budget_page(municipality)
    ensure_home_teasers(municipality, page)
    return page
