"""Czech account numbers (modulo 11) and IBANs (modulo 97): radnice.core.bank."""

import pytest
from django import forms
from django.core.exceptions import ValidationError

from radnice.core.bank import (
    CzechBankAccountField,
    CzechBankAccountFormField,
    IBANField,
    IBANFormField,
    czech_account_to_iban,
    format_iban,
    iban_to_czech_account,
    parse_czech_account,
    validate_iban,
)

#: real accounts with the IBANs their banks publish (Česká spořitelna's example account,
#: Komerční banka's and Raiffeisenbank's examples of QR Platba, a ČSOB account from an
#: invoice example of QR Faktura)
PUBLISHED = [
    ("19-2000145399/0800", "CZ6508000000192000145399"),
    ("123/0100", "CZ7801000000000000000123"),
    ("300300232/0800", "CZ2508000000000300300232"),
    ("1265098001/5500", "CZ5855000000001265098001"),
    ("27-16060243/0300", "CZ3103000000270016060243"),
    ("2970297/0100", "CZ3301000000000002970297"),
]


def iban_by_hand(bank, prefix, number, country="CZ"):
    """The IBAN computed digit by digit (r = 10·r + d mod 97), not as the module does."""
    bban = bank + prefix.zfill(6) + number.zfill(10)
    rearranged = bban + country + "00"
    remainder = 0
    for char in rearranged:
        value = ord(char) - ord("A") + 10 if char.isalpha() else int(char)
        for digit in str(value):
            remainder = (remainder * 10 + int(digit)) % 97
    return f"{country}{98 - remainder:02d}{bban}"


@pytest.mark.parametrize(("account", "iban"), PUBLISHED)
def test_published_accounts_convert_to_their_iban_and_back(account, iban):
    parsed = parse_czech_account(account)
    bank = account.split("/")[1]
    prefix, _dash, number = account.split("/")[0].rpartition("-")
    assert iban_by_hand(bank, prefix, number) == iban
    assert czech_account_to_iban(account) == iban
    assert validate_iban(iban) == iban
    assert iban_to_czech_account(iban) == parsed
    assert str(iban_to_czech_account(iban)) == account


def test_accounts_are_read_as_people_type_them():
    assert str(parse_czech_account(" 000019 - 2000145399 / 0800 ")) == "19-2000145399/0800"
    assert str(parse_czech_account("0000000123/0100")) == "123/0100"
    assert parse_czech_account("19-2000145399/0800").bban == "08000000192000145399"


@pytest.mark.parametrize(
    ("account", "code", "message"),
    [
        ("2000145399", "format", "Číslo účtu zapište ve tvaru předčíslí-číslo/kód banky"),
        ("19-2000145399/080", "bank_code", "Kód banky (za lomítkem) má 4 číslice."),
        ("1234567-2000145399/0800", "prefix_length", "Předčíslí účtu má nejvýš 6 číslic."),
        ("12345678901/0800", "length", "Číslo účtu (za předčíslím) má 2 až 10 číslic."),
        ("1/0800", "length", "Číslo účtu (za předčíslím) má 2 až 10 číslic."),
        ("19-2000145398/0800", "checksum", "Číslo účtu neprošlo kontrolou modulo 11"),
        ("18-2000145399/0800", "prefix_checksum", "Předčíslí účtu neprošlo kontrolou modulo 11"),
        ("00/0800", "zero", "Číslo účtu nesmí být samé nuly."),
        ("19-2000145399/08OO", "format", "ve tvaru předčíslí-číslo/kód banky"),
    ],
)
def test_bad_accounts_say_what_is_wrong(account, code, message):
    with pytest.raises(ValidationError) as error:
        parse_czech_account(account)
    assert error.value.code == code
    assert message in error.value.messages[0]


def test_iban_checks():
    assert validate_iban("cz65 0800 0000 1920 0014 5399") == "CZ6508000000192000145399"
    # a Slovak IBAN (Národná banka Slovenska's example) and a German one (the registry's)
    assert validate_iban("SK31 1200 0000 1987 4263 7541") == "SK3112000000198742637541"
    assert validate_iban("DE89 3704 0044 0532 0130 00") == "DE89370400440532013000"
    # a country outside the table: the generic length and modulo 97
    assert validate_iban("MT84MALT011000012345MTLCAST001S") == "MT84MALT011000012345MTLCAST001S"


@pytest.mark.parametrize(
    ("iban", "code", "message"),
    [
        ("CZ6508000000192000145398", "checksum", "IBAN neprošel kontrolou modulo 97"),
        ("CZ650800000019200014539", "length", "IBAN země CZ má 24 znaků, zadaný má 23."),
        ("SK311200000019874263754", "length", "IBAN země SK má 24 znaků, zadaný má 23."),
        ("6508000000192000145399", "format", "IBAN začíná dvoupísmenným kódem země"),
        ("CZ65 0800 0000 1920 0014 539Ř", "characters", "jen písmena bez diakritiky"),
        ("XY12345", "length", "IBAN má 15 až 34 znaků, zadaný má 7."),
        # a correct modulo 97 around an account number that fails modulo 11
        (iban_by_hand("0800", "19", "2000145398"), "number_checksum", "modulo 11"),
        (iban_by_hand("0800", "18", "2000145399"), "prefix_checksum", "modulo 11"),
    ],
)
def test_bad_ibans_say_what_is_wrong(iban, code, message):
    with pytest.raises(ValidationError) as error:
        validate_iban(iban)
    assert error.value.code == code
    assert message in error.value.messages[0]


def test_only_czech_and_slovak_ibans_become_czech_accounts():
    with pytest.raises(ValidationError) as error:
        iban_to_czech_account("DE89370400440532013000")
    assert error.value.messages == ["IBAN nepatří českému účtu."]


def test_iban_is_shown_in_groups_of_four():
    assert format_iban("CZ6508000000192000145399") == "CZ65 0800 0000 1920 0014 5399"
    assert format_iban("DE89370400440532013000") == "DE89 3704 0044 0532 0130 00"


class AccountForm(forms.Form):
    account = CzechBankAccountFormField(label="Účet")
    iban = IBANFormField(label="IBAN", required=False)


def test_form_fields_store_the_normal_form_and_show_errors_in_czech():
    form = AccountForm(
        {"account": "000019-2000145399/0800", "iban": "cz65 0800 0000 1920 0014 5399"}
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data == {
        "account": "19-2000145399/0800",
        "iban": "CZ6508000000192000145399",
    }
    bad = AccountForm({"account": "19-2000145398/0800", "iban": "CZ6508000000192000145398"})
    assert not bad.is_valid()
    assert bad.errors["account"] == [
        "Číslo účtu neprošlo kontrolou modulo 11; zkontrolujte, zda je opsané správně."
    ]
    assert bad.errors["iban"] == [
        "IBAN neprošel kontrolou modulo 97; zkontrolujte, zda je opsaný správně."
    ]
    assert 'value="19-2000145398/0800"' in str(bad["account"])  # nothing typed is lost
    shown = AccountForm(
        initial={"account": "19-2000145399/0800", "iban": "CZ6508000000192000145399"}
    )
    assert 'value="CZ65 0800 0000 1920 0014 5399"' in str(shown["iban"])


def test_model_fields_validate_and_offer_the_form_fields():
    account_field = CzechBankAccountField("účet")
    iban_field = IBANField("IBAN")
    assert isinstance(account_field.formfield(), CzechBankAccountFormField)
    assert isinstance(iban_field.formfield(), IBANFormField)
    assert iban_field.formfield().max_length == 50
    account_field.run_validators("19-2000145399/0800")
    with pytest.raises(ValidationError):
        account_field.run_validators("19-2000145398/0800")
    with pytest.raises(ValidationError):
        iban_field.run_validators("CZ6508000000192000145398")
