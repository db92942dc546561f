"""The budget's importer in the platform's import framework (``radnice.core.imports``).

The platform gives it the upload form, the progress page and the report under
``/admin/rozpocet/importy/`` (URL names ``budget_import:index``, ``:add``, ``:detail``) and
runs each upload in its Celery task; this module says what the form asks (year, mode) and
how a file is written (``importers.write_file``).
"""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from radnice.core.imports import Importer

from .importers import BudgetImportReport, write_file
from .models import ImportFormat, ImportJob, ImportMode
from .models.imports import BUDGET_IMPORTER
from .queries import budget_page_of


class BudgetImportOptions(forms.Form):
    year = forms.IntegerField(
        label=_("Rok"),
        help_text=_("Rok, jehož data soubor obsahuje. U číselníku akcí se rok nepoužívá."),
        widget=forms.NumberInput(attrs={"min": 2000, "max": 2100}),
    )
    mode = forms.ChoiceField(label=_("Režim"), choices=ImportMode.choices, widget=forms.RadioSelect)
    invoices_in_ledger = forms.BooleanField(
        label=_("Faktury jsou i mezi účetními řádky"),
        required=False,
        help_text=_(
            "Jen pro Cityvizor CSV: zaškrtněte, pokud soubor obsahuje celý účetní deník "
            "a řádky KDF/KOF jen opakují faktury z něj. Faktury se pak do čerpání "
            "nezapočítají podruhé."
        ),
    )

    def clean_year(self):
        year = self.cleaned_data["year"]
        if not 2000 <= year <= 2100:
            raise forms.ValidationError(_("Zadejte rok mezi 2000 a 2100."))
        return year


class BudgetImporter(Importer):
    name = BUDGET_IMPORTER
    module = "budget"
    model = ImportJob
    label = _("Import rozpočtových dat")
    upload_title = _("Nahrát rozpočtová data")
    menu_label = _("Import dat")
    intro = _(
        "Nahrajte export z účetnictví: GINIS/Gordic KXX (účetní deník nebo rozpočet), "
        "Cityvizor CSV nebo číselník akcí. Soubor se zpracuje na pozadí; chybný soubor se celý "
        "odmítne a dostanete seznam chyb s čísly řádků."
    )
    url_prefix = "rozpocet/importy"
    formats = ImportFormat.choices
    options_form = BudgetImportOptions
    shown_options = ("year", "mode")
    listed_options = ("year",)
    field_order = ["municipality", "year", "format", "mode", "invoices_in_ledger", "file"]
    log_action = "budget.import"

    def initial(self):
        return {
            "mode": ImportMode.REPLACE,
            "format": ImportFormat.KXX,
            "year": timezone.localdate().year,
        }

    def new_report(self):
        return BudgetImportReport()

    def write(self, run, binary, report, progress):
        write_file(
            run.municipality,
            binary,
            report,
            format=run.format,
            year=run.year,
            mode=run.mode,
            invoices_in_ledger=run.invoices_in_ledger,
            progress=progress,
        )

    def log_data(self, run, report):
        return {"year": run.year, "format": run.format, "records": report.records_imported}

    def result_link(self, request, run):
        """The imported year on the town's site."""
        if run.format == ImportFormat.EVENTS:
            return None
        page = budget_page_of(run.municipality)
        if page is None:
            return None
        url = page.get_url(request=request)
        if not url:
            return None
        return (
            url + page.reverse_subpage("overview", kwargs={"year": run.year}),
            _("Zobrazit rozpočet %(year)s na webu obce") % {"year": run.year},
        )


budget_importer = BudgetImporter()
