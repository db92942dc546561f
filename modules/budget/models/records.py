"""A municipality's budget records: fiscal years, units, events, counterparties and the raw
budget, ledger and invoice lines (written only by the importers)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel

from municipalities.forms import MunicipalityScopedForm
from municipalities.models import Municipality

from ..text import fold
from .classification import InvoiceKind, Kind


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
        from ..search_index import forget_year
        from .summaries import CounterpartySummary, EventSummary, LineSummary, MonthSummary

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
