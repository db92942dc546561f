"""Money: whole hellers (int) everywhere, written and read the Czech way.

One representation for every amount of the platform (the budget, the events' admission,
the payment shop): an ``int`` of hellers (1 Kč = 100 hellers), stored in a ``MoneyField``
(a ``BigIntegerField``). No float ever touches an amount; Decimal crowns only at the edges
(``to_decimal`` for CSV and JSON exports, ``from_decimal`` for data that arrives in crowns).

- ``format_money(hellers)``: ``1 234,50 Kč`` with non-breaking spaces (template filter
  ``money`` of ``money_tags``);
- ``parse_money(text)``: ``"1 234,50"``, ``"1234,5"``, ``"1 234 Kč"`` → hellers, or a
  ``ValidationError`` in Czech saying what is wrong;
- ``MoneyField`` / ``MoneyFormField``: the model field and its form field (Czech input,
  Czech display when editing).
"""

import re
from decimal import ROUND_HALF_UP, Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

NBSP = "\u00a0"
#: the largest amount a MoneyField accepts: 10 ** 15 Kč is far beyond any budget, and the
#: value (in hellers) stays well inside a signed 64-bit integer
MAX_HELLERS = 10**17


def group_thousands(number):
    """``1234567`` as ``1 234 567`` (non-breaking spaces)."""
    digits = str(number)
    groups = []
    while len(digits) > 3:
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    groups.insert(0, digits)
    return NBSP.join(groups)


def format_money(hellers, currency=True, omit_zero_hellers=False):
    """1234.5 Kč as ``1 234,50 Kč`` (non-breaking spaces, so an amount never wraps).

    ``omit_zero_hellers`` writes a whole amount without decimals (``150 Kč``), as prices on
    posters are written; ``None`` is ``–``.
    """
    if hellers is None:
        return "–"
    sign = "-" if hellers < 0 else ""
    crowns, rest = divmod(abs(int(hellers)), 100)
    text = f"{sign}{group_thousands(crowns)}"
    if rest or not omit_zero_hellers:
        text = f"{text},{rest:02d}"
    return f"{text}{NBSP}Kč" if currency else text


def to_decimal(hellers):
    """Hellers as a Decimal number of crowns (for CSV and JSON exports)."""
    return (Decimal(int(hellers)) / 100).quantize(Decimal("0.01"))


def from_decimal(crowns):
    """A number of crowns (Decimal, int or its text with a dot) as hellers, rounded half up."""
    hellers = (Decimal(crowns) * 100).quantize(Decimal("1"), rounding=ROUND_HALF_UP)
    return int(hellers)


#: digits with optional groups of thousands (a space, non-breaking or narrow no-break space
#: between groups of three; never a dot, which would make "1.234" ambiguous), an optional
#: decimal comma or dot with the hellers or a dash (``150,-``), an optional currency
_AMOUNT = re.compile(
    r"""^(?P<sign>[-−])?\s*
        (?P<whole>\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+)
        (?:[,.](?P<fraction>\d+|-{1,2}))?
        \s*(?:Kč|Kc|CZK)?$""",
    re.VERBOSE | re.IGNORECASE,
)


def parse_money(text, allow_negative=False):
    """Czech text of an amount as hellers: ``1 234,50`` → 123450.

    Accepts spaces between thousands, a decimal comma (or dot), ``Kč``/``CZK`` after the
    amount and ``150,-``. Raises ``ValidationError`` (Czech) on anything else, on more than
    two decimal places and on a negative amount unless ``allow_negative``.
    """
    cleaned = str(text).strip()
    match = _AMOUNT.match(cleaned)
    if not match:
        raise ValidationError(
            _("„%(value)s“ není částka. Napište ji například jako 1 234,50 nebo 1234 Kč."),
            code="invalid",
            params={"value": cleaned},
        )
    whole = re.sub(r"\D", "", match["whole"])
    fraction = match["fraction"] or ""
    if fraction.startswith("-"):
        fraction = ""
    if len(fraction) > 2:
        raise ValidationError(
            _("Částka „%(value)s“ má víc než dvě desetinná místa; nejmenší jednotka je haléř."),
            code="precision",
            params={"value": cleaned},
        )
    hellers = int(whole) * 100 + int(fraction.ljust(2, "0"))
    if match["sign"]:
        if not allow_negative:
            raise ValidationError(
                _("Částka nesmí být záporná."), code="negative", params={"value": cleaned}
            )
        hellers = -hellers
    if abs(hellers) >= MAX_HELLERS:
        raise ValidationError(_("Částka je příliš velká."), code="too_large")
    return hellers


class MoneyInput(forms.TextInput):
    """Shows hellers as Czech text (``1 234,50``) when a form is edited."""

    def __init__(self, attrs=None):
        super().__init__({"inputmode": "decimal", "autocomplete": "off", **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, int) and not isinstance(value, bool):
            return format_money(value, currency=False).replace(NBSP, " ")
        return super().format_value(value)


class MoneyFormField(forms.Field):
    """An amount typed the Czech way; ``cleaned_data`` holds hellers (int)."""

    widget = MoneyInput

    def __init__(self, *, allow_negative=False, min_value=None, max_value=None, **kwargs):
        kwargs.pop("max_length", None)
        super().__init__(**kwargs)
        self.allow_negative = allow_negative
        self.min_value = min_value
        self.max_value = max_value

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        return parse_money(value, allow_negative=self.allow_negative)

    def validate(self, value):
        super().validate(value)
        if value is None:
            return
        if self.min_value is not None and value < self.min_value:
            raise ValidationError(
                _("Nejmenší možná částka je %(limit)s."),
                code="min_value",
                params={"limit": format_money(self.min_value)},
            )
        if self.max_value is not None and value > self.max_value:
            raise ValidationError(
                _("Největší možná částka je %(limit)s."),
                code="max_value",
                params={"limit": format_money(self.max_value)},
            )


class MoneyField(models.BigIntegerField):
    """An amount in whole hellers; edited as Czech text through ``MoneyFormField``.

    ``allow_negative`` (default False) lets a form accept negative amounts (a refund, a
    budget's deficit); the database column is a plain signed ``bigint`` either way.
    """

    def __init__(self, *args, allow_negative=False, **kwargs):
        self.allow_negative = allow_negative
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if self.allow_negative:
            kwargs["allow_negative"] = True
        return name, path, args, kwargs

    def formfield(self, **kwargs):
        # BigIntegerField would hand its integer limits to an IntegerField; an amount's
        # limits are in hellers and shown as money instead.
        defaults = {
            "form_class": MoneyFormField,
            "allow_negative": self.allow_negative,
            "max_value": MAX_HELLERS - 1,
            "min_value": None if self.allow_negative else 0,
        }
        defaults.update(kwargs)
        return models.Field.formfield(self, **defaults)
