"""One file, one transaction: every bad row is reported and, if there is any, nothing is saved."""

from django.db import transaction

from .reading import ImportRefused


class _RollBack(Exception):
    pass


def import_atomically(write, report):
    """Call ``write(report)`` in one transaction and return ``report``.

    ``write`` adds every bad row to ``report`` or raises ``ImportRefused`` for the whole
    file; either way everything it wrote is rolled back, and the report says that nothing
    was imported. Any other exception rolls back too and propagates (a server error).
    """
    try:
        with transaction.atomic():
            write(report)
            if not report.ok:
                raise _RollBack
    except ImportRefused as refused:
        report.add_error(refused.error)
    except _RollBack:
        pass
    if not report.ok:
        report.records_imported = 0
        report.duplicates_skipped = 0
    return report
