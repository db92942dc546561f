from django.utils.translation import gettext_lazy as _

from municipalities.registry import Module, ModuleAppConfig

#: ``MenuItem.name`` of the "Rozpočet" group in the admin menu (see wagtail_hooks.py)
MENU_NAME = "rozpocet"


class BudgetConfig(ModuleAppConfig):
    name = "modules.budget"
    label = "budget"
    verbose_name = _("Rozpočet")
    # Granted to each town's groups by municipalities.roles.grant_role_permissions.
    role_permissions = {
        "importjob": ["add", "view"],
        "fiscalyear": ["change", "delete", "view"],
        "event": ["add", "change", "view"],
        "organisationalunit": ["add", "change", "view"],
    }
    declaration = Module(
        name="budget",
        label=_("Rozpočet"),
        icon="table",
        app_label="budget",
        description=_(
            "Rozpočet a jeho plnění, faktury a dodavatelé z účetnictví obce (jako Cityvizor)."
        ),
        menu_item_names=[MENU_NAME],
        blocks={
            "budget_summary": "modules.budget.blocks.BudgetSummaryBlock",
            "budget_top_suppliers": "modules.budget.blocks.TopSuppliersBlock",
            "budget_project_spending": "modules.budget.blocks.ProjectSpendingBlock",
        },
        demo="modules.budget.demo.build_demo",
    )

    def ready(self):
        super().ready()
        from radnice.core.imports import register_importer

        from .imports import budget_importer

        register_importer(budget_importer)
