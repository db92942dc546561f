"""The platform's import framework: a module registers a kind of import; the platform stores
each upload (``models.ImportRun``), runs it in one transaction in a Celery task (``tasks``) and
gives the admin an upload form, a progress page and a report (``views``). docs/modules.md,
"Imports", says how a module uses it.

This package's top level holds what an importer's code needs and imports no models:
``ImportRefused``, ``RowError``, ``ImportReport``, the file readers, ``Importer`` and
``register_importer``, ``import_atomically``.
"""

from .reading import (
    ImportRefused,
    ImportReport,
    RowError,
    detect_encoding,
    file_size,
    fixed_width_problem,
    numbered_lines,
    open_text,
)
from .registry import Importer, get_importer, register_importer
from .running import import_atomically

__all__ = [
    "ImportRefused",
    "ImportReport",
    "Importer",
    "RowError",
    "detect_encoding",
    "file_size",
    "get_importer",
    "import_atomically",
    "fixed_width_problem",
    "numbered_lines",
    "open_text",
    "register_importer",
]
