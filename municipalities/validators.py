"""Validators for Czech identifiers used by municipalities."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

ICO_PATTERN = re.compile(r"^\d{8}$")
DATA_BOX_PATTERN = re.compile(r"^[a-z0-9]{7}$")
POSTCODE_PATTERN = re.compile(r"^\d{3} ?\d{2}$")


def ico_check_digit(first_seven: str) -> int:
    """Return the mod-11 check digit of an IČO whose first seven digits are given."""
    weights = range(8, 1, -1)
    total = sum(int(digit) * weight for digit, weight in zip(first_seven, weights, strict=True))
    remainder = total % 11
    if remainder == 0:
        return 1
    if remainder == 1:
        return 0
    return 11 - remainder


def is_valid_ico(value: str) -> bool:
    value = (value or "").strip()
    if not ICO_PATTERN.match(value):
        return False
    return ico_check_digit(value[:7]) == int(value[7])


def validate_ico(value):
    value = (value or "").strip()
    if not ICO_PATTERN.match(value):
        raise ValidationError(
            _("IČO musí mít přesně 8 číslic (zadáno: „%(value)s“)."),
            code="ico_format",
            params={"value": value},
        )
    if not is_valid_ico(value):
        raise ValidationError(
            _(
                "IČO „%(value)s“ nemá platnou kontrolní číslici "
                "(poslední číslice má být %(digit)s)."
            ),
            code="ico_checksum",
            params={"value": value, "digit": ico_check_digit(value[:7])},
        )


def validate_data_box(value):
    """ID datové schránky: seven lower-case letters and digits."""
    if not DATA_BOX_PATTERN.match(value or ""):
        raise ValidationError(
            _(
                "ID datové schránky má 7 znaků (malá písmena bez diakritiky a číslice), "
                "např. „abc2def“ (zadáno: „%(value)s“)."
            ),
            code="data_box",
            params={"value": value},
        )


def validate_postcode(value):
    if not POSTCODE_PATTERN.match(value or ""):
        raise ValidationError(
            _("PSČ má 5 číslic, např. „123 45“ (zadáno: „%(value)s“)."),
            code="postcode",
            params={"value": value},
        )
