"""Czech bank accounts and IBANs: parse, check, convert, validate, show.

A Czech account number is ``prefix-number/bank``: an optional prefix of at most 6 digits, a
number of 2 to 10 digits and a 4-digit bank code (ČNB's Vyhláška 169/2011 Sb.). Prefix and
number each pass a modulo-11 check: padded with leading zeros to 6 and 10 digits, the sum of
their digits times the weights 10, 5, 8, 4, 2, 1 (prefix) and 6, 3, 7, 9, 10, 5, 8, 4, 2, 1
(number) is divisible by 11.

Its IBAN is ``CZkk BBBB PPPPPP NNNNNNNNNN``: bank code, prefix and number zero-padded, and
check digits ``kk`` by ISO 7064 mod 97-10 (ISO 13616): the BBAN followed by the country code
(letters as numbers, A = 10 … Z = 35) and ``00``, taken modulo 97, subtracted from 98. A valid
IBAN, moved its first four characters to the end and read the same way, leaves 1. Slovak
accounts share the structure, weights and IBAN layout.

Stored forms: an account as ``prefix-number/bank`` without leading zeros (``19-2000145399/0800``),
an IBAN compact in capitals (``CZ6508000000192000145399``); ``format_iban`` shows it in groups
of four. ``CzechBankAccountField`` and ``IBANField`` are the model fields, with form fields
that accept what people type (spaces, lower case) and say in Czech what is wrong.
"""

import re
from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

PREFIX_WEIGHTS = (10, 5, 8, 4, 2, 1)
NUMBER_WEIGHTS = (6, 3, 7, 9, 10, 5, 8, 4, 2, 1)

#: IBAN lengths by country (the SWIFT IBAN registry) for the countries a Czech town's
#: payments come from most; any other country gets the generic rule (15 to 34 characters)
IBAN_LENGTHS = {
    "AT": 20,
    "BE": 16,
    "CH": 21,
    "CZ": 24,
    "DE": 22,
    "DK": 18,
    "ES": 24,
    "FI": 18,
    "FR": 27,
    "GB": 22,
    "HR": 21,
    "HU": 28,
    "IE": 22,
    "IT": 27,
    "LU": 20,
    "NL": 18,
    "NO": 15,
    "PL": 28,
    "PT": 25,
    "SE": 24,
    "SI": 19,
    "SK": 24,
}
#: countries whose BBAN is bank (4) + prefix (6) + number (10) with the modulo-11 checks
CZECH_STYLE_COUNTRIES = ("CZ", "SK")
IBAN_MIN_LENGTH, IBAN_MAX_LENGTH = 15, 34

_ACCOUNT = re.compile(r"^(?:(?P<prefix>\d+)\s*-\s*)?(?P<number>\d+)\s*/\s*(?P<bank>\d+)$")


def passes_mod11(digits, weights):
    """Whether ``digits`` (zero-padded on the left to the weights' length) pass modulo 11."""
    padded = digits.rjust(len(weights), "0")
    return sum(int(digit) * weight for digit, weight in zip(padded, weights, strict=True)) % 11 == 0


def _iban_remainder(text):
    """The remainder modulo 97 of ``text`` with letters read as numbers (A = 10 … Z = 35)."""
    return int("".join(str(int(char, 36)) for char in text)) % 97


@dataclass(frozen=True)
class CzechBankAccount:
    """A checked Czech account: prefix and number without leading zeros, 4-digit bank code."""

    prefix: str
    number: str
    bank_code: str

    def __str__(self):
        if self.prefix:
            return f"{self.prefix}-{self.number}/{self.bank_code}"
        return f"{self.number}/{self.bank_code}"

    @property
    def bban(self):
        return f"{self.bank_code}{self.prefix.rjust(6, '0')}{self.number.rjust(10, '0')}"

    def to_iban(self, country="CZ"):
        check = 98 - _iban_remainder(f"{self.bban}{country}00")
        return f"{country}{check:02d}{self.bban}"


def parse_czech_account(text):
    """``"19-2000145399/0800"`` as a ``CzechBankAccount``, or ``ValidationError`` saying why not."""
    compact = str(text).strip().replace("\u00a0", " ")
    match = _ACCOUNT.match(compact)
    if not match:
        raise ValidationError(
            _(
                "Číslo účtu zapište ve tvaru předčíslí-číslo/kód banky, například "
                "19-2000145399/0800 nebo 2000145399/0800."
            ),
            code="format",
        )
    prefix, number, bank = match["prefix"] or "", match["number"], match["bank"]
    if len(prefix) > 6:
        raise ValidationError(_("Předčíslí účtu má nejvýš 6 číslic."), code="prefix_length")
    if not 2 <= len(number) <= 10:
        raise ValidationError(_("Číslo účtu (za předčíslím) má 2 až 10 číslic."), code="length")
    if len(bank) != 4:
        raise ValidationError(_("Kód banky (za lomítkem) má 4 číslice."), code="bank_code")
    if not passes_mod11(prefix, PREFIX_WEIGHTS):
        raise ValidationError(
            _("Předčíslí účtu neprošlo kontrolou modulo 11; zkontrolujte, zda je opsané správně."),
            code="prefix_checksum",
        )
    if int(number) == 0:
        raise ValidationError(_("Číslo účtu nesmí být samé nuly."), code="zero")
    if not passes_mod11(number, NUMBER_WEIGHTS):
        raise ValidationError(
            _("Číslo účtu neprošlo kontrolou modulo 11; zkontrolujte, zda je opsané správně."),
            code="checksum",
        )
    return CzechBankAccount(prefix.lstrip("0"), number.lstrip("0"), bank)


def compact_iban(text):
    return re.sub(r"[\s\u00a0-]", "", str(text)).upper()


def validate_iban(text):
    """The IBAN compact and in capitals, or ``ValidationError`` saying what is wrong."""
    iban = compact_iban(text)
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]+", iban):
        if re.search(r"[^A-Z0-9]", iban):
            raise ValidationError(
                _("IBAN smí obsahovat jen písmena bez diakritiky a číslice."), code="characters"
            )
        raise ValidationError(
            _(
                "IBAN začíná dvoupísmenným kódem země a dvěma kontrolními číslicemi, například "
                "CZ65 0800 0000 1920 0014 5399."
            ),
            code="format",
        )
    country = iban[:2]
    expected = IBAN_LENGTHS.get(country)
    if expected is not None and len(iban) != expected:
        raise ValidationError(
            _("IBAN země %(country)s má %(expected)s znaků, zadaný má %(length)s."),
            code="length",
            params={"country": country, "expected": expected, "length": len(iban)},
        )
    if expected is None and not IBAN_MIN_LENGTH <= len(iban) <= IBAN_MAX_LENGTH:
        raise ValidationError(
            _("IBAN má %(min)s až %(max)s znaků, zadaný má %(length)s."),
            code="length",
            params={"min": IBAN_MIN_LENGTH, "max": IBAN_MAX_LENGTH, "length": len(iban)},
        )
    if _iban_remainder(iban[4:] + iban[:4]) != 1:
        raise ValidationError(
            _("IBAN neprošel kontrolou modulo 97; zkontrolujte, zda je opsaný správně."),
            code="checksum",
        )
    if country in CZECH_STYLE_COUNTRIES:
        bban = iban[4:]
        if not bban.isdigit():
            raise ValidationError(
                _("IBAN země %(country)s obsahuje za kódem země jen číslice."),
                code="characters",
                params={"country": country},
            )
        if not passes_mod11(bban[4:10], PREFIX_WEIGHTS):
            raise ValidationError(
                _("Předčíslí účtu v IBAN neprošlo kontrolou modulo 11."), code="prefix_checksum"
            )
        if not passes_mod11(bban[10:], NUMBER_WEIGHTS) or int(bban[10:]) == 0:
            raise ValidationError(
                _("Číslo účtu v IBAN neprošlo kontrolou modulo 11."), code="number_checksum"
            )
    return iban


def iban_to_czech_account(iban):
    """A Czech (or Slovak) IBAN as ``CzechBankAccount``."""
    iban = validate_iban(iban)
    if iban[:2] not in CZECH_STYLE_COUNTRIES:
        raise ValidationError(_("IBAN nepatří českému účtu."), code="country")
    bban = iban[4:]
    return CzechBankAccount(bban[4:10].lstrip("0"), bban[10:].lstrip("0"), bban[:4])


def czech_account_to_iban(text):
    """``"19-2000145399/0800"`` → ``"CZ6508000000192000145399"``."""
    return parse_czech_account(text).to_iban()


def format_iban(iban):
    """An IBAN in groups of four for people to read: ``CZ65 0800 0000 1920 0014 5399``."""
    compact = compact_iban(iban)
    return " ".join(compact[i : i + 4] for i in range(0, len(compact), 4))


def validate_czech_account(value):
    parse_czech_account(value)


# --- Model and form fields ---------------------------------------------------------------


class CzechBankAccountFormField(forms.CharField):
    """``prefix-number/bank`` as typed; cleans to the stored form without leading zeros."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 40)
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("autocomplete", "off")
        self.widget.attrs.setdefault("placeholder", "19-2000145399/0800")

    def clean(self, value):
        value = super().clean(value)
        return str(parse_czech_account(value)) if value else value


class IBANFormField(forms.CharField):
    """An IBAN as typed (spaces, lower case); cleans to the compact form in capitals."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 50)
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("autocomplete", "off")

    def prepare_value(self, value):
        return format_iban(value) if value else value

    def clean(self, value):
        value = super().clean(value)
        return validate_iban(value) if value else value


class CzechBankAccountField(models.CharField):
    """A Czech account number, stored as ``prefix-number/bank`` (checked modulo 11)."""

    default_validators = [validate_czech_account]

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 22)
        super().__init__(*args, **kwargs)

    def formfield(self, **kwargs):
        # typed text may carry spaces around "-" and "/" beyond the stored length
        defaults = {"form_class": CzechBankAccountFormField, "max_length": 40}
        return super().formfield(**{**defaults, **kwargs})


class IBANField(models.CharField):
    """An IBAN, stored compact in capitals (checked modulo 97, length per country)."""

    default_validators = [validate_iban]

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", IBAN_MAX_LENGTH)
        super().__init__(*args, **kwargs)

    def formfield(self, **kwargs):
        # typed in groups of four, an IBAN is longer than stored
        defaults = {"form_class": IBANFormField, "max_length": 50}
        return super().formfield(**{**defaults, **kwargs})
