"""Validators for contact details."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

PHONE_PATTERN = re.compile(r"^\+?[0-9 ()/-]+$")


def validate_phone(value):
    """A phone number as people write it: "+420 321 654 987", "321 654 987"."""
    digits = re.sub(r"\D", "", value or "")
    if not PHONE_PATTERN.match(value or "") or not 9 <= len(digits) <= 15:
        raise ValidationError(
            _("Zadejte telefonní číslo, např. „+420 123 456 789“ (zadáno: „%(value)s“)."),
            code="phone",
            params={"value": value},
        )


def phone_uri(value):
    """The number as a ``tel:`` URI (RFC 3966); Czech nine-digit numbers get +420."""
    digits = re.sub(r"[^\d+]", "", value or "")
    if not digits:
        return ""
    if digits.startswith("00"):
        digits = "+" + digits[2:]
    elif not digits.startswith("+") and len(digits) == 9:
        digits = "+420" + digits
    return f"tel:{digits}"
