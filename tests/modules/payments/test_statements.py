"""Bank statements: GPC (ABO) and camt.053 read into the same statements, bad files refused
whole with the line and column in Czech."""

import datetime
import io

import pytest

from modules.payments.statements import ImportRefused, symbols
from modules.payments.statements.camt import parse_camt053
from modules.payments.statements.gpc import parse_gpc

# --- GPC -----------------------------------------------------------------------------------


def fixed(*fields):
    """A 128-character GPC line from (1-based first position, text) pairs, spaces between."""
    line = [" "] * 128
    for first, text in fields:
        line[first - 1 : first - 1 + len(text)] = list(text)
    assert len(line) == 128, "a field runs over the end of the line"
    return "".join(line)


ACCOUNT = "0000190000123457"  # prefix 19, number 123457


def header(old=100000, new=None, debits=0, credits=0, number="007", account=ACCOUNT):
    new = old + credits - debits if new is None else new
    return fixed(
        (1, "074"),
        (4, account),
        (20, "OBEC LHOTA POD LESEM"[:20]),
        (40, "011226"),
        (46, f"{abs(old):014d}"),
        (60, "-" if old < 0 else "+"),
        (61, f"{abs(new):014d}"),
        (75, "-" if new < 0 else "+"),
        (76, f"{debits:014d}"),
        (90, "+"),
        (91, f"{credits:014d}"),
        (105, "+"),
        (106, number),
        (109, "021226"),
    )


def item(hellers, code="2", vs="2026000123", bank_id="0000000012345", name="Žluťoučký Kůň"):
    return fixed(
        (1, "075"),
        (4, ACCOUNT),
        (20, "0000000123456789"),
        (36, bank_id),
        (49, f"{hellers:012d}"),
        (61, code),
        (62, vs.rjust(10, "0")),
        (72, "00"),
        (74, "0800"),
        (78, "0308"),
        (82, "0000000042"),
        (92, "021226"),
        (98, name),
        (118, "0"),
        (119, "0203"),
        (123, "021226"),
    )


def gpc(*lines, encoding="cp1250", newline="\r\n"):
    return io.BytesIO((newline.join(lines) + newline).encode(encoding))


def refused(parse, content):
    with pytest.raises(ImportRefused) as caught:
        parse(content)
    return caught.value.error


def test_gpc_statement_is_read_with_its_items():
    content = gpc(
        header(credits=50000 + 123450, debits=2000),
        item(50000, bank_id="0000000000001"),
        "078" + "Poplatek za psa Čipík".ljust(125),
        item(123450, vs="77", bank_id="0000000000002", name="Jana Nováková"),
        item(2000, code="1", vs="", bank_id="0000000000003", name="Poplatek bance"),
    )
    [statement] = parse_gpc(content)
    assert statement.account == "19-123457"
    assert statement.number == "7"
    assert (statement.opened_on, statement.closed_on) == (
        datetime.date(2026, 12, 1),
        datetime.date(2026, 12, 2),
    )
    assert (statement.opening_balance, statement.closing_balance) == (100000, 271450)
    first, second, fee = statement.transactions
    assert first.amount == 50000 and first.line == 2
    assert first.variable_symbol == "2026000123"
    assert first.constant_symbol == "308" and first.specific_symbol == "42"
    assert first.counter_account == "123456789/0800"
    assert first.counter_name == "Žluťoučký Kůň"
    assert first.message == "Poplatek za psa Čipík"
    assert first.bank_id == "0000000000001"
    assert first.booked_on == first.value_date == datetime.date(2026, 12, 2)
    assert (second.amount, second.variable_symbol, second.line) == (123450, "77", 4)
    assert (fee.amount, fee.variable_symbol) == (-2000, "")


def test_gpc_lines_without_trailing_spaces_and_in_utf8_are_read():
    lines = [header(credits=500), item(500)]
    [statement] = parse_gpc(gpc(*(line.rstrip() for line in lines), encoding="utf-8"))
    assert statement.transactions[0].counter_name == "Žluťoučký Kůň"


def test_gpc_cancellations_turn_the_money_around():
    content = gpc(
        header(credits=700, debits=300),
        item(300, code="5", bank_id="0000000000001"),  # a credit cancelled: money out
        item(700, code="4", bank_id="0000000000002"),  # a debit cancelled: money back in
    )
    cancelled_credit, cancelled_debit = parse_gpc(content)[0].transactions
    assert (cancelled_credit.amount, cancelled_credit.reversal) == (-300, True)
    assert (cancelled_debit.amount, cancelled_debit.reversal) == (700, True)


def test_gpc_bad_amount_is_refused_with_line_and_column():
    broken = item(500)
    broken = broken[:50] + "12x4" + broken[54:]
    error = refused(parse_gpc, gpc(header(credits=500), broken))
    assert (error.line, error.column) == (2, "49–60")
    assert "Částka musí být číslice" in error.message


@pytest.mark.parametrize(
    ("lines", "line", "column", "message"),
    [
        ([item(500)], 1, "1–3", "před hlavičkou"),
        ([header(), "076" + " " * 125], 2, "1–3", "bez položky výpisu"),
        ([header(), "099" + " " * 125], 2, "1–3", "Neznámý typ záznamu „099“"),
        ([header(), item(500) + "x"], 2, "129", "má 129 znaků"),
        ([header(credits=500), item(500, code="3")], 2, "61–61", "Kód účtování musí být"),
        ([header(credits=500), item(500, bank_id=" " * 13)], 2, "36–48", "identifikaci"),
        ([header()[:39] + "311326" + header()[45:]], 1, "40–45", "není platné datum"),
        ([header()[:59] + "?" + header()[60:]], 1, "60–60", "Znaménko"),
        ([header(credits=500), item(400)], 1, "", "kredity položek 400 ≠ obrat kredit"),
        ([header(credits=500, new=99)], 1, "", "≠ obrat kredit"),
        ([header(new=5)], 1, "", "≠ nový zůstatek 5"),
    ],
)
def test_gpc_bad_files_are_refused_whole(lines, line, column, message):
    error = refused(parse_gpc, gpc(*lines))
    assert (error.line, error.column) == (line, column)
    assert message in error.message


def test_gpc_item_of_another_account_is_refused():
    other = item(500)
    other = other[:3] + "0000000000999999" + other[19:]
    error = refused(parse_gpc, gpc(header(credits=500), other))
    assert (error.line, error.column) == (2, "4–19")
    assert "patří k účtu 999999, výpis je z účtu 19-123457" in error.message


def test_gpc_not_a_statement_is_refused():
    assert "vypadá jako dokument PDF" in refused(parse_gpc, io.BytesIO(b"%PDF-1.4 ...")).message
    assert "Neznámý typ záznamu „ABC“" in refused(parse_gpc, gpc("ABC")).message
    assert refused(parse_gpc, io.BytesIO(b"")).message == "Soubor je prázdný."


# --- camt.053 --------------------------------------------------------------------------------

NAMESPACE = "urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"


def entry(amount, direction="CRDT", status="BOOK", ref="B1", end_to_end="", ustrd="", strd=""):
    details = ""
    if end_to_end or ustrd or strd:
        remittance = f"<Ustrd>{ustrd}</Ustrd>" if ustrd else ""
        if strd:
            remittance += f"<Strd><CdtrRefInf><Ref>{strd}</Ref></CdtrRefInf></Strd>"
        details = f"""
        <NtryDtls><TxDtls>
          <Refs><EndToEndId>{end_to_end or "NOTPROVIDED"}</EndToEndId></Refs>
          <RltdPties><Dbtr><Pty><Nm>Jana Nováková</Nm></Pty></Dbtr>
            <DbtrAcct><Id><IBAN>CZ65 0800 0000 1920 0014 5399</IBAN></Id></DbtrAcct></RltdPties>
          <RmtInf>{remittance}</RmtInf>
        </TxDtls></NtryDtls>"""
    return f"""
      <Ntry>
        <Amt Ccy="CZK">{amount}</Amt>
        <CdtDbtInd>{direction}</CdtDbtInd>
        <Sts><Cd>{status}</Cd></Sts>
        <BookgDt><Dt>2026-12-02</Dt></BookgDt>
        <ValDt><Dt>2026-12-02</Dt></ValDt>
        <AcctSvcrRef>{ref}</AcctSvcrRef>{details}
      </Ntry>"""


def camt(*entries, opening="1000.00", closing=None, prologue=""):
    balances = f"""
      <Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp><Amt Ccy="CZK">{opening}</Amt>
        <CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-12-01</Dt></Dt></Bal>"""
    if closing is not None:
        balances += f"""
      <Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="CZK">{closing}</Amt>
        <CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-12-02</Dt></Dt></Bal>"""
    xml = f"""<?xml version="1.0" encoding="UTF-8"?>{prologue}
<Document xmlns="{NAMESPACE}">
  <BkToCstmrStmt>
    <GrpHdr><MsgId>1</MsgId></GrpHdr>
    <Stmt>
      <Id>2026-12-02</Id>
      <LglSeqNb>42</LglSeqNb>
      <Acct><Id><IBAN>CZ6508000000192000145399</IBAN></Id><Ccy>CZK</Ccy></Acct>{balances}
      {"".join(entries)}
    </Stmt>
  </BkToCstmrStmt>
</Document>"""
    return io.BytesIO(xml.encode())


def test_camt053_statement_is_read_with_its_booked_entries():
    content = camt(
        entry("500.00", ref="B1", end_to_end="/VS/2026000123/SS/42/KS/0308"),
        entry("1234.50", ref="B2", strd="VS:77", ustrd="Poplatek za psa Čipík"),
        entry("20", direction="DBIT", ref="B3"),
        entry("99.00", status="PDNG", ref="B4"),  # not booked yet: not money
        entry("5", ref="B5", end_to_end="2026000999"),
        closing="2719.50",
    )
    [statement] = parse_camt053(content)
    assert statement.account == "CZ6508000000192000145399"
    assert statement.number == "42"
    assert (statement.opening_balance, statement.closing_balance) == (100000, 271950)
    first, second, fee, plain = statement.transactions
    assert (first.amount, first.variable_symbol, first.specific_symbol) == (
        50000,
        "2026000123",
        "42",
    )
    assert first.constant_symbol == "308"
    assert first.counter_name == "Jana Nováková"
    assert first.counter_account == "CZ6508000000192000145399"
    assert first.booked_on == datetime.date(2026, 12, 2)
    assert (second.amount, second.variable_symbol, second.message) == (
        123450,
        "77",
        "Poplatek za psa Čipík",
    )
    assert (fee.amount, fee.bank_id, fee.variable_symbol) == (-2000, "B3", "")
    assert plain.variable_symbol == "2026000999"
    assert [item.line for item in statement.transactions] == sorted(
        item.line for item in statement.transactions
    )


@pytest.mark.parametrize(
    ("content", "line", "message"),
    [
        (camt(entry("12,50")), 13, "Částka „12,50“ není číslo."),
        (camt(entry("12.505")), 13, "víc než dvě desetinná místa"),
        (camt(entry("12.50", direction="X")), 12, "nemá směr CRDT nebo DBIT"),
        (camt(entry("12.50", ref="")), 12, "nemá referenci banky"),
        (camt(entry("12.50"), closing="1000.00"), 5, "nedávají konečný zůstatek 100000"),
        (io.BytesIO(b"<Document><Stmt></Stmt></Document>"), 1, "není výpis camt.053"),
        (io.BytesIO(b"<a>\n<b></a>"), 2, "není platné XML"),
        (
            camt(prologue='\n<!DOCTYPE Document [<!ENTITY x "y">]>'),
            1,
            "definici typu dokumentu",
        ),
    ],
)
def test_camt053_bad_files_are_refused_whole(content, line, message):
    error = refused(parse_camt053, content)
    assert error.line == line
    assert message in error.message


def test_symbols_are_found_in_the_ways_czech_banks_write_them():
    assert symbols("/VS/123/SS/456/KS/0308") == {"VS": "123", "SS": "456", "KS": "0308"}
    assert symbols("VS:123 SS: 9") == {"VS": "123", "SS": "9"}
    assert symbols("platba VS123") == {"VS": "123"}
    assert symbols("ADVS123", "VS12345678901") == {}  # inside a word; eleven digits
