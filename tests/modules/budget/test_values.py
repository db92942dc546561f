"""How single values of accounting files are read, and how money is shown."""

import datetime

import pytest

from modules.budget.importers.base import (
    ValueProblem,
    company_ico,
    detect_encoding,
    parse_amount,
    parse_date,
    parse_item,
)
from modules.budget.models import Kind, kind_of_item
from modules.budget.money import format_money_short
from modules.budget.text import fold, search_terms
from radnice.core.money import format_money


@pytest.mark.parametrize(
    ("text", "hellers"),
    [
        ("1234,50", 123450),
        ("1234.50", 123450),
        ("1 234,5", 123450),
        ("1\u00a0234,50", 123450),
        ("1.234,50", 123450),
        ("1,234.50", 123450),
        ("-12", -1200),
        ("+7,05", 705),
        ("0", 0),
    ],
)
def test_amounts_accept_decimal_comma_and_dot(text, hellers):
    assert parse_amount(text) == hellers


@pytest.mark.parametrize("text", ["", "abc", "12,345", "1.2.3", "12 Kč"])
def test_unreadable_amounts_are_explained_in_czech(text):
    with pytest.raises(ValueProblem) as problem:
        parse_amount(text)
    assert "Částk" in str(problem.value) or "Chybí" in str(problem.value)


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("2023-03-15", datetime.date(2023, 3, 15)),
        ("15.03.2023", datetime.date(2023, 3, 15)),
        ("5.3.2023", datetime.date(2023, 3, 5)),
        ("2023-03-15 00:00:00", datetime.date(2023, 3, 15)),
    ],
)
def test_dates_in_both_formats(text, date):
    assert parse_date(text) == date


@pytest.mark.parametrize("text", ["15/03/2023", "2023-02-30", "březen"])
def test_bad_dates_are_refused(text):
    with pytest.raises(ValueProblem):
        parse_date(text)


def test_item_kinds_keep_financing_apart():
    assert kind_of_item(1111) == Kind.INCOME
    assert kind_of_item(4999) == Kind.INCOME
    assert kind_of_item(5000) == Kind.EXPENDITURE
    assert kind_of_item(7999) == Kind.EXPENDITURE
    assert kind_of_item(8115) == Kind.FINANCING
    assert kind_of_item(851) is None
    assert kind_of_item(9998) is None
    with pytest.raises(ValueProblem):
        parse_item("0851")


@pytest.mark.parametrize(
    ("identifier", "ico"),
    [
        ("25448714", "25448714"),
        ("CZ25448714", "25448714"),
        ("64581", "00064581"),  # leading zeros lost in a spreadsheet
        ("", None),
        ("7801011234", None),  # birth number
        ("780101/1234", None),
        ("785101123", None),  # 9-digit birth number
        ("15.03.1978", None),  # date of birth
        ("19780315", None),
        ("CZ7801011234", None),  # DIČ of a private person
        ("12345678", None),  # invalid check digit
        ("Petr Novák", None),
    ],
)
def test_only_a_valid_ico_is_a_company(identifier, ico):
    assert company_ico(identifier) == ico


def test_money_is_formatted_the_czech_way():
    assert format_money(123450) == "1\u00a0234,50\u00a0Kč"
    assert format_money(-5) == "-0,05\u00a0Kč"
    assert format_money(123456789012) == "1\u00a0234\u00a0567\u00a0890,12\u00a0Kč"
    assert format_money(None) == "–"
    assert format_money_short(1_250_000_00) == "1,2\u00a0mil.\u00a0Kč" or format_money_short(
        1_250_000_00
    ).startswith("1,")


def test_folding_ignores_case_and_diacritics():
    assert fold("Úklid ŘEPKOVÁ") == "uklid repkova"
    assert search_terms("Oprava, výtluků") == ["oprava", "vytluku"]


def test_encoding_detection(tmp_path):
    import io

    text = "Příliš žluťoučký kůň"
    assert detect_encoding(io.BytesIO(text.encode("utf-8"))) == "utf-8"
    assert detect_encoding(io.BytesIO(b"\xef\xbb\xbf" + text.encode("utf-8"))) == "utf-8-sig"
    assert detect_encoding(io.BytesIO(text.encode("cp1250"))) == "cp1250"
