from django.utils.translation import gettext_lazy as _

from municipalities.registry import Module, ModuleAppConfig, ModuleRole

#: ``MenuItem.name`` of the "Platby" group in the admin menu (see wagtail_hooks.py)
MENU_NAME = "platby"

#: what the office does with the catalogue (products) and the organisations' payment settings
CATALOGUE_ACTIONS = ["add", "change", "delete", "view"]


class PaymentsConfig(ModuleAppConfig):
    name = "modules.payments"
    label = "payments"
    verbose_name = _("Platby")
    # Only the town's administrators work with every organisation's catalogue and settings;
    # anyone else reaches an organisation's records through the module role below
    # (municipalities.scope.scope_records).
    role_permissions = {
        "product": {"administrator": CATALOGUE_ACTIONS},
        "paymentsettings": {"administrator": CATALOGUE_ACTIONS},
    }
    declaration = Module(
        name="payments",
        label=_("Platby"),
        icon="tag",
        app_label="payments",
        description=_(
            "Platby občanů úřadu a organizacím obce: poplatky, výlety, kopie dokumentů; kartou "
            "nebo převodem s QR Platbou (jako Platební portál)."
        ),
        menu_item_names=[MENU_NAME],
        demo="modules.payments.demo.build_demo",
        roles=[
            ModuleRole(
                "spravce_organizace",
                _("Správce organizace"),
                permissions={
                    "product": CATALOGUE_ACTIONS,
                    "paymentsettings": ["add", "change", "view"],
                },
                description=_(
                    "Spravuje nabídku plateb a platební údaje své organizace (školy, školky, "
                    "spolku); ostatní organizace obce nevidí."
                ),
            )
        ],
    )
