"""camt.053 (ISO 20022 "BankToCustomerStatement"): the XML statements of Czech banks.

Any version of the message is read (``camt.053.001.02`` to ``.08``): elements are found by
their local names. Per ``Stmt``: the account (``Acct/Id/IBAN``, else ``Othr/Id``), the
opening and closing balances (``OPBD``/``PRCD``, ``CLBD``) and the booked entries (``Ntry``
with status ``BOOK``; pending and informative entries are not money yet and are left out).
Per entry: the amount and its direction, reversal, dates, the bank's reference
(``AcctSvcrRef``, which makes an entry apply once however often the file is imported), the
counter-party and the Czech payment symbols. Czech banks write the symbols into the
references in their own ways (ČBA's ``/VS/123/SS/456/KS/0308``, ``VS:123``, ``VS123``):
they are looked for in ``EndToEndId``, the structured creditor reference and the
unstructured message, in that order; an ``EndToEndId`` of up to ten digits alone is the
variable symbol.

The file is parsed with defusedxml (no DTDs, no entities, nothing fetched). A statement
whose entries do not add up from its opening to its closing balance is refused.
"""

import datetime
from xml.etree.ElementTree import TreeBuilder

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser, ParseError
from django.utils.translation import gettext as _

from . import BankTransaction, ImportRefused, Statement, parse_decimal_amount, symbols

OPENING = ("OPBD", "PRCD")
CLOSING = ("CLBD",)


class _LineTreeBuilder(TreeBuilder):
    """Remembers the line on which each element starts (for the messages)."""

    def __init__(self):
        super().__init__()
        self.lines = {}
        self.parser = None

    def start(self, tag, attrs):
        element = super().start(tag, attrs)
        self.lines[element] = self.parser.parser.CurrentLineNumber
        return element


def local(tag):
    return tag.rpartition("}")[2]


class Tree:
    """Finding by paths of local names (``"Acct/Id/IBAN"``) whatever the namespace."""

    def __init__(self, lines):
        self.lines = lines

    def all(self, element, path):
        found = [element]
        for name in path.split("/"):
            found = [child for parent in found for child in parent if local(child.tag) == name]
        return found

    def first(self, element, *paths):
        for path in paths:
            found = self.all(element, path)
            if found:
                return found[0]
        return None

    def text(self, element, *paths):
        found = self.first(element, *paths)
        return (found.text or "").strip() if found is not None else ""

    def line(self, element):
        return self.lines.get(element, 0)

    def date(self, element, path, label):
        found = self.first(element, f"{path}/Dt", f"{path}/DtTm")
        if found is None:
            return None
        value = (found.text or "").strip()
        try:
            return datetime.date.fromisoformat(value[:10])
        except ValueError:
            raise ImportRefused(
                _("%(field)s „%(value)s“ není platné datum.") % {"field": label, "value": value},
                self.line(found),
                path,
                value,
            ) from None

    def amount(self, element, label):
        """The signed amount in hellers of an element with ``Amt`` and ``CdtDbtInd``."""
        amount = self.first(element, "Amt")
        if amount is None:
            raise ImportRefused(
                _("%(what)s nemá částku (Amt).") % {"what": label}, self.line(element), "Amt"
            )
        hellers = parse_decimal_amount(amount.text or "", self.line(amount), "Amt")
        direction = self.text(element, "CdtDbtInd")
        if direction not in ("CRDT", "DBIT"):
            raise ImportRefused(
                _("%(what)s nemá směr CRDT nebo DBIT (CdtDbtInd), ale „%(value)s“.")
                % {"what": label, "value": direction},
                self.line(element),
                "CdtDbtInd",
                direction,
            )
        return (hellers if direction == "CRDT" else -hellers), amount.get("Ccy", "")


def parse_camt053(binary):
    """[Statement] of a camt.053 file (a binary file object), or ``ImportRefused``."""
    data = binary.read()
    builder = _LineTreeBuilder()
    parser = DefusedXMLParser(target=builder, forbid_dtd=True)
    builder.parser = parser
    try:
        parser.feed(data)
        root = parser.close()
    except ParseError as error:
        line, column = error.position
        raise ImportRefused(
            _("Soubor není platné XML: %(error)s.") % {"error": error.msg},
            line,
            str(column + 1),
        ) from None
    except DefusedXmlException:
        raise ImportRefused(
            _("Soubor obsahuje definici typu dokumentu nebo entity, které výpis nemá."), 1
        ) from None
    tree = Tree(builder.lines)
    if local(root.tag) != "Document" or not tree.all(root, "BkToCstmrStmt"):
        raise ImportRefused(
            _("Soubor není výpis camt.053 (chybí Document/BkToCstmrStmt)."), tree.line(root)
        )
    statements = [statement(tree, element) for element in tree.all(root, "BkToCstmrStmt/Stmt")]
    if not statements:
        raise ImportRefused(_("Soubor neobsahuje žádný výpis (Stmt)."), tree.line(root))
    return statements


def statement(tree, element):
    account = tree.text(element, "Acct/Id/IBAN", "Acct/Id/Othr/Id").replace(" ", "")
    if not account:
        raise ImportRefused(_("Výpis neuvádí číslo účtu (Acct/Id)."), tree.line(element), "Acct/Id")
    result = Statement(
        account=account,
        number=tree.text(element, "LglSeqNb", "ElctrncSeqNb", "Id"),
        currency=tree.text(element, "Acct/Ccy") or "CZK",
        line=tree.line(element),
    )
    for balance in tree.all(element, "Bal"):
        kind = tree.text(balance, "Tp/CdOrPrtry/Cd", "Tp/CdOrPrtry/Prtry")
        if kind in OPENING + CLOSING:
            hellers, _currency = tree.amount(balance, _("Zůstatek"))
            on = tree.date(balance, "Dt", _("Datum zůstatku"))
            if kind in OPENING:
                result.opening_balance, result.opened_on = hellers, on
            else:
                result.closing_balance, result.closed_on = hellers, on
    for entry in tree.all(element, "Ntry"):
        status = tree.text(entry, "Sts/Cd", "Sts")
        if status == "BOOK":
            result.transactions.append(transaction(tree, entry, result))
    if result.opening_balance is not None and result.closing_balance is not None:
        total = sum(item.amount for item in result.transactions)
        if result.opening_balance + total != result.closing_balance:
            raise ImportRefused(
                _(
                    "Výpis %(number)s nesouhlasí: počáteční zůstatek %(opening)s a položky "
                    "%(total)s nedávají konečný zůstatek %(closing)s (v haléřích); soubor je "
                    "neúplný nebo upravený."
                )
                % {
                    "number": result.number,
                    "opening": result.opening_balance,
                    "total": total,
                    "closing": result.closing_balance,
                },
                result.line,
            )
    return result


def transaction(tree, entry, statement):
    hellers, currency = tree.amount(entry, _("Položka výpisu"))
    details = tree.first(entry, "NtryDtls/TxDtls")
    where = [entry] if details is None else [details, entry]
    bank_id = tree.text(entry, "AcctSvcrRef") or tree.text(
        entry, "NtryDtls/TxDtls/Refs/AcctSvcrRef", "NtryRef"
    )
    if not bank_id:
        raise ImportRefused(
            _("Položka výpisu nemá referenci banky (AcctSvcrRef ani NtryRef)."),
            tree.line(entry),
            "AcctSvcrRef",
        )
    end_to_end = tree.text(entry, "NtryDtls/TxDtls/Refs/EndToEndId")
    if end_to_end == "NOTPROVIDED":
        end_to_end = ""
    reference = tree.text(entry, "NtryDtls/TxDtls/RmtInf/Strd/CdtrRefInf/Ref")
    message = " ".join(
        (line.text or "").strip()
        for line in tree.all(entry, "NtryDtls/TxDtls/RmtInf/Ustrd")
        if (line.text or "").strip()
    )
    found = symbols(end_to_end, reference, message)
    if "VS" not in found and end_to_end.isdigit() and len(end_to_end) <= 10:
        found["VS"] = end_to_end
    party = "Dbtr" if hellers > 0 else "Cdtr"  # who paid us, or whom we paid
    counter_name = ""
    counter_account = ""
    for element in where:
        counter_name = counter_name or tree.text(
            element, f"RltdPties/{party}/Nm", f"RltdPties/{party}/Pty/Nm"
        )
        counter_account = counter_account or tree.text(
            element, f"RltdPties/{party}Acct/Id/IBAN", f"RltdPties/{party}Acct/Id/Othr/Id"
        )
    return BankTransaction(
        line=tree.line(entry),
        bank_id=bank_id,
        amount=hellers,
        currency=currency or statement.currency,
        booked_on=tree.date(entry, "BookgDt", _("Datum zaúčtování")) or statement.closed_on,
        value_date=tree.date(entry, "ValDt", _("Datum valuty")),
        variable_symbol=found.get("VS", "").lstrip("0"),
        constant_symbol=found.get("KS", "").lstrip("0"),
        specific_symbol=found.get("SS", "").lstrip("0"),
        counter_account=counter_account.replace(" ", ""),
        counter_name=counter_name,
        message=message,
        reversal=tree.text(entry, "RvslInd").lower() == "true",
    )
