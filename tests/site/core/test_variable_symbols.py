"""Variable symbols: unique per receiving account even when orders are created at once."""

import datetime
import threading

import pytest
from django.db import connection, connections

from radnice.core.models import VariableSymbolSequence
from radnice.core.variable_symbols import (
    LAST_SEQUENCE,
    VariableSymbolsExhausted,
    allocate_variable_symbol,
    is_issued_form,
)
from tests.factories import make_municipality, restore_migration_data

ACCOUNT = "CZ6508000000192000145399"
OTHER_ACCOUNT = "CZ5855000000001265098001"
DAY = datetime.date(2026, 3, 1)


def passes_luhn(symbol):
    """The Luhn test as the card industry writes it: double every second digit from the right
    (the check digit itself not doubled), add the digits, the sum ends in 0."""
    digits = [int(char) for char in symbol]
    total = 0
    for index, digit in enumerate(digits[::-1]):
        if index % 2:
            digit = sum(divmod(digit * 2, 10))
        total += digit
    return total % 10 == 0


@pytest.fixture
def town(db):
    return make_municipality("Obec Symbolová", "symboly.test")


def test_symbols_follow_the_documented_scheme(town):
    first = allocate_variable_symbol(town, ACCOUNT, today=DAY)
    second = allocate_variable_symbol(town, ACCOUNT, today=DAY)
    assert first[:9] == "260000001" and second[:9] == "260000002"
    assert len(first) == len(second) == 10
    assert passes_luhn(first) and passes_luhn(second)
    assert is_issued_form(first)
    wrong_digit = first[:4] + str((int(first[4]) + 1) % 10) + first[5:]
    assert not is_issued_form(wrong_digit)
    # Each account, prefix and town has its own sequence.
    assert allocate_variable_symbol(town, OTHER_ACCOUNT, today=DAY)[:9] == "260000001"
    assert allocate_variable_symbol(town, ACCOUNT, prefix="90")[:9] == "900000001"
    next_year = allocate_variable_symbol(town, ACCOUNT, today=datetime.date(2027, 1, 1))
    assert next_year[:9] == "270000001"
    other_town = make_municipality("Obec Jiná", "jina-symboly.test")
    assert allocate_variable_symbol(other_town, ACCOUNT, today=DAY)[:9] == "260000001"


def test_a_symbol_with_a_leading_zero_prefix_is_recognised_without_it(town):
    symbol = allocate_variable_symbol(town, ACCOUNT, prefix="05")
    assert symbol.startswith("05")
    assert is_issued_form(symbol.lstrip("0"))


def test_an_exhausted_sequence_raises_instead_of_repeating(town):
    allocate_variable_symbol(town, ACCOUNT, today=DAY)
    VariableSymbolSequence.objects.filter(account=ACCOUNT).update(last_number=LAST_SEQUENCE - 1)
    assert allocate_variable_symbol(town, ACCOUNT, today=DAY)[:9] == "269999999"
    with pytest.raises(VariableSymbolsExhausted) as error:
        allocate_variable_symbol(town, ACCOUNT, today=DAY)
    assert str(error.value) == (
        f"Variabilní symboly s předčíslím 26 pro účet {ACCOUNT} došly (vydáno 9999999). "
        "Zvolte jiné předčíslí."
    )
    assert VariableSymbolSequence.objects.get(account=ACCOUNT).last_number == LAST_SEQUENCE


def test_bad_arguments_are_refused(town):
    with pytest.raises(ValueError):
        allocate_variable_symbol(town, ACCOUNT, prefix="2026")
    with pytest.raises(ValueError):
        allocate_variable_symbol(town, "")


@pytest.mark.django_db(transaction=True)
def test_concurrent_orders_never_share_a_symbol():
    """Threads, each with its own database connection, allocate at the same moment for the same
    account, the counter row not existing yet (so its creation races too). On PostgreSQL they
    really run in parallel and the row lock serialises them; on SQLite the database lock does."""
    restore_migration_data()
    town = make_municipality("Obec Souběžná", "soubezna.test")
    threads_count, per_thread = 6, 5
    barrier = threading.Barrier(threads_count)
    symbols, errors = [], []
    lock = threading.Lock()

    def order():
        try:
            barrier.wait()
            for _ in range(per_thread):
                symbol = allocate_variable_symbol(town, ACCOUNT, today=DAY)
                with lock:
                    symbols.append(symbol)
        except Exception as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=order) for _ in range(threads_count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert len(symbols) == threads_count * per_thread
    assert len(set(symbols)) == len(symbols)
    assert sorted(int(symbol[2:9]) for symbol in symbols) == list(range(1, len(symbols) + 1))
    assert VariableSymbolSequence.objects.get(municipality=town).last_number == len(symbols)
    assert connection.vendor in ("postgresql", "sqlite")
