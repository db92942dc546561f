"""Fio banka's API against a fake Fio server on 127.0.0.1 that speaks its protocol."""

import datetime
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from modules.payments.fio import FioError, FioTooSoon, fetch_statements
from modules.payments.statements import ImportRefused
from tests.modules.payments.test_statements import gpc, header, item

TOKEN = "a1" * 32
REFUSED = "b2" * 32
SLOW = "c3" * 32
BROKEN = "d4" * 32
FAILING = "e5" * 32
SINCE, UNTIL = datetime.date(2026, 12, 1), datetime.date(2026, 12, 2)


class FakeFio(BaseHTTPRequestHandler):
    """``/v1/rest/periods/{token}/{from}/{to}/transactions.gpc``, one request per token in
    ``interval`` seconds, as Fio does."""

    interval = 30
    last_request = {}
    requests = []

    def do_GET(self):
        self.requests.append(self.path)
        parts = self.path.strip("/").split("/")
        if parts[:3] != ["v1", "rest", "periods"] or len(parts) != 7:
            return self.answer(404, b"")
        token, since, until, name = parts[3:]
        if name != "transactions.gpc" or (since, until) != ("2026-12-01", "2026-12-02"):
            return self.answer(400, b"")
        if token == REFUSED:
            return self.answer(404, b"")
        if token == FAILING:
            return self.answer(500, b"")
        now = time.monotonic()
        if now - self.last_request.get(token, -1e9) < self.interval:
            return self.answer(409, b"")
        self.last_request[token] = now
        if token == SLOW:
            time.sleep(1.5)
        if token == BROKEN:
            return self.answer(200, b"074 not a statement\r\n")
        content = gpc(header(credits=50000), item(50000, vs="2026000123")).getvalue()
        return self.answer(200, content)

    def answer(self, status, body):
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=windows-1250")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def fio(settings):
    FakeFio.last_request, FakeFio.requests = {}, []
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeFio)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.RADNICE_FIO_API_URL = f"http://127.0.0.1:{server.server_port}/v1/rest/"
    settings.RADNICE_FIO_TIMEOUT = 0.5
    try:
        yield FakeFio
    finally:
        server.shutdown()
        server.server_close()


def test_statement_of_a_period_is_fetched_and_read(fio):
    [statement] = fetch_statements(TOKEN, SINCE, UNTIL)
    assert statement.account == "19-123457"
    [transfer] = statement.transactions
    assert (transfer.amount, transfer.variable_symbol) == (50000, "2026000123")
    assert fio.requests == [f"/v1/rest/periods/{TOKEN}/2026-12-01/2026-12-02/transactions.gpc"]


def test_a_second_request_within_fios_interval_is_too_soon(fio):
    fetch_statements(TOKEN, SINCE, UNTIL)
    with pytest.raises(FioTooSoon) as caught:
        fetch_statements(TOKEN, SINCE, UNTIL)
    assert caught.value.retry_after == 30
    assert "jeden dotaz za 30 s" in str(caught.value)


@pytest.mark.parametrize(
    ("token", "message"),
    [
        (REFUSED, "Fio banka token odmítla"),
        (FAILING, "odpověděla chybou 500"),
        (SLOW, "neodpověděla včas"),
        ("", "Token Fio API chybí"),
        ("../../x", "jiné znaky"),
    ],
)
def test_failures_say_why_without_the_token(fio, token, message):
    with pytest.raises(FioError) as caught:
        fetch_statements(token, SINCE, UNTIL)
    assert message in str(caught.value)
    if token:
        assert token not in str(caught.value)


def test_unreachable_bank_says_so(settings):
    settings.RADNICE_FIO_API_URL = "http://127.0.0.1:9/v1/rest/"  # discard port: nothing listens
    with pytest.raises(FioError, match="Fio banka není dostupná"):
        fetch_statements(TOKEN, SINCE, UNTIL)


def test_a_file_that_is_no_statement_is_refused(fio):
    with pytest.raises(ImportRefused):
        fetch_statements(BROKEN, SINCE, UNTIL)


def test_a_reversed_period_is_refused_before_asking(fio):
    with pytest.raises(FioError, match="Začátek období je po jeho konci"):
        fetch_statements(TOKEN, UNTIL, SINCE)
    assert fio.requests == []
