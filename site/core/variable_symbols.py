"""Variable symbols (VS) unique per receiving account: ``allocate_variable_symbol``.

The scheme (docs/modules.md, "Money and Czech bank data"): ten digits ``PP SSSSSSS C``

- ``PP``: a two-digit prefix, by default the last two digits of the current year (``26``),
  or any two digits the caller chooses (a module may give a kind of payment its own);
- ``SSSSSSS``: the sequence number within that account and prefix, from ``0000001`` to
  ``9999999``;
- ``C``: a Luhn check digit over the nine digits before it, so that a payer's typo in one
  digit, or two neighbouring digits swapped, gives a symbol that was never issued.

Every symbol has exactly ten digits, so two prefixes never collide and a symbol whose bank
statement dropped its leading zero (prefix ``05`` in 2105) is read back by padding it to ten
digits. The counter row (``VariableSymbolSequence``) is locked with ``SELECT … FOR UPDATE``
for the rest of the caller's transaction: two orders created at the same moment wait for
each other and never get the same symbol. A sequence that reaches 9 999 999 raises
``VariableSymbolsExhausted`` instead of wrapping around.
"""

import re

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import VariableSymbolSequence

SEQUENCE_DIGITS = 7
LAST_SEQUENCE = 10**SEQUENCE_DIGITS - 1
SYMBOL_DIGITS = 10


class VariableSymbolsExhausted(Exception):
    """The sequence of an account and prefix has handed out its last number."""


def luhn_check_digit(digits):
    """The digit that makes ``digits`` + it pass the Luhn check."""
    total = 0
    for position, char in enumerate(reversed(digits)):
        digit = int(char)
        # every second digit from the right, starting next to where the check digit goes
        if position % 2 == 0:
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    return str((10 - total % 10) % 10)


def default_prefix(today=None):
    return f"{(today or timezone.localdate()).year % 100:02d}"


def compose_variable_symbol(prefix, number):
    body = f"{prefix}{number:0{SEQUENCE_DIGITS}d}"
    return body + luhn_check_digit(body)


def is_issued_form(symbol):
    """Whether ``symbol`` (as a bank statement gives it, maybe without leading zeros) has the
    scheme's form and check digit."""
    symbol = str(symbol).strip()
    if not symbol.isdigit() or len(symbol) > SYMBOL_DIGITS:
        return False
    symbol = symbol.zfill(SYMBOL_DIGITS)
    return luhn_check_digit(symbol[:-1]) == symbol[-1]


def allocate_variable_symbol(municipality, account, *, prefix=None, today=None):
    """The next variable symbol of ``account`` (an opaque key such as the IBAN) of the town.

    Runs in the caller's transaction when there is one (the row stays locked until it
    commits, so an order and its symbol are saved together or not at all).
    """
    prefix = default_prefix(today) if prefix is None else str(prefix)
    if not re.fullmatch(r"\d{2}", prefix):
        raise ValueError(f"The prefix of a variable symbol is two digits, not {prefix!r}.")
    if not account or len(account) > 64:
        raise ValueError("The account key is 1 to 64 characters.")
    key = {"municipality": municipality, "account": account, "prefix": prefix}
    with transaction.atomic():
        try:
            with transaction.atomic():
                VariableSymbolSequence.objects.get_or_create(**key)
        except IntegrityError:
            pass  # another transaction created the row meanwhile; it is there now
        sequence = VariableSymbolSequence.objects.select_for_update().get(**key)
        if sequence.last_number >= LAST_SEQUENCE:
            raise VariableSymbolsExhausted(
                _(
                    "Variabilní symboly s předčíslím %(prefix)s pro účet %(account)s došly "
                    "(vydáno %(count)s). Zvolte jiné předčíslí."
                )
                % {"prefix": prefix, "account": account, "count": LAST_SEQUENCE}
            )
        sequence.last_number += 1
        sequence.save(update_fields=["last_number"])
        return compose_variable_symbol(prefix, sequence.last_number)
