"""Money is whole hellers: formatted, parsed and edited the Czech way (radnice.core.money)."""

from decimal import Decimal

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.template import Context, Template
from django.utils import translation

from radnice.core.money import (
    MoneyField,
    MoneyFormField,
    format_money,
    from_decimal,
    group_thousands,
    parse_money,
    to_decimal,
)
from radnice.events.models import EventPage

NBSP = "\u00a0"


def test_amounts_are_written_with_spaces_between_thousands_and_a_decimal_comma():
    assert format_money(123450) == f"1{NBSP}234,50{NBSP}Kč"
    assert format_money(5) == f"0,05{NBSP}Kč"
    assert format_money(-100000050) == f"-1{NBSP}000{NBSP}000,50{NBSP}Kč"
    assert format_money(123450, currency=False) == f"1{NBSP}234,50"
    assert format_money(15000, omit_zero_hellers=True) == f"150{NBSP}Kč"
    assert format_money(15050, omit_zero_hellers=True) == f"150,50{NBSP}Kč"
    assert format_money(None) == "–"
    assert group_thousands(1234567) == f"1{NBSP}234{NBSP}567"


def test_hellers_and_decimal_crowns_convert_both_ways():
    assert to_decimal(123450) == Decimal("1234.50")
    assert str(to_decimal(-5)) == "-0.05"
    assert from_decimal(Decimal("1234.5")) == 123450
    assert from_decimal("0.005") == 1  # half a heller rounds up
    assert from_decimal(80) == 8000


@pytest.mark.parametrize(
    ("text", "hellers"),
    [
        ("1 234,50", 123450),
        ("1234,5", 123450),
        ("1 234 Kč", 123400),
        ("1\u00a0234,50\u00a0Kč", 123450),
        ("1234.50", 123450),
        ("150,-", 15000),
        ("150,- Kč", 15000),
        ("0,05", 5),
        ("  12 CZK ", 1200),
        ("1 000 000", 100000000),
    ],
)
def test_czech_input_is_read_as_hellers(text, hellers):
    assert parse_money(text) == hellers


@pytest.mark.parametrize(
    ("text", "code", "message"),
    [
        ("dvě stě", "invalid", "„dvě stě“ není částka. Napište ji například jako 1 234,50"),
        ("12 34", "invalid", "„12 34“ není částka."),
        ("1.234", "precision", "má víc než dvě desetinná místa"),
        ("10,555", "precision", "má víc než dvě desetinná místa"),
        ("-5", "negative", "Částka nesmí být záporná."),
        ("1 234,50 EUR", "invalid", "není částka"),
    ],
)
def test_bad_input_is_refused_with_a_czech_message(text, code, message):
    with pytest.raises(ValidationError) as error:
        parse_money(text)
    assert error.value.code == code
    assert message in error.value.messages[0]


def test_negative_amounts_only_where_allowed():
    assert parse_money("-1 234,50", allow_negative=True) == -123450
    assert parse_money("−5", allow_negative=True) == -500  # a typographic minus


class AmountForm(forms.Form):
    amount = MoneyFormField(label="Částka", min_value=100)


def test_form_field_reads_czech_text_and_shows_hellers_the_czech_way():
    form = AmountForm({"amount": "1 234,50 Kč"})
    assert form.is_valid()
    assert form.cleaned_data["amount"] == 123450
    bound = AmountForm(initial={"amount": 123450})
    assert 'value="1 234,50"' in str(bound["amount"])
    assert 'inputmode="decimal"' in str(bound["amount"])


def test_form_field_names_the_problem_in_czech():
    form = AmountForm({"amount": "sto"})
    assert not form.is_valid()
    assert form.errors["amount"] == [
        "„sto“ není částka. Napište ji například jako 1 234,50 nebo 1234 Kč."
    ]
    too_small = AmountForm({"amount": "0,50"})
    assert not too_small.is_valid()
    assert too_small.errors["amount"] == [f"Nejmenší možná částka je 1,00{NBSP}Kč."]
    # A refused value is shown back as typed, so nothing the user wrote is lost.
    assert 'value="sto"' in str(form["amount"])


def test_model_field_is_a_bigint_of_hellers_edited_through_the_money_form_field():
    field = EventPage._meta.get_field("price")
    assert isinstance(field, MoneyField)
    assert field.get_internal_type() == "BigIntegerField"
    form_field = field.formfield()
    assert isinstance(form_field, MoneyFormField)
    assert form_field.clean("80,50") == 8050
    with pytest.raises(ValidationError) as error:
        form_field.clean("-80")
    assert error.value.messages == ["Částka nesmí být záporná."]
    name, path, args, kwargs = MoneyField(allow_negative=True).deconstruct()
    assert path == "radnice.core.money.MoneyField" and kwargs == {"allow_negative": True}


def test_money_filter():
    template = Template("{% load money_tags %}{{ amount|money }}")
    assert template.render(Context({"amount": 123450})) == f"1{NBSP}234,50{NBSP}Kč"
    assert template.render(Context({"amount": None})) == "–"


def test_english_messages():
    with translation.override("en"):
        with pytest.raises(ValidationError) as error:
            parse_money("-5")
        assert error.value.messages == ["The amount must not be negative."]
