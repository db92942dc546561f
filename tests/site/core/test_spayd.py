"""QR Platba: the SPAYD string, and QR codes that an independent decoder (zxing-cpp) reads back."""

import binascii
import datetime
import io
import re

import pytest
import zxingcpp
from django.core.management import CommandError, call_command
from PIL import Image

from radnice.core.spayd import (
    MAX_AMOUNT_HELLERS,
    SpaydError,
    qr_matrix,
    qr_png,
    qr_svg,
    spayd_string,
)

IBAN = "CZ6508000000192000145399"


def parse_spayd(text):
    """A SPAYD string as (header, {key: value}), values unescaped: the tests' own reader."""
    parts = text.split("*")
    header = "*".join(parts[:2])
    fields = {}
    for part in parts[2:]:
        key, _colon, value = part.partition(":")
        assert key not in fields, f"{key} twice"
        fields[key] = value.replace("%2A", "*")
    return header, fields


def crc_as_a_reader_checks_it(text):
    """Recompute the CRC32 the way a bank's reader does: drop the CRC32 pair, sort the pairs by
    key as written, join them behind the header, CRC-32 (binascii, not zlib) of the bytes."""
    head, _sep, crc = text.rpartition("*CRC32:")
    parts = head.split("*")
    canonical = "*".join(parts[:2] + sorted(parts[2:], key=lambda pair: pair.split(":")[0]))
    return crc, f"{binascii.crc32(canonical.encode('utf-8')):08X}"


def decode(png):
    results = zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))
    assert len(results) == 1
    assert results[0].format == zxingcpp.BarcodeFormat.QRCode
    return results[0]


def test_a_payment_is_written_as_the_standard_says():
    text = spayd_string(
        iban="cz65 0800 0000 1920 0014 5399",
        amount=45050,
        variable_symbol="2600000018",
        specific_symbol=42,
        constant_symbol="0308",
        message="Poplatek ze psa",
        recipient_name="Obec Lhota pod Lesem",
        due_date=datetime.date(2026, 12, 31),
    )
    head, _crc_sep, crc = text.rpartition("*CRC32:")
    assert head == (
        "SPD*1.0*ACC:CZ6508000000192000145399*AM:450.50*CC:CZK*DT:20261231"
        "*MSG:Poplatek ze psa*RN:Obec Lhota pod Lesem*X-KS:0308*X-SS:42*X-VS:2600000018"
    )
    assert re.fullmatch(r"[0-9A-F]{8}", crc)
    assert crc_as_a_reader_checks_it(text) == (crc, crc)


def test_crc32_matches_a_published_example():
    # The example of the SPAYD reader in Rust (crate "spayd"): this canonical form has CRC32
    # AAD80227.
    text = spayd_string(iban="CZ5855000000001265098001", amount=10000)
    assert text == "SPD*1.0*ACC:CZ5855000000001265098001*AM:100.00*CC:CZK*CRC32:AAD80227"


def test_amounts_are_dot_decimals_with_two_places():
    assert "*AM:0.05*" in spayd_string(iban=IBAN, amount=5)
    assert "*AM:9999999.99*" in spayd_string(iban=IBAN, amount=MAX_AMOUNT_HELLERS)
    assert "AM:" not in spayd_string(iban=IBAN)
    assert "*CRC32:" not in spayd_string(iban=IBAN, amount=100, with_crc=False)


def test_a_star_in_a_value_is_escaped_and_long_texts_are_cut():
    text = spayd_string(iban=IBAN, amount=100, message="Vstupenka * 2 osoby")
    assert "*MSG:Vstupenka %2A 2 osoby*" in text
    assert parse_spayd(text)[1]["MSG"] == "Vstupenka * 2 osoby"
    long = spayd_string(iban=IBAN, message="a" * 80, recipient_name="b" * 50)
    fields = parse_spayd(long)[1]
    assert fields["MSG"] == "a" * 60
    assert fields["RN"] == "b" * 35
    # Never cut inside "%2A": 59 letters and a star would leave "%2" at the end.
    cut = parse_spayd(spayd_string(iban=IBAN, message="a" * 59 + "*b"))[1]["MSG"]
    assert cut == "a" * 59
    # Line breaks and tabs become single spaces.
    assert parse_spayd(spayd_string(iban=IBAN, message="Řádek\n\tdruhý"))[1]["MSG"] == (
        "Řádek druhý"
    )


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"amount": MAX_AMOUNT_HELLERS + 1}, "QR Platba unese nejvýš 9 999 999,99 Kč."),
        ({"amount": 0}, "Částka pro QR Platbu musí být kladná."),
        ({"amount": -100}, "Částka pro QR Platbu musí být kladná."),
        ({"amount": 12.5}, "Částka pro QR Platbu se zadává v haléřích (celé číslo)."),
        (
            {"variable_symbol": "12345678901"},
            "Symbol X-VS pro QR Platbu má 1 až 10 číslic, ne „12345678901“.",
        ),
        ({"constant_symbol": "03O8"}, "Symbol X-KS pro QR Platbu má 1 až 10 číslic, ne „03O8“."),
        ({"currency": "Kč"}, "Měna pro QR Platbu jsou tři velká písmena (CZK)."),
        (
            {"iban": "CZ6508000000192000145398"},
            "Účet pro QR Platbu není platný IBAN: IBAN neprošel kontrolou modulo 97",
        ),
        ({"bic": "GIBA"}, "BIC „GIBA“ má 8 nebo 11 znaků."),
    ],
)
def test_impossible_values_are_refused(arguments, message):
    with pytest.raises(SpaydError) as error:
        spayd_string(**{"iban": IBAN, "amount": 100, **arguments})
    assert str(error.value).startswith(message)


def test_bic_follows_the_iban():
    text = spayd_string(iban=IBAN, amount=100, bic="GIBACZPX")
    assert parse_spayd(text)[1]["ACC"] == f"{IBAN}+GIBACZPX"


def test_the_png_decodes_to_the_exact_string_field_by_field():
    text = spayd_string(
        iban=IBAN,
        amount=123450,
        variable_symbol="2600000018",
        constant_symbol="0558",
        message="Školní výlet * Krkonoše, 3. B",
        recipient_name="ZŠ Lhota",
        due_date=datetime.date(2027, 1, 15),
    )
    png = qr_png(text)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    result = decode(png)
    assert result.ec_level == "M"
    assert result.text == text
    header, fields = parse_spayd(result.text)
    assert header == "SPD*1.0"
    assert fields == {
        "ACC": IBAN,
        "AM": "1234.50",
        "CC": "CZK",
        "DT": "20270115",
        "MSG": "Školní výlet * Krkonoše, 3. B",
        "RN": "ZŠ Lhota",
        "X-KS": "0558",
        "X-VS": "2600000018",
        "CRC32": crc_as_a_reader_checks_it(result.text)[1],
    }


def svg_to_matrix(svg):
    """The dark modules of our SVG, read back from its path of horizontal runs."""
    size = int(re.search(r'viewBox="0 0 (\d+) \1"', svg)[1])
    matrix = [[False] * size for _ in range(size)]
    path = re.search(r'<path fill="#000" d="([^"]*)"', svg)[1]
    for x, y, width in re.findall(r"M(\d+) (\d+)h(\d+)v1h-\3z", path):
        for column in range(int(x), int(x) + int(width)):
            matrix[int(y)][column] = True
    return matrix


def test_the_svg_draws_the_same_code_and_is_safe_to_inline():
    text = spayd_string(iban=IBAN, amount=45000, variable_symbol="2600000018")
    svg = str(qr_svg(text, label="QR Platba: 450 Kč na účet 19-2000145399/0800"))
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg" class="qr-code"')
    assert (
        'role="img"' in svg and "<title>QR Platba: 450 Kč na účet 19-2000145399/0800</title>" in svg
    )
    assert "<script" not in svg and "href" not in svg and "style" not in svg
    assert re.findall(r"https?://[^\"]+", svg) == ["http://www.w3.org/2000/svg"]
    matrix = svg_to_matrix(svg)
    assert matrix == [list(row) for row in qr_matrix(text)]
    # And the decoder reads the SVG's modules, drawn as pixels, as the same string.
    size = len(matrix)
    pixels = bytes(0 if dark else 255 for row in matrix for dark in row)
    image = Image.frombytes("L", (size, size), pixels).resize((size * 6, size * 6))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    assert decode(buffer.getvalue()).text == text


def test_the_svg_label_is_escaped():
    svg = str(qr_svg("SPD*1.0*ACC:" + IBAN, label='<b>"x"</b>'))
    assert "<b>" not in svg and "&lt;b&gt;&quot;x&quot;&lt;/b&gt;" in svg


def test_render_time_benchmark_reports_every_format_and_judges_the_goal():
    output = io.StringIO()
    call_command("qr_render_time", repeat=3, goal_ms=100000, stdout=output)
    lines = output.getvalue().splitlines()
    assert lines[0].startswith("Řetězec QR Platby (230 znaků): SPD*1.0*ACC:CZ65")
    rows = [line.split("  ")[0] for line in lines[2:6]]
    assert rows == ["SVG (nový kód)", "PNG (nový kód)", "SVG (z mezipaměti)", "PNG (z mezipaměti)"]
    assert all(
        re.search(r"\d+\.\d\d ms +\d+\.\d\d ms +\d+\.\d\d ms +\d+\.\d\d ms$", line)
        for line in lines[2:6]
    )
    assert lines[6] == "QR kód se vykreslí v cíli 100000 ms."
    with pytest.raises(CommandError) as error:
        call_command("qr_render_time", repeat=2, goal_ms=0.000001, stdout=io.StringIO())
    assert str(error.value).startswith(
        "Medián času procesoru pro vykreslení QR kódu překročil cíl 1e-06 ms: SVG (nový kód)"
    )
    with pytest.raises(CommandError):
        call_command("qr_render_time", repeat=0, stdout=io.StringIO())
