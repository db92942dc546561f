"""The payment shop's admin menu (the module itself is declared in apps.py).

"Platby" groups the organisations' products and their payment settings. Both viewsets are
split below the town by organisation (``organisation_field``): a "Správce organizace"
works with their organisation's records only, the town's administrators with all of the
town's, another town's staff with none (municipalities.viewsets).
"""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.base import ViewSetGroup

from municipalities.forms import OrganisationRecordForm
from municipalities.viewsets import MunicipalityModelViewSet
from radnice.core.panels import InlinePanel

from .apps import MENU_NAME
from .models import PaymentSettings, Product, price_summary


class ProductForm(OrganisationRecordForm):
    """A product: a fixed price or price tiers, never both, never neither."""

    def clean(self):
        cleaned = super().clean()
        tiers = self.formsets.get("price_tiers")
        if tiers is None or not tiers.is_valid():
            return cleaned  # the tiers' own errors are shown at them
        kept = [
            form
            for form in tiers.forms
            if form.has_changed() and not form.cleaned_data.get("DELETE")
        ]
        price = cleaned.get("price")
        if price is not None and kept:
            self.add_error(
                "price",
                _("Zadejte buď pevnou cenu, nebo cenové hladiny, ne obojí."),
            )
        elif price is None and not kept and "price" not in self.errors:
            self.add_error(
                "price",
                _("Zadejte pevnou cenu, nebo přidejte alespoň jednu cenovou hladinu."),
            )
        return cleaned


class ProductIndexView(IndexView):
    """The listing names each product's organisation and price: fetched with the page."""

    def get_base_queryset(self):
        queryset = super().get_base_queryset()
        return queryset.select_related("organisation").prefetch_related("price_tiers")


class ProductViewSet(MunicipalityModelViewSet):
    model = Product
    index_view_class = ProductIndexView
    icon = "tag"
    menu_label = _("Produkty")
    organisation_field = "organisation"
    list_display = [
        "name",
        "organisation",
        Column("price", label=_("Cena"), accessor=price_summary),
        "is_active",
    ]
    list_filter = ["is_active"]
    search_fields = ["name", "accounting_code"]
    inspect_view_enabled = False
    copy_view_enabled = False
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("municipality"), FieldPanel("organisation")]),
            FieldRowPanel([FieldPanel("name"), FieldPanel("slug")]),
            FieldPanel("description"),
            MultiFieldPanel(
                [
                    FieldPanel("price"),
                    InlinePanel(
                        "price_tiers",
                        label=_("cenová hladina"),
                        heading=_("Cenové hladiny"),
                        add_label=_("Přidat cenovou hladinu"),
                    ),
                    FieldPanel("max_quantity"),
                ],
                heading=_("Cena"),
            ),
            MultiFieldPanel(
                [
                    FieldRowPanel([FieldPanel("available_from"), FieldPanel("available_until")]),
                    FieldPanel("stock_limit"),
                    FieldPanel("is_active"),
                ],
                heading=_("Prodej"),
            ),
            MultiFieldPanel(
                [
                    FieldRowPanel([FieldPanel("constant_symbol"), FieldPanel("specific_symbol")]),
                    FieldPanel("accounting_code"),
                ],
                heading=_("Platba a účetnictví"),
            ),
            InlinePanel(
                "payer_fields",
                label=_("údaj plátce"),
                heading=_("Údaje, které plátce vyplní"),
                add_label=_("Přidat údaj plátce"),
            ),
        ],
        base_form_class=ProductForm,
    )


class PaymentSettingsIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("organisation")


class PaymentSettingsViewSet(MunicipalityModelViewSet):
    model = PaymentSettings
    index_view_class = PaymentSettingsIndexView
    icon = "cog"
    menu_label = _("Platební údaje organizací")
    organisation_field = "organisation"
    list_display = [
        "organisation",
        "account",
        Column("iban", label=_("IBAN"), accessor="iban_formatted"),
        "gateway",
        "is_active",
    ]
    inspect_view_enabled = False
    copy_view_enabled = False
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("municipality"), FieldPanel("organisation")]),
            FieldRowPanel(
                [
                    FieldPanel("account"),
                    FieldPanel("iban", read_only=True),
                ]
            ),
            MultiFieldPanel(
                [FieldPanel("gateway"), FieldPanel("merchant_id"), FieldPanel("api_secret")],
                heading=_("Platba kartou"),
            ),
            FieldPanel("fio_token"),
            FieldPanel("is_active"),
        ],
        base_form_class=OrganisationRecordForm,
    )


class PaymentsViewSetGroup(ViewSetGroup):
    menu_label = _("Platby")
    menu_icon = "tag"
    menu_name = MENU_NAME
    menu_order = 410
    items = (
        ProductViewSet("payments_products", url_prefix="platby/produkty"),
        PaymentSettingsViewSet("payments_settings", url_prefix="platby/nastaveni"),
    )


@hooks.register("register_admin_viewset")
def register_payments_viewsets():
    return PaymentsViewSetGroup()
