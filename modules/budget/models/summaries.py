"""The ``*Summary`` tables that public views read, rebuilt after every import
(see ``modules.budget.summaries``)."""

from django.db import models

from .classification import InvoiceKind, Kind
from .records import Counterparty, Event, FiscalYear, municipality_fk


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
