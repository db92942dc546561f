"""The importers that modules register: what a kind of import reads and how it writes.

A module subclasses :class:`Importer`, sets its attributes and registers an instance in its
``AppConfig.ready()`` (so that Celery workers know it too) with :func:`register_importer`.
The platform then gives it the upload form, the progress page and the report
(:class:`radnice.core.imports.views.ImportViewSet`) and runs each upload in the Celery task
``imports.run`` (:mod:`radnice.core.imports.tasks`), in one transaction.
"""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from .reading import ImportReport

_importers = {}


class Importer:
    #: the key stored on every run (``ImportRun.importer``); also the admin URL namespace
    #: ``<name>_import`` (``index``, ``add``, ``detail``)
    name = None
    #: the module (``municipalities.registry``) a town must have switched on to import;
    #: None for an import of the platform itself
    module = None
    #: the model whose ``view``/``add`` permissions guard the pages: ``ImportRun`` itself or a
    #: proxy of it in the module (the module's groups then get its permissions)
    model = None
    #: titles: the listing and report pages, the upload page, the admin menu item
    label = _("Import souborů")
    upload_title = _("Nahrát soubor")
    menu_label = _("Import dat")
    #: a paragraph above the listing: what files to upload
    intro = ""
    icon = "upload"
    #: under /admin/
    url_prefix = None
    #: [(value, Czech label)]; the upload form offers them as radio buttons when there are two
    #: or more (``ImportRun.format``)
    formats = ()
    #: a ``forms.Form`` whose fields the upload form adds; their cleaned values (JSON values:
    #: numbers, strings, booleans) are stored in ``ImportRun.options``
    options_form = None
    #: names of options shown on the report page and in the listing
    shown_options = ()
    listed_options = ()
    #: the order of the upload form's fields (``municipality``, ``format``, ``file`` and the
    #: options); None: that order, options before the file
    field_order = None
    #: the action written to Wagtail's audit log when an import succeeds (register it with
    #: the ``register_log_actions`` hook); None: not logged
    log_action = None
    max_upload_bytes = 500 * 1024 * 1024

    def write(self, run, binary, report, progress):
        """Read ``binary`` (the uploaded file, opened in binary mode) and save its records.

        Runs inside the import's one transaction: add every bad row to ``report``
        (``report.add_error(RowError(...))``) or raise ``ImportRefused``; if the report has an
        error at the end, everything written is rolled back. Count into ``report``
        (``rows_read``, ``records_imported``, ``duplicates_skipped``). Call
        ``progress(rows, bytes_read, bytes_total)`` now and then (``reading.numbered_lines``
        does). Raise nothing else for bad input: any other exception is a server error.
        """
        raise NotImplementedError

    def new_report(self):
        """The report one run fills: ``ImportReport`` or a subclass that says more."""
        return ImportReport()

    def initial(self):
        """Initial values of the upload form."""
        return {"format": self.formats[0][0]} if self.formats else {}

    def result_link(self, request, run):
        """(URL, Czech text) of where to see the imported data, or None."""
        return None

    def log_data(self, run, report):
        return {"format": run.format, "records": report.records_imported, **run.options}

    # --- used by the platform ---------------------------------------------------------------

    def format_label(self, value):
        return dict(self.formats).get(value, value)

    def permission(self, action):
        return f"{self.model._meta.app_label}.{action}_{self.model._meta.model_name}"

    def has_permission(self, user, action):
        return user.has_perm(self.permission(action))

    def runs(self):
        """Every run of this importer (not scoped: the views scope it to the user)."""
        return self.model._default_manager.filter(importer=self.name)

    @property
    def url_namespace(self):
        return f"{self.name}_import"


def register_importer(importer):
    """Register an importer instance; registering the same name twice is an error."""
    from .models import ImportRun

    if not importer.name or not importer.formats:
        raise ImproperlyConfigured("An importer needs a name and at least one format.")
    existing = _importers.get(importer.name)
    if existing is not None and existing is not importer:
        raise ImproperlyConfigured(f"Importer {importer.name!r} is registered twice.")
    if importer.model is None:
        importer.model = ImportRun
    _importers[importer.name] = importer
    return importer


def unregister_importer(name):
    """Tests only: forget a test importer."""
    if not settings.TESTING:
        raise ImproperlyConfigured("Importers are unregistered only in tests.")
    _importers.pop(name, None)


def get_importer(name):
    return _importers.get(name)


def get_importers():
    return list(_importers.values())
