"""Bank statements as the payment shop reads them: GPC/ABO (``gpc``) and camt.053 (``camt``).

Both parsers give the same ``Statement`` objects, whatever the format: the account they are
of, the balances and the booked ``BankTransaction`` items, each with the line of the file it
came from. A file that is not a statement, or is one with a single bad value, is refused
whole with ``ImportRefused`` saying in Czech where (line, column) and what is wrong; nothing
of it is used. Amounts are whole hellers (credits positive, debits negative), as everywhere
in Radnice.
"""

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from radnice.core.imports.reading import ImportRefused

__all__ = ["BankTransaction", "ImportRefused", "Statement", "parse_decimal_amount", "symbols"]


@dataclass(frozen=True)
class BankTransaction:
    line: int  # where the item starts in the file
    bank_id: str  # the bank's own id of the transaction: applied once, however often imported
    amount: int  # hellers; credits (money in) positive, debits negative
    booked_on: object  # datetime.date
    value_date: object = None  # datetime.date or None
    currency: str = "CZK"
    variable_symbol: str = ""
    constant_symbol: str = ""
    specific_symbol: str = ""
    counter_account: str = ""  # "prefix-number/bank" or an IBAN, as the bank gave it
    counter_name: str = ""
    message: str = ""
    reversal: bool = False  # a cancelled (storno) booking


@dataclass
class Statement:
    account: str  # "prefix-number" (GPC: the bank code is not in the file) or an IBAN
    number: str = ""
    opened_on: object = None  # date of the opening balance
    closed_on: object = None  # date of the statement
    opening_balance: int | None = None  # hellers
    closing_balance: int | None = None
    currency: str = "CZK"
    transactions: list = field(default_factory=list)
    debits: int | None = None  # turnovers the file states, in hellers (checked against items)
    credits: int | None = None
    line: int = 0  # where the statement starts in the file


def parse_decimal_amount(text, line, column):
    """``"1234.50"`` as 123450 hellers; more than two decimals or no number is refused."""
    try:
        amount = Decimal(text.strip())
    except (InvalidOperation, AttributeError):
        raise ImportRefused(
            _("Částka „%(value)s“ není číslo.") % {"value": text}, line, column, text
        ) from None
    hellers = amount * 100
    if not amount.is_finite() or hellers != hellers.to_integral_value():
        raise ImportRefused(
            _("Částka „%(value)s“ má víc než dvě desetinná místa.") % {"value": text},
            line,
            column,
            text,
        )
    return int(hellers)


#: "VS:123", "VS 123", "VS123", "/VS/123" (ČBA's way in camt.053 references), likewise SS, KS
_SYMBOL = re.compile(r"(?:^|[/\s,;])(VS|SS|KS)(?:[:/\s]\s*|)(\d{1,10})(?!\d)", re.IGNORECASE)


def symbols(*texts):
    """{"VS": ..., "SS": ..., "KS": ...} found in free texts (the first of each wins)."""
    found = {}
    for text in texts:
        for name, digits in _SYMBOL.findall(text or ""):
            found.setdefault(name.upper(), digits)
    return found
