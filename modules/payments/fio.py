"""Bank statements from Fio banka's API (the payment shop fetches them on a schedule).

Fio gives a read-only token per account (64 characters, made in its internet banking); the
movements of a period come as a GPC file from
``{RADNICE_FIO_API_URL}periods/{token}/{from}/{to}/transactions.gpc`` and are read by the
same parser as an uploaded statement (``statements.gpc``), so a transfer is matched the same
way whichever way it came. Fio answers at most one request per token every 30 seconds (409
otherwise): that is ``FioTooSoon``, to be tried again later, not an error of the account.

The token is a secret: it is part of the URL, so no message, log line or exception made here
contains the URL or the token.
"""

import io
import logging

import requests
from django.conf import settings
from django.utils.translation import gettext as _

from .statements.gpc import parse_gpc

logger = logging.getLogger(__name__)

#: Fio's own limit: one request per token in this many seconds
FIO_INTERVAL_SECONDS = 30


class FioError(Exception):
    """The statement could not be fetched; the message says why in Czech (without the token)."""


class FioTooSoon(FioError):
    """Fio refused a second request within its interval: try again after ``retry_after`` s."""

    retry_after = FIO_INTERVAL_SECONDS


def statement_url(token, since, until):
    base = settings.RADNICE_FIO_API_URL.rstrip("/") + "/"
    return f"{base}periods/{token}/{since:%Y-%m-%d}/{until:%Y-%m-%d}/transactions.gpc"


def fetch_statements(token, since, until):
    """[Statement] of the account of ``token`` for the days ``since``..``until`` (dates).

    Raises ``FioTooSoon`` (409), ``FioError`` (a refused token, the bank unavailable, a
    timeout) or ``ImportRefused`` (a file that is not a valid statement).
    """
    token = (token or "").strip()
    if not token or not token.isalnum():
        raise FioError(_("Token Fio API chybí nebo obsahuje jiné znaky než písmena a číslice."))
    if since > until:
        raise FioError(_("Začátek období je po jeho konci."))
    try:
        response = requests.get(
            statement_url(token, since, until), timeout=settings.RADNICE_FIO_TIMEOUT
        )
    except requests.Timeout:
        raise FioError(_("Fio banka neodpověděla včas; výpis se zkusí stáhnout znovu.")) from None
    except requests.RequestException as error:
        logger.warning("Fio API unreachable: %s", type(error).__name__)
        raise FioError(_("Fio banka není dostupná; výpis se zkusí stáhnout znovu.")) from None
    if response.status_code == 409:
        raise FioTooSoon(
            _("Fio banka dovoluje jeden dotaz za %(seconds)s s; výpis se stáhne později.")
            % {"seconds": FIO_INTERVAL_SECONDS}
        )
    if response.status_code in (401, 403, 404):
        raise FioError(_("Fio banka token odmítla: je neplatný, zrušený nebo bez práva číst."))
    if response.status_code != 200:
        raise FioError(
            _("Fio banka odpověděla chybou %(status)s; výpis se zkusí stáhnout znovu.")
            % {"status": response.status_code}
        )
    return parse_gpc(io.BytesIO(response.content))
