"""QR Platba: the SPAYD string (Czech Banking Association's standard, version 1.2) and its
QR code as inline SVG (pages, HTML e-mail) and PNG (PDF, e-mail attachments).

``spayd_string(iban=..., amount=..., variable_symbol=..., ...)`` writes
``SPD*1.0*ACC:CZ65…*AM:450.00*CC:CZK*X-VS:2600000018*CRC32:1A2B3C4D``:

- ``ACC`` the receiving IBAN (checked, ``radnice.core.bank.validate_iban``), optionally
  ``+BIC``; ``AM`` the amount in hellers written with a dot and two decimals, at most
  9 999 999.99; ``CC`` the currency (``CZK``); ``DT`` the due date ``YYYYMMDD``;
  ``X-VS``/``X-SS``/``X-KS`` the variable, specific and constant symbol (at most 10 digits);
- ``MSG`` (message for the recipient) is cut to 60 characters and ``RN`` (recipient's name)
  to 35, as the standard lets a generator do; whitespace runs become one space;
- ``*`` inside a value is written ``%2A`` (the standard's only escape), so a value can never
  end its field;
- impossible values (an amount above the maximum, zero or negative; a symbol that is not 1
  to 10 digits; an invalid IBAN; a currency that is not three capitals) raise ``SpaydError``
  with a Czech message instead of producing a code that a bank would refuse.

Keys are written in the order of the canonical form (below), so the string before ``CRC32``
*is* the canonical form and a reader can check it without re-sorting.

The QR code: error correction level M, as the standard asks for print; text in UTF-8
(the byte mode of QR; an all-capitals string falls back to the denser alphanumeric mode
by itself). ``qr_svg`` gives an ``<svg>`` element to place in HTML (one path, no script,
no external reference, a text alternative for screen readers); ``qr_png`` the bytes of a
black-and-white PNG.
"""

import functools
import io
import re
import zlib

import qrcode
from django.utils.html import format_html
from django.utils.translation import gettext as _
from PIL import Image
from qrcode.constants import ERROR_CORRECT_M

from .bank import validate_iban

HEADER = "SPD*1.0*"
MAX_AMOUNT_HELLERS = 999_999_999  # 9 999 999.99
MESSAGE_LENGTH = 60
RECIPIENT_NAME_LENGTH = 35
SYMBOL_DIGITS = 10
#: the quiet zone around the code, in modules (ISO/IEC 18004 asks for four)
QUIET_ZONE = 4


class SpaydError(ValueError):
    """A value QR Platba cannot carry; the message says which and why, in Czech."""


def escape_value(value):
    """A value as SPAYD writes it: one line, ``*`` as ``%2A``."""
    return re.sub(r"\s+", " ", str(value)).strip().replace("*", "%2A")


def _symbol(value, key):
    text = str(value).strip()
    if not re.fullmatch(rf"\d{{1,{SYMBOL_DIGITS}}}", text):
        raise SpaydError(
            _("Symbol %(key)s pro QR Platbu má 1 až 10 číslic, ne „%(value)s“.")
            % {"key": key, "value": text}
        )
    return text


def _amount(hellers):
    if isinstance(hellers, bool) or not isinstance(hellers, int):
        raise SpaydError(_("Částka pro QR Platbu se zadává v haléřích (celé číslo)."))
    if hellers <= 0:
        raise SpaydError(_("Částka pro QR Platbu musí být kladná."))
    if hellers > MAX_AMOUNT_HELLERS:
        raise SpaydError(_("QR Platba unese nejvýš 9 999 999,99 Kč."))
    crowns, rest = divmod(hellers, 100)
    return f"{crowns}.{rest:02d}"


def canonical_form(fields):
    """The standard's canonical form (the input of CRC32): the header, then every pair
    ``KEY:value`` except CRC32, sorted by key (byte order of the keys), joined by ``*``,
    with no ``*`` at the end.

    Our reading of the standard (section "CRC32", version 1.2) and of the reference
    implementations, which agree: the checksum is CRC-32 as zlib computes it (IEEE 802.3
    polynomial), of the UTF-8 bytes of that form, written as 8 upper-case hex digits.
    """
    pairs = sorted((key, value) for key, value in fields.items() if key != "CRC32")
    return HEADER + "*".join(f"{key}:{value}" for key, value in pairs)


def crc32_of(fields):
    return f"{zlib.crc32(canonical_form(fields).encode('utf-8')) & 0xFFFFFFFF:08X}"


def spayd_string(
    *,
    iban,
    amount=None,
    currency="CZK",
    variable_symbol=None,
    specific_symbol=None,
    constant_symbol=None,
    message="",
    recipient_name="",
    due_date=None,
    bic="",
    with_crc=True,
):
    """The SPAYD string of one payment; ``amount`` in hellers (int)."""
    try:
        account = validate_iban(iban)
    except Exception as error:
        raise SpaydError(
            _("Účet pro QR Platbu není platný IBAN: %(reason)s")
            % {"reason": " ".join(getattr(error, "messages", [str(error)]))}
        ) from error
    if bic:
        if not re.fullmatch(r"[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?", bic):
            raise SpaydError(_("BIC „%(bic)s“ má 8 nebo 11 znaků.") % {"bic": bic})
        account = f"{account}+{bic}"
    fields = {"ACC": account}
    if amount is not None:
        fields["AM"] = _amount(amount)
    if currency:
        if not re.fullmatch(r"[A-Z]{3}", currency):
            raise SpaydError(_("Měna pro QR Platbu jsou tři velká písmena (CZK)."))
        fields["CC"] = currency
    if due_date is not None:
        fields["DT"] = due_date.strftime("%Y%m%d")
    message = limited(message, MESSAGE_LENGTH)
    if message:
        fields["MSG"] = message
    recipient_name = limited(recipient_name, RECIPIENT_NAME_LENGTH)
    if recipient_name:
        fields["RN"] = recipient_name
    for key, value in (
        ("X-VS", variable_symbol),
        ("X-SS", specific_symbol),
        ("X-KS", constant_symbol),
    ):
        if value not in (None, ""):
            fields[key] = _symbol(value, key)
    text = canonical_form(fields)
    if with_crc:
        text = f"{text}*CRC32:{crc32_of(fields)}"
    return text


def limited(value, length):
    """The escaped value cut to ``length`` characters as written (an escaped ``*`` counts
    three), never inside an ``%2A``, where a reader would see ``%2`` or ``%``."""
    escaped = escape_value(value)
    if len(escaped) <= length:
        return escaped
    for start in (length - 2, length - 1):
        if escaped.startswith("%2A", start):
            return escaped[:start].rstrip()
    return escaped[:length].rstrip()


# --- The QR code -------------------------------------------------------------------------


@functools.lru_cache(maxsize=256)
def qr_matrix(text):
    """The modules of the QR code of ``text`` (error correction M), quiet zone included, as
    rows of booleans.

    Encoding is the expensive part (qrcode tries all eight mask patterns and keeps the one
    the standard's penalty rules prefer, in pure Python), so the last codes are kept: an
    order's code is drawn for its page (which refreshes while the payment is pending), its
    e-mail and its PDF from one encoding.
    """
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=QUIET_ZONE)
    code.add_data(text)
    code.make(fit=True)
    return tuple(tuple(bool(cell) for cell in row) for row in code.get_matrix())


def qr_svg(text, label=None, css_class="qr-code"):
    """An ``<svg>`` element of the code, for HTML pages and e-mails (safe to output as is).

    One path of horizontal runs of dark modules on a white square, scaled by the page's CSS
    (``width`` of the element; the default size is 4 cm), crisp at any size.
    """
    matrix = qr_matrix(text)
    size = len(matrix)
    runs = []
    for y, row in enumerate(matrix):
        x = 0
        while x < size:
            if row[x]:
                start = x
                while x < size and row[x]:
                    x += 1
                runs.append(f"M{start} {y}h{x - start}v1h-{x - start}z")
            else:
                x += 1
    label = _("QR Platba") if label is None else label
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="{css_class}" viewBox="0 0 {size} {size}" '
        'width="40mm" height="40mm" role="img" aria-label="{label}" shape-rendering="crispEdges">'
        '<title>{label}</title><rect width="{size}" height="{size}" fill="#fff"/>'
        '<path fill="#000" d="{path}"/></svg>',
        css_class=css_class,
        size=size,
        label=label,
        path="".join(runs),
    )


def qr_png(text, module_pixels=8):
    """The code as PNG bytes, ``module_pixels`` pixels per module (8: about 400 px wide)."""
    matrix = qr_matrix(text)
    size = len(matrix)
    # One byte per module (0 black, 255 white), scaled up without smoothing: far faster than
    # drawing every module as a rectangle.
    pixels = bytes(0 if dark else 255 for row in matrix for dark in row)
    image = Image.frombytes("L", (size, size), pixels).convert("1")
    image = image.resize((size * module_pixels, size * module_pixels), Image.Resampling.NEAREST)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=False)
    return buffer.getvalue()
