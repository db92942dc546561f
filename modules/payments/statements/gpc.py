"""GPC (the ABO format): the fixed-width statements Czech banks export.

Each line has 128 characters in windows-1250. A statement is a header record ``074`` (the
account, the balances before and after, the turnovers, the statement's number and date)
followed by its items, records ``075`` (one booking each). Records ``076``–``079`` carry
more text of the item before them (the counter-party's name and message); other records are
refused. Positions are 1-based, as in the banks' descriptions of the format:

=========  =======================================================================
``074``    4–19 account (prefix 6 + number 10), 20–39 name, 40–45 date of the old
           balance (DDMMYY), 46–59 old balance in hellers + 60 sign, 61–74 new balance
           + 75 sign, 76–89 debits + 90 sign, 91–104 credits + 105 sign, 106–108
           statement number, 109–114 date of the statement
``075``    4–19 account, 20–35 counter-account, 36–48 the bank's id of the booking,
           49–60 amount in hellers, 61 code (1 debit, 2 credit, 4 cancelled debit,
           5 cancelled credit), 62–71 variable symbol, 72–81 bank code of the
           counter-account (74–77) and constant symbol (78–81), 82–91 specific
           symbol, 92–97 value date, 98–117 counter-party's name, 123–128 date of
           the booking
=========  =======================================================================

Accounts are read as prefix and number in their standard order (the export every Czech bank
offers; a bank's "internal" ABO order is not supported and shows as a wrong account).
A statement whose items do not add up to its turnovers and new balance is refused: a file
cut short or edited by hand is not applied in part.
"""

import datetime

from django.utils.translation import gettext as _

from radnice.core.imports.reading import detect_encoding

from . import BankTransaction, ImportRefused, Statement

LINE_LENGTH = 128
DEBIT, CREDIT, CANCELLED_DEBIT, CANCELLED_CREDIT = "1", "2", "4", "5"


def parse_gpc(binary):
    """[Statement] of a GPC file (a binary file object), or ``ImportRefused``."""
    encoding = detect_encoding(binary, kind="GPC")
    text = binary.read().decode(encoding)
    statements = []
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        record = Record(raw, number)
        kind = record.text(1, 3)
        if kind == "074":
            statements.append(header(record))
        elif kind == "075":
            if not statements:
                raise ImportRefused(
                    _("Položka výpisu (záznam 075) před hlavičkou výpisu (záznam 074)."),
                    number,
                    "1–3",
                    kind,
                )
            statements[-1].transactions.append(item(record, statements[-1]))
        elif kind in ("076", "077", "078", "079"):
            if not statements or not statements[-1].transactions:
                raise ImportRefused(
                    _("Doplňující záznam %(kind)s bez položky výpisu před sebou.") % {"kind": kind},
                    number,
                    "1–3",
                    kind,
                )
            add_text(statements[-1], record)
        else:
            raise ImportRefused(
                _("Neznámý typ záznamu „%(kind)s“: soubor GPC má záznamy 074 až 079.")
                % {"kind": kind},
                number,
                "1–3",
                kind,
            )
    if not statements:
        raise ImportRefused(_("Soubor neobsahuje žádný výpis (záznam 074)."), 1)
    for statement in statements:
        check_totals(statement)
    return statements


class Record:
    """One line, read by 1-based positions."""

    def __init__(self, raw, line):
        self.line = line
        if len(raw) > LINE_LENGTH:
            raise ImportRefused(
                _("Řádek má %(length)s znaků, záznam GPC jich má %(expected)s.")
                % {"length": len(raw), "expected": LINE_LENGTH},
                line,
                f"{LINE_LENGTH + 1}",
                raw[LINE_LENGTH:][:20],
            )
        # Trailing spaces are often cut off by editors and e-mail; the fields are all there.
        self.raw = raw.ljust(LINE_LENGTH)

    def text(self, first, last):
        return self.raw[first - 1 : last]

    def refuse(self, message, first, last):
        raise ImportRefused(message, self.line, f"{first}–{last}", self.text(first, last).strip())

    def digits(self, first, last, label):
        value = self.text(first, last)
        if not value.isdigit() or not value.isascii():
            self.refuse(
                _("%(field)s musí být číslice (pozice %(first)s–%(last)s).")
                % {"field": label, "first": first, "last": last},
                first,
                last,
            )
        return value

    def symbol(self, first, last, label):
        """A payment symbol: digits, leading zeros dropped ("" for none)."""
        value = self.text(first, last).strip()
        if value and (not value.isdigit() or not value.isascii()):
            self.refuse(_("%(field)s smí obsahovat jen číslice.") % {"field": label}, first, last)
        return value.lstrip("0")

    def amount(self, first, last, sign_at, label):
        hellers = int(self.digits(first, last, label))
        if sign_at is None:
            return hellers
        sign = self.text(sign_at, sign_at)
        if sign not in "+-" or sign == "":
            self.refuse(
                _("Znaménko částky „%(field)s“ musí být + nebo -.") % {"field": label},
                sign_at,
                sign_at,
            )
        return -hellers if sign == "-" else hellers

    def date(self, first, last, label, *, optional=False):
        value = self.text(first, last)
        if optional and value.strip("0 ") == "":
            return None
        try:
            return datetime.datetime.strptime(value, "%d%m%y").date()
        except ValueError:
            self.refuse(
                _("%(field)s „%(value)s“ není platné datum ve tvaru DDMMRR.")
                % {"field": label, "value": value},
                first,
                last,
            )


def account(digits):
    """16 digits of GPC as "prefix-number" without leading zeros (prefix only if any)."""
    prefix, number = digits[:6].lstrip("0"), digits[6:].lstrip("0") or "0"
    return f"{prefix}-{number}" if prefix else number


def header(record):
    return Statement(
        account=account(record.digits(4, 19, _("Číslo účtu"))),
        number=record.digits(106, 108, _("Číslo výpisu")).lstrip("0") or "0",
        opened_on=record.date(40, 45, _("Datum starého zůstatku")),
        opening_balance=record.amount(46, 59, 60, _("Starý zůstatek")),
        closing_balance=record.amount(61, 74, 75, _("Nový zůstatek")),
        closed_on=record.date(109, 114, _("Datum výpisu")),
        debits=record.amount(76, 89, 90, _("Obrat debet")),
        credits=record.amount(91, 104, 105, _("Obrat kredit")),
        line=record.line,
    )


def item(record, statement):
    own = account(record.digits(4, 19, _("Číslo účtu")))
    if own != statement.account:
        record.refuse(
            _("Položka patří k účtu %(item)s, výpis je z účtu %(statement)s.")
            % {"item": own, "statement": statement.account},
            4,
            19,
        )
    code = record.text(61, 61)
    if code not in (DEBIT, CREDIT, CANCELLED_DEBIT, CANCELLED_CREDIT):
        record.refuse(
            _("Kód účtování musí být 1 (debet), 2 (kredit), 4 nebo 5 (storno), ne „%(code)s“.")
            % {"code": code},
            61,
            61,
        )
    hellers = record.amount(49, 60, None, _("Částka"))
    # Money comes in with a credit or a cancelled debit, goes out with the other two.
    incoming = code in (CREDIT, CANCELLED_DEBIT)
    bank_id = record.text(36, 48).strip()
    if not bank_id:
        record.refuse(_("Položka nemá identifikaci transakce banky."), 36, 48)
    counter = record.digits(20, 35, _("Protiúčet"))
    bank_code = record.text(74, 77)
    counter_account = ""
    if counter.strip("0"):
        counter_account = account(counter) + (f"/{bank_code}" if bank_code.strip("0 ") else "")
    return BankTransaction(
        line=record.line,
        bank_id=bank_id,
        amount=hellers if incoming else -hellers,
        booked_on=record.date(123, 128, _("Datum zaúčtování"), optional=True)
        or statement.closed_on,
        value_date=record.date(92, 97, _("Datum valuty"), optional=True),
        variable_symbol=record.symbol(62, 71, _("Variabilní symbol")),
        constant_symbol=record.symbol(78, 81, _("Konstantní symbol")),
        specific_symbol=record.symbol(82, 91, _("Specifický symbol")),
        counter_account=counter_account,
        counter_name=record.text(98, 117).strip(),
        reversal=code in (CANCELLED_DEBIT, CANCELLED_CREDIT),
    )


def add_text(statement, record):
    """Records 076–079: more text of the last item (the message for the payee)."""
    last = statement.transactions[-1]
    extra = record.text(4, LINE_LENGTH).strip()
    message = f"{last.message} {extra}".strip() if extra else last.message
    statement.transactions[-1] = type(last)(**{**last.__dict__, "message": message})


def check_totals(statement):
    credits = sum(t.amount for t in statement.transactions if t.amount > 0)
    debits = -sum(t.amount for t in statement.transactions if t.amount < 0)
    expected = statement.opening_balance + credits - debits
    problems = []
    if credits != statement.credits:
        problems.append(_("kredity položek %(items)s ≠ obrat kredit v hlavičce %(header)s"))
        values = {"items": credits, "header": statement.credits}
    elif debits != statement.debits:
        problems.append(_("debety položek %(items)s ≠ obrat debet v hlavičce %(header)s"))
        values = {"items": debits, "header": statement.debits}
    elif expected != statement.closing_balance:
        problems.append(_("starý zůstatek a položky dávají %(items)s ≠ nový zůstatek %(header)s"))
        values = {"items": expected, "header": statement.closing_balance}
    if problems:
        raise ImportRefused(
            _(
                "Výpis č. %(number)s nesouhlasí (%(problem)s, v haléřích): soubor je "
                "neúplný nebo upravený."
            )
            % {"number": statement.number, "problem": problems[0] % values},
            statement.line,
        )
