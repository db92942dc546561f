"""Data of the budget viewer: code lists, a town's fiscal years, budget, ledger and invoices.

Amounts are stored as whole hellers (1/100 Kč) in 64-bit integers, so sums are exact on
SQLite and PostgreSQL alike. The raw tables (``BudgetLine``, ``Actual``, ``Invoice``) are
written only by the importers; public views read the ``*Summary`` tables, which the importers
rebuild for the year after every import (see ``modules.budget.summaries``).

The classification code lists are national (the Ministry of Finance's "rozpočtová skladba"),
shared by every municipality and read-only; everything else belongs to one municipality.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, re_path
from wagtail.fields import RichTextField
from wagtail.models import Page

from municipalities.forms import MunicipalityScopedForm
from municipalities.models import Municipality
from municipalities.registry import ModulePageMixin
from municipalities.scope import municipality_of_page
from radnice.core.listing import CzechQueryWordsMixin

from .text import fold

# --- kinds --------------------------------------------------------------------------------


class Kind(models.IntegerChoices):
    """Income, expenditure and financing are kept apart (Cityvizor counts financing as income)."""

    INCOME = 1, _("příjmy")
    EXPENDITURE = 2, _("výdaje")
    FINANCING = 3, _("financování")


def kind_of_item(item):
    """The kind of a budget item (druhové třídění), or None for a code outside 1000–8999."""
    if 1000 <= item < 5000:
        return Kind.INCOME
    if 5000 <= item < 8000:
        return Kind.EXPENDITURE
    if 8000 <= item < 9000:
        return Kind.FINANCING
    return None


class InvoiceKind(models.TextChoices):
    RECEIVED = "KDF", _("přijatá faktura")
    ISSUED = "KOF", _("vydaná faktura")


# --- national code lists ------------------------------------------------------------------


class CodeListEntry(models.Model):
    code = models.PositiveSmallIntegerField(_("kód"), unique=True)
    name = models.CharField(_("název"), max_length=255)
    valid_from = models.DateField(_("platí od"), null=True, blank=True)
    valid_to = models.DateField(_("platí do"), null=True, blank=True)

    class Meta:
        abstract = True
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} {self.name}"


class ParagraphGroup(CodeListEntry):
    """A sector: the first two digits of a paragraph (odvětvové třídění, "oddíl")."""

    class Meta(CodeListEntry.Meta):
        verbose_name = _("skupina paragrafů")
        verbose_name_plural = _("skupiny paragrafů")


class Paragraph(CodeListEntry):
    class Meta(CodeListEntry.Meta):
        verbose_name = _("paragraf")
        verbose_name_plural = _("paragrafy")


class ItemGroup(CodeListEntry):
    class Meta(CodeListEntry.Meta):
        verbose_name = _("skupina položek")
        verbose_name_plural = _("skupiny položek")


class Item(CodeListEntry):
    class Meta(CodeListEntry.Meta):
        verbose_name = _("položka")
        verbose_name_plural = _("položky")


# --- a municipality's records -------------------------------------------------------------


def fast_delete(queryset):
    """DELETE in one statement. ``QuerySet.delete()`` would load every row to send signals
    (Wagtail listens to every model's deletion), which for a ledger is a million rows."""
    return queryset._raw_delete(queryset.db)


def municipality_fk(related_name, db_index=True):
    return models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        related_name=related_name,
        verbose_name=_("obec"),
        db_index=db_index,
    )


class FiscalYear(models.Model):
    municipality = municipality_fk("budget_years")
    year = models.PositiveSmallIntegerField(_("rok"))
    valid_as_of = models.DateField(
        _("data platná k"),
        null=True,
        blank=True,
        help_text=_("Datum, ke kterému účetní data odpovídají (vyplní import, lze upravit)."),
    )
    has_approved_budget = models.BooleanField(
        _("obsahuje schválený rozpočet"), default=False, editable=False
    )
    imported_at = models.DateTimeField(_("poslední import"), null=True, editable=False)

    base_form_class = MunicipalityScopedForm
    panels = [FieldPanel("municipality"), FieldPanel("year"), FieldPanel("valid_as_of")]

    class Meta:
        verbose_name = _("rozpočtový rok")
        verbose_name_plural = _("rozpočtové roky")
        ordering = ["municipality", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "year"], name="budget_one_year")
        ]

    def __str__(self):
        return f"{self.year} – {self.municipality}"

    def delete(self, *args, **kwargs):
        from .search_index import forget_year

        forget_year(self.pk)
        for model in (LineSummary, EventSummary, CounterpartySummary, MonthSummary):
            fast_delete(model.objects.filter(fiscal_year=self))
        for model in (BudgetLine, Actual, Invoice):
            fast_delete(model.objects.filter(fiscal_year=self))
        return super().delete(*args, **kwargs)


class OrganisationalUnit(models.Model):
    """ORJ, the organisational unit of the town's accounting (department, school...)."""

    municipality = municipality_fk("budget_units")
    code = models.BigIntegerField(_("kód ORJ"))
    name = models.CharField(_("název"), max_length=255, blank=True)

    base_form_class = MunicipalityScopedForm
    panels = [FieldPanel("municipality"), FieldRowPanel([FieldPanel("code"), FieldPanel("name")])]

    class Meta:
        verbose_name = _("organizační jednotka")
        verbose_name_plural = _("organizační jednotky")
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "code"], name="budget_one_unit_code")
        ]

    def __str__(self):
        return self.name or str(_("ORJ %(code)s") % {"code": self.code})


class Event(models.Model):
    """An event or project ("akce", ORG): a building project, a festival, a grant programme."""

    municipality = municipality_fk("budget_events")
    code = models.BigIntegerField(_("kód akce (ORG)"))
    name = models.CharField(_("název"), max_length=255, blank=True)
    description = models.TextField(_("popis"), blank=True)
    search_text = models.TextField(editable=False, blank=True)

    base_form_class = MunicipalityScopedForm
    panels = [
        FieldPanel("municipality"),
        FieldRowPanel([FieldPanel("code"), FieldPanel("name")]),
        FieldPanel("description"),
    ]

    class Meta:
        verbose_name = _("akce / projekt")
        verbose_name_plural = _("akce a projekty")
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "code"], name="budget_one_event_code")
        ]

    def __str__(self):
        return self.display_name

    def save(self, *args, **kwargs):
        self.search_text = event_search_text(self.code, self.name, self.description)
        super().save(*args, **kwargs)

    @property
    def display_name(self):
        return self.name or str(_("Akce %(code)s") % {"code": self.code})


def event_search_text(code, name, description):
    return fold(f"{code} {name} {description}")


class Counterparty(models.Model):
    """A supplier or customer. Private persons are one anonymous entry: no name is stored."""

    municipality = municipality_fk("budget_counterparties")
    ico = models.CharField(_("IČO"), max_length=8, blank=True)
    name = models.CharField(_("název"), max_length=255, blank=True)
    is_private = models.BooleanField(_("soukromá osoba"), default=False)
    search_text = models.CharField(max_length=300, editable=False, blank=True)

    class Meta:
        verbose_name = _("protistrana")
        verbose_name_plural = _("protistrany")
        constraints = [
            models.UniqueConstraint(fields=["municipality", "ico"], name="budget_one_counterparty")
        ]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self):
        if self.is_private:
            return str(_("Soukromá osoba"))
        return self.name or self.ico


class BudgetLine(models.Model):
    """One line of the budget: approved ("schválený") and amended ("upravený") amounts.

    A KXX budget file holds the approved budget and every later change as separate lines;
    the amended budget of a line is the sum of ``amended`` over its lines.
    """

    municipality = municipality_fk("+", db_index=False)
    fiscal_year = models.ForeignKey(FiscalYear, on_delete=models.CASCADE, db_index=False)
    date = models.DateField(null=True)
    paragraph = models.PositiveSmallIntegerField()
    item = models.PositiveSmallIntegerField()
    kind = models.PositiveSmallIntegerField(choices=Kind.choices)
    unit = models.ForeignKey(
        OrganisationalUnit, null=True, on_delete=models.PROTECT, db_index=False
    )
    event = models.ForeignKey(Event, null=True, on_delete=models.PROTECT, db_index=False)
    approved = models.BigIntegerField(default=0)
    amended = models.BigIntegerField(default=0)
    fingerprint = models.BigIntegerField()

    class Meta:
        indexes = [models.Index(fields=["fiscal_year", "fingerprint"], name="budget_line_fp")]

    def __str__(self):
        return f"{self.paragraph}/{self.item}: {self.amended}"


class Actual(models.Model):
    """One line of the ledger that carries a budget classification (the actual spending)."""

    municipality = municipality_fk("+", db_index=False)
    fiscal_year = models.ForeignKey(FiscalYear, on_delete=models.CASCADE, db_index=False)
    date = models.DateField(null=True)
    month = models.PositiveSmallIntegerField(null=True)
    paragraph = models.PositiveSmallIntegerField()
    item = models.PositiveSmallIntegerField()
    kind = models.PositiveSmallIntegerField(choices=Kind.choices)
    unit = models.ForeignKey(
        OrganisationalUnit, null=True, on_delete=models.PROTECT, db_index=False
    )
    event = models.ForeignKey(Event, null=True, on_delete=models.PROTECT, db_index=False)
    amount = models.BigIntegerField()
    document = models.CharField(max_length=40, blank=True)
    fingerprint = models.BigIntegerField()

    class Meta:
        indexes = [models.Index(fields=["fiscal_year", "fingerprint"], name="budget_actual_fp")]

    def __str__(self):
        return f"{self.date} {self.paragraph}/{self.item}: {self.amount}"


class Invoice(models.Model):
    """A received (KDF) or issued (KOF) invoice line, as paid in the ledger."""

    municipality = municipality_fk("+", db_index=False)
    fiscal_year = models.ForeignKey(FiscalYear, on_delete=models.CASCADE, db_index=False)
    kind = models.CharField(max_length=3, choices=InvoiceKind.choices)
    number = models.CharField(max_length=40, blank=True)
    date = models.DateField()
    month = models.PositiveSmallIntegerField()
    counterparty = models.ForeignKey(Counterparty, on_delete=models.PROTECT, db_index=False)
    description = models.CharField(max_length=255, blank=True)
    amount = models.BigIntegerField()
    paragraph = models.PositiveSmallIntegerField()
    item = models.PositiveSmallIntegerField()
    unit = models.ForeignKey(
        OrganisationalUnit, null=True, on_delete=models.PROTECT, db_index=False
    )
    event = models.ForeignKey(Event, null=True, on_delete=models.PROTECT, db_index=False)
    search_text = models.CharField(max_length=600, blank=True)
    fingerprint = models.BigIntegerField()

    class Meta:
        indexes = [
            models.Index(fields=["fiscal_year", "fingerprint"], name="budget_invoice_fp"),
            models.Index(fields=["fiscal_year", "date"], name="budget_invoice_date"),
            models.Index(fields=["fiscal_year", "counterparty", "date"], name="budget_invoice_cp"),
            models.Index(fields=["fiscal_year", "event", "date"], name="budget_invoice_event"),
            models.Index(fields=["municipality", "date"], name="budget_invoice_town"),
        ]

    def __str__(self):
        return f"{self.kind} {self.number} {self.date}: {self.amount}"


# --- summaries, rebuilt after every import --------------------------------------------------


class LineSummary(models.Model):
    """Per year × paragraph × item: budget and actual."""

    municipality = municipality_fk("+", db_index=False)
    fiscal_year = models.ForeignKey(FiscalYear, on_delete=models.CASCADE)
    paragraph_group = models.PositiveSmallIntegerField()
    paragraph = models.PositiveSmallIntegerField()
    item = models.PositiveSmallIntegerField()
    kind = models.PositiveSmallIntegerField(choices=Kind.choices)
    approved = models.BigIntegerField(default=0)
    amended = models.BigIntegerField(default=0)
    actual = models.BigIntegerField(default=0)

    def __str__(self):
        return f"{self.paragraph}/{self.item}"


class EventSummary(models.Model):
    """Per year × event × paragraph × kind: budget, actual and number of invoices."""

    municipality = municipality_fk("+", db_index=False)
    fiscal_year = models.ForeignKey(FiscalYear, on_delete=models.CASCADE)
    event = models.ForeignKey(Event, on_delete=models.CASCADE)
    paragraph = models.PositiveSmallIntegerField()
    kind = models.PositiveSmallIntegerField(choices=Kind.choices)
    approved = models.BigIntegerField(default=0)
    amended = models.BigIntegerField(default=0)
    actual = models.BigIntegerField(default=0)
    invoice_count = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"{self.event_id}/{self.paragraph}"


class CounterpartySummary(models.Model):
    """Per year × counterparty × invoice kind: number and sum of invoices."""

    municipality = municipality_fk("+", db_index=False)
    fiscal_year = models.ForeignKey(FiscalYear, on_delete=models.CASCADE, db_index=False)
    counterparty = models.ForeignKey(Counterparty, on_delete=models.CASCADE)
    kind = models.CharField(max_length=3, choices=InvoiceKind.choices)
    invoice_count = models.PositiveIntegerField(default=0)
    amount = models.BigIntegerField(default=0)

    class Meta:
        indexes = [
            models.Index(fields=["fiscal_year", "kind", "-amount"], name="budget_cp_rank"),
        ]

    def __str__(self):
        return f"{self.counterparty_id} {self.kind}"


class MonthSummary(models.Model):
    """Per year × month: actual income, expenditure, financing and invoices."""

    municipality = municipality_fk("+", db_index=False)
    fiscal_year = models.ForeignKey(FiscalYear, on_delete=models.CASCADE)
    month = models.PositiveSmallIntegerField()
    income = models.BigIntegerField(default=0)
    expenditure = models.BigIntegerField(default=0)
    financing = models.BigIntegerField(default=0)
    received_count = models.PositiveIntegerField(default=0)
    received_amount = models.BigIntegerField(default=0)
    issued_count = models.PositiveIntegerField(default=0)
    issued_amount = models.BigIntegerField(default=0)

    def __str__(self):
        return f"{self.month}"


# --- imports ------------------------------------------------------------------------------


def import_file_storage():
    """Uploaded accounting files hold private persons' names: never under MEDIA_ROOT."""
    from django.core.files.storage import FileSystemStorage, InvalidStorageError, storages

    try:
        return storages["budget_imports"]
    except InvalidStorageError:
        location = getattr(settings, "BUDGET_IMPORT_ROOT", None) or (
            settings.PRIVATE_MEDIA_ROOT / "budget-imports"
        )
        return FileSystemStorage(location=location)


class ImportFormat(models.TextChoices):
    KXX = "kxx", _("GINIS / Gordic KXX (účetnictví nebo rozpočet)")
    CITYVIZOR = "cityvizor", _("Cityvizor CSV (data)")
    EVENTS = "events", _("Číselník akcí (CSV srcId;name;description)")


class ImportMode(models.TextChoices):
    REPLACE = "replace", _("Nahradit data roku")
    APPEND = "append", _("Přidat (přeskočit již nahrané řádky)")


class ImportStatus(models.TextChoices):
    QUEUED = "queued", _("čeká ve frontě")
    RUNNING = "running", _("probíhá")
    SUCCEEDED = "succeeded", _("dokončen")
    FAILED = "failed", _("odmítnut")


class ImportJob(models.Model):
    municipality = municipality_fk("budget_imports")
    year = models.PositiveSmallIntegerField(_("rok"))
    format = models.CharField(_("formát"), max_length=16, choices=ImportFormat.choices)
    mode = models.CharField(
        _("režim"), max_length=16, choices=ImportMode.choices, default=ImportMode.REPLACE
    )
    invoices_in_ledger = models.BooleanField(
        _("faktury jsou i mezi účetními řádky"),
        default=False,
        help_text=_(
            "Jen pro Cityvizor CSV: zaškrtněte, pokud soubor obsahuje celý účetní deník "
            "a řádky KDF/KOF jen opakují faktury z něj. Faktury se pak do čerpání "
            "nezapočítají podruhé."
        ),
    )
    file = models.FileField(_("soubor"), storage=import_file_storage, upload_to="%Y/%m/")
    original_name = models.CharField(_("název souboru"), max_length=255, blank=True)
    status = models.CharField(
        _("stav"), max_length=16, choices=ImportStatus.choices, default=ImportStatus.QUEUED
    )
    processed_rows = models.PositiveIntegerField(_("zpracováno řádků"), default=0)
    imported_rows = models.PositiveIntegerField(_("nahráno záznamů"), default=0)
    skipped_rows = models.PositiveIntegerField(_("přeskočeno řádků"), default=0)
    error_count = models.PositiveIntegerField(_("počet chyb"), default=0)
    errors = models.JSONField(_("chyby"), default=list, blank=True)
    message = models.TextField(_("výsledek"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(_("nahráno"), auto_now_add=True)
    started_at = models.DateTimeField(_("zahájeno"), null=True, blank=True)
    finished_at = models.DateTimeField(_("dokončeno"), null=True, blank=True)

    class Meta:
        verbose_name = _("import rozpočtových dat")
        verbose_name_plural = _("importy rozpočtových dat")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.get_format_display()} {self.year} ({self.original_name})"

    @property
    def is_finished(self):
        return self.status in (ImportStatus.SUCCEEDED, ImportStatus.FAILED)


# --- the page -----------------------------------------------------------------------------

#: every view also downloads each of its tables: ``…/csv/<table>/`` and ``…/json/<table>/``
EXPORT = r"(?:(?P<fmt>csv|json)/(?P<table>[a-z0-9-]+)/)?$"
YEAR = r"^(?P<year>\d{4})/"


def _views():
    from . import views

    return views


class BudgetPage(ModulePageMixin, CzechQueryWordsMixin, RoutablePageMixin, Page):
    """The budget viewer, placed anywhere in a town's tree; its views are routes of the page."""

    module_name = "budget"

    intro = RichTextField(_("úvodní text"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = []

    class Meta:
        verbose_name = _("rozpočet obce")
        verbose_name_plural = _("rozpočty obcí")

    def sample_routes(self):
        """The views page_samples checks and measures (see radnice.core.page_samples)."""
        municipality = municipality_of_page(self)
        fiscal_year = FiscalYear.objects.filter(municipality=municipality).order_by("-year").first()
        if fiscal_year is None:
            return [("budget", _("Rozpočet"), "")]
        year = fiscal_year.year
        expenditure = LineSummary.objects.filter(
            fiscal_year=fiscal_year, kind=Kind.EXPENDITURE
        ).order_by("-actual", "paragraph")
        paragraph = expenditure.values_list("paragraph", flat=True).first()
        group = expenditure.values_list("paragraph_group", flat=True).first()
        event = (
            EventSummary.objects.filter(fiscal_year=fiscal_year)
            .order_by("event__code")
            .values_list("event__code", flat=True)
            .first()
        )
        month = (
            Invoice.objects.filter(fiscal_year=fiscal_year)
            .order_by("month")
            .values_list("month", flat=True)
            .first()
        )
        supplier = (
            Invoice.objects.filter(fiscal_year=fiscal_year, counterparty__is_private=False)
            .order_by("counterparty__name")
            .values_list("counterparty__name", flat=True)
            .first()
        )
        routes = [("budget", _("Rozpočet – přehled"), "")]
        if group is not None:
            routes.append(("budget_sector", _("Rozpočet – odvětví"), f"{year}/odvetvi/{group}/"))
        if paragraph is not None:
            routes.append(
                ("budget_paragraph", _("Rozpočet – paragraf"), f"{year}/paragraf/{paragraph}/")
            )
        if event is not None:
            routes.append(("budget_event", _("Rozpočet – akce"), f"akce/{event}/"))
        routes.append(("budget_months", _("Rozpočet – faktury po měsících"), f"{year}/faktury/"))
        if month is not None:
            routes.append(
                ("budget_invoices", _("Rozpočet – faktury měsíce"), f"{year}/faktury/{month}/")
            )
        routes += [
            ("budget_suppliers", _("Rozpočet – dodavatelé"), f"{year}/dodavatele/"),
            ("budget_comparison", _("Rozpočet – srovnání let"), "srovnani/"),
        ]
        if supplier:
            word = supplier.split()[0]
            query = urlencode({"q": word})
            routes.append(("budget_search", _("Rozpočet – hledání"), f"hledat/?{query}"))
        return routes

    @re_path(r"^$", name="index")
    def index_route(self, request, *args, **kwargs):
        years = FiscalYear.objects.filter(municipality=request.municipality).order_by("-year")
        latest = years.values_list("year", flat=True).first()
        if latest is None:
            return _views().no_data(self, request)
        return _views().overview(self, request, latest)

    @re_path(YEAR + EXPORT, name="overview")
    def overview_route(self, request, year, fmt=None, table=None):
        return _views().overview(self, request, year, fmt, table)

    @re_path(YEAR + r"odvetvi/(?P<group>\d{1,2})/" + EXPORT, name="sector")
    def sector_route(self, request, year, group, fmt=None, table=None):
        return _views().sector(self, request, year, group, fmt, table)

    @re_path(YEAR + r"paragraf/(?P<paragraph>\d{1,4})/" + EXPORT, name="paragraph")
    def paragraph_route(self, request, year, paragraph, fmt=None, table=None):
        return _views().paragraph(self, request, year, paragraph, fmt, table)

    @re_path(YEAR + r"akce/(?P<code>\d{1,15})/" + EXPORT, name="event_year")
    def event_year_route(self, request, year, code, fmt=None, table=None):
        return _views().event_year(self, request, year, code, fmt, table)

    @re_path(r"^akce/(?P<code>\d{1,15})/" + EXPORT, name="event")
    def event_route(self, request, code, fmt=None, table=None):
        return _views().event_detail(self, request, code, fmt, table)

    @re_path(YEAR + r"faktury/" + EXPORT, name="months")
    def months_route(self, request, year, fmt=None, table=None):
        return _views().months(self, request, year, fmt, table)

    @re_path(YEAR + r"faktury/(?P<month>\d{1,2})/" + EXPORT, name="month")
    def month_route(self, request, year, month, fmt=None, table=None):
        return _views().month(self, request, year, month, fmt, table)

    @re_path(YEAR + r"dodavatele/" + EXPORT, name="suppliers")
    def suppliers_route(self, request, year, fmt=None, table=None):
        return _views().suppliers(self, request, year, fmt, table)

    @re_path(YEAR + r"dodavatele/(?P<ico>\d{8})/" + EXPORT, name="supplier")
    def supplier_route(self, request, year, ico, fmt=None, table=None):
        return _views().supplier(self, request, year, ico, fmt, table)

    @re_path(r"^srovnani/" + EXPORT, name="comparison")
    def comparison_route(self, request, fmt=None, table=None):
        return _views().comparison(self, request, fmt, table)

    @re_path(r"^hledat/" + EXPORT, name="search")
    def search_route(self, request, fmt=None, table=None):
        return _views().search(self, request, fmt, table)
