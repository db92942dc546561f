"""The budget classification: the kinds of amounts and the national code lists.

The code lists are the Ministry of Finance's "rozpočtová skladba", shared by every
municipality and read-only.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

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
