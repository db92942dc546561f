"""The payment shop's catalogue: what each organisation of a town sells and where it is paid.

Every record belongs to a municipality and to one of its organisations
(``municipalities.TownOrganisation``: the town hall, a school, a club), so the module role
"Správce organizace" reaches only its organisation's records (``scope.scope_records``).

- ``PaymentSettings``: an organisation's receiving account (Czech ``prefix-number/bank``,
  checked modulo 11, with its IBAN derived), its card gateway and the gateway's credentials.
  The secrets are encrypted at rest and never shown back (``EncryptedTextField``); the model
  has no revisions and no inline children, so no JSON copy of it exists (docs/modules.md,
  section 6).
- ``Product``: a fee or a service at a fixed price or at price tiers (``PriceTier``), with
  the payer fields the office asks for (``PayerField``), a sales window, an optional number
  of places and the symbols of the bank transfer. Orders (next) freeze what they need of it.

Amounts are whole hellers (``radnice.core.money``).
"""

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable

from municipalities.encryption import EncryptedTextField
from radnice.core.bank import (
    CzechBankAccountField,
    IBANField,
    format_iban,
    parse_czech_account,
)
from radnice.core.money import MoneyField, format_money

#: bank code of Fio banka, the only bank whose statements the shop fetches by API (fio.py)
FIO_BANK_CODE = "2010"
FIO_TOKEN_LENGTH = 64
#: the most pieces one order may hold of one product
MAX_QUANTITY_LIMIT = 1000

validate_constant_symbol = RegexValidator(
    r"^\d{1,4}$",
    _("Konstantní symbol má jen číslice, nejvýše 4 (např. 0308)."),
    code="constant_symbol",
)
validate_specific_symbol = RegexValidator(
    r"^\d{1,10}$",
    _("Specifický symbol má jen číslice, nejvýše 10."),
    code="specific_symbol",
)


def organisation_errors(record):
    """{"organisation": message} when the record's organisation belongs to another town."""
    if not (record.organisation_id and record.municipality_id):
        return {}
    if record.organisation.municipality_id == record.municipality_id:
        return {}
    return {"organisation": _("Organizace patří jiné obci, než je vybraná obec.")}


class Gateway(models.TextChoices):
    """How an organisation takes card payments (a bank transfer with QR Platba always works)."""

    NONE = "none", _("bez platební brány (jen převodem s QR Platbou)")
    GOPAY = "gopay", _("GoPay")
    COMGATE = "comgate", _("Comgate")
    DUMMY = "dummy", _("zkušební brána (žádné skutečné platby)")


#: gateways that need the merchant's secret to talk to them
GATEWAYS_WITH_SECRET = {Gateway.GOPAY, Gateway.COMGATE}


class PaymentSettings(models.Model):
    """Where an organisation's payments go: the receiving account and the card gateway."""

    municipality = models.ForeignKey(
        "municipalities.Municipality",
        on_delete=models.CASCADE,
        related_name="payment_settings",
        verbose_name=_("obec"),
    )
    organisation = models.OneToOneField(
        "municipalities.TownOrganisation",
        on_delete=models.CASCADE,
        related_name="payment_settings",
        verbose_name=_("organizace"),
        error_messages={
            "unique": _("Tato organizace už platební údaje má; upravte je v jejich seznamu.")
        },
    )
    account = CzechBankAccountField(
        _("číslo účtu pro příjem plateb"),
        help_text=_("Ve tvaru předčíslí-číslo/kód banky, např. 19-2000145399/0800."),
    )
    iban = IBANField(
        _("IBAN"),
        blank=True,
        help_text=_("Vypočte se z čísla účtu; podle něj vzniká QR Platba."),
    )
    gateway = models.CharField(
        _("platební brána"), max_length=16, choices=Gateway.choices, default=Gateway.NONE
    )
    merchant_id = models.CharField(
        _("číslo obchodníka u brány"),
        max_length=64,
        blank=True,
        help_text=_("GoID u GoPay, identifikátor obchodu u Comgate."),
    )
    api_secret = EncryptedTextField(
        _("tajný klíč brány"),
        blank=True,
        help_text=_("Uloží se šifrovaně a už se nikdy nezobrazí; prázdné pole ho ponechá."),
    )
    fio_token = EncryptedTextField(
        _("token Fio API"),
        blank=True,
        help_text=_(
            "Jen u účtu u Fio banky: token pro čtení pohybů (64 znaků), výpisy se pak stahují "
            "samy. Uloží se šifrovaně a už se nikdy nezobrazí."
        ),
    )
    is_active = models.BooleanField(
        _("přijímat platby"),
        default=True,
        help_text=_("Vypnuté: nabídka organizace se občanům nezobrazí."),
    )

    class Meta:
        verbose_name = _("platební údaje organizace")
        verbose_name_plural = _("platební údaje organizací")
        ordering = ["organisation__name"]

    def __str__(self):
        return str(self.organisation) if self.organisation_id else str(self._meta.verbose_name)

    def save(self, *args, **kwargs):
        if self.account:
            self.iban = self.bank_account.to_iban()
        if self.fio_token:
            self.fio_token = self.fio_token.strip()
        super().save(*args, **kwargs)

    @property
    def iban_formatted(self):
        """The IBAN in groups of four (``CZ65 0800 0000 1920 0014 5399``); shown read-only."""
        return format_iban(self.iban) if self.iban else ""

    @property
    def bank_account(self):
        """The account as ``radnice.core.bank.CzechBankAccount``."""
        return parse_czech_account(self.account)

    def clean(self):
        errors = organisation_errors(self)
        if self.gateway != Gateway.NONE and not self.merchant_id.strip():
            errors["merchant_id"] = _("Pro platební bránu zadejte číslo obchodníka.")
        if self.gateway in GATEWAYS_WITH_SECRET and not self.api_secret:
            errors["api_secret"] = _("Pro platební bránu %(gateway)s zadejte její tajný klíč.") % {
                "gateway": self.get_gateway_display()
            }
        if self.fio_token:
            errors.update(self._fio_token_errors())
        if errors:
            raise ValidationError(errors)

    def _fio_token_errors(self):
        try:
            bank_code = self.bank_account.bank_code
        except ValidationError:
            return {}  # the account's own error is reported at the account
        if bank_code != FIO_BANK_CODE:
            return {
                "fio_token": _(
                    "Token Fio API patří jen k účtu u Fio banky (kód banky %(code)s); "
                    "účet %(account)s je u banky %(bank)s."
                )
                % {"code": FIO_BANK_CODE, "account": self.account, "bank": bank_code}
            }
        token = self.fio_token.strip()
        if len(token) != FIO_TOKEN_LENGTH or not token.isalnum():
            return {
                "fio_token": _(
                    "Token Fio API má %(length)s písmen a číslic; zadaný má %(given)s znaků."
                )
                % {"length": FIO_TOKEN_LENGTH, "given": len(token)}
            }
        return {}


class Product(ClusterableModel):
    """A fee or a service an organisation of the town sells (dog fee, school trip...)."""

    municipality = models.ForeignKey(
        "municipalities.Municipality",
        on_delete=models.CASCADE,
        related_name="payment_products",
        verbose_name=_("obec"),
    )
    organisation = models.ForeignKey(
        "municipalities.TownOrganisation",
        on_delete=models.PROTECT,
        related_name="payment_products",
        verbose_name=_("organizace"),
    )
    name = models.CharField(_("název"), max_length=200)
    slug = models.SlugField(
        _("adresa (slug)"),
        max_length=100,
        blank=True,
        allow_unicode=False,
        help_text=_("Část webové adresy produktu; prázdné pole se vyplní z názvu."),
    )
    description = models.TextField(_("popis"), blank=True)
    price = MoneyField(
        _("pevná cena"),
        null=True,
        blank=True,
        help_text=_("Např. 250 nebo 1 234,50. Prázdné, když má produkt cenové hladiny."),
    )
    max_quantity = models.PositiveIntegerField(
        _("nejvýše kusů v objednávce"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_QUANTITY_LIMIT)],
    )
    available_from = models.DateField(_("prodej od"), null=True, blank=True)
    available_until = models.DateField(
        _("prodej do"), null=True, blank=True, help_text=_("Včetně tohoto dne.")
    )
    stock_limit = models.PositiveIntegerField(
        _("počet kusů / míst"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Např. 40 míst na výletě. Prázdné: bez omezení."),
    )
    constant_symbol = models.CharField(
        _("konstantní symbol"), max_length=4, blank=True, validators=[validate_constant_symbol]
    )
    specific_symbol = models.CharField(
        _("specifický symbol"), max_length=10, blank=True, validators=[validate_specific_symbol]
    )
    accounting_code = models.CharField(
        _("účetní kód"),
        max_length=64,
        blank=True,
        help_text=_("Pro export do účetnictví, např. paragraf a položka rozpočtu 3722/1345."),
    )
    is_active = models.BooleanField(_("v nabídce"), default=True)

    class Meta:
        verbose_name = _("produkt")
        verbose_name_plural = _("produkty")
        ordering = ["organisation__name", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "slug"], name="payments_product_unique_slug"
            )
        ]

    def __str__(self):
        return self.name

    def clean(self):
        errors = {}
        if not self.slug and self.name:
            self.slug = slugify(self.name)[:100]
        if self.slug and self.municipality_id:
            taken = Product.objects.filter(municipality_id=self.municipality_id, slug=self.slug)
            if taken.exclude(pk=self.pk).exists():
                errors["slug"] = _("Adresu „%(slug)s“ už má jiný produkt obce; zvolte jinou.") % {
                    "slug": self.slug
                }
        errors.update(organisation_errors(self))
        if self.price is not None and self.price <= 0:
            errors["price"] = _("Cena musí být větší než 0 Kč.")
        if self.stock_limit and self.max_quantity and self.max_quantity > self.stock_limit:
            errors["max_quantity"] = _(
                "Objednávka nemůže mít víc kusů (%(quantity)s), než je kusů nebo míst celkem "
                "(%(stock)s)."
            ) % {"quantity": self.max_quantity, "stock": self.stock_limit}
        starts, ends = self.available_from, self.available_until
        if starts and ends and ends < starts:
            errors["available_until"] = _(
                "Prodej nemůže skončit (%(until)s) dřív, než začne (%(from)s)."
            ) % {"until": date_format(ends, "j. n. Y"), "from": date_format(starts, "j. n. Y")}
        if errors:
            raise ValidationError(errors)

    def is_available(self, on=None):
        """On sale on ``on`` (today by default): offered and inside its window."""
        on = on or datetime.date.today()
        if not self.is_active:
            return False
        if self.available_from and on < self.available_from:
            return False
        return not (self.available_until and on > self.available_until)


class PriceTier(Orderable):
    """One price of a product with several (a waste fee: adult, child, holiday cottage)."""

    product = ParentalKey(Product, on_delete=models.CASCADE, related_name="price_tiers")
    label = models.CharField(
        _("název ceny"), max_length=100, help_text=_("Např. „Dítě do 15 let“.")
    )
    price = MoneyField(_("cena"))

    class Meta(Orderable.Meta):
        verbose_name = _("cenová hladina")
        verbose_name_plural = _("cenové hladiny")

    def __str__(self):
        return self.label

    def clean(self):
        if self.price is not None and self.price <= 0:
            raise ValidationError({"price": _("Cena musí být větší než 0 Kč.")})


class PayerFieldKind(models.TextChoices):
    TEXT = "text", _("text")
    NUMBER = "number", _("číslo")
    DATE = "date", _("datum")
    CHOICE = "choice", _("výběr ze seznamu")


class PayerField(Orderable):
    """A question the payer answers when ordering the product ("číslo čipu psa")."""

    product = ParentalKey(Product, on_delete=models.CASCADE, related_name="payer_fields")
    label = models.CharField(_("otázka"), max_length=100, help_text=_("Např. „Třída žáka“."))
    kind = models.CharField(
        _("druh odpovědi"), max_length=16, choices=PayerFieldKind.choices, default="text"
    )
    choices = models.TextField(
        _("možnosti"),
        blank=True,
        help_text=_("Jen u výběru ze seznamu: každá možnost na samostatném řádku."),
    )
    required = models.BooleanField(_("povinné"), default=True)
    help_text = models.CharField(_("nápověda pro plátce"), max_length=255, blank=True)

    class Meta(Orderable.Meta):
        verbose_name = _("údaj plátce")
        verbose_name_plural = _("údaje plátce")

    def __str__(self):
        return self.label

    def choice_list(self):
        """The options of a choice, one per non-empty line, in the order given."""
        return [line.strip() for line in self.choices.splitlines() if line.strip()]

    def clean(self):
        options = self.choice_list()
        if self.kind == PayerFieldKind.CHOICE:
            if len(options) < 2:
                raise ValidationError(
                    {
                        "choices": _(
                            "U výběru ze seznamu zadejte alespoň dvě možnosti, každou na "
                            "samostatném řádku."
                        )
                    }
                )
            if len(set(options)) != len(options):
                raise ValidationError({"choices": _("Možnosti výběru se nesmějí opakovat.")})
        elif options:
            raise ValidationError(
                {"choices": _("Možnosti se zadávají jen u odpovědi „výběr ze seznamu“.")}
            )
        self.choices = "\n".join(options)


def price_summary(product):
    """The product's price as the office reads it: ``250 Kč``, or ``od 500 Kč`` with tiers."""
    if product.price is not None:
        return format_money(product.price)
    prices = [tier.price for tier in product.price_tiers.all()]
    if not prices:
        return "–"
    if min(prices) == max(prices):
        return format_money(prices[0])
    return _("od %(price)s") % {"price": format_money(min(prices))}
