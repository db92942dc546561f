"""A module for tests only: settings with a secret, records of the town's organisations with a
per-record secret, and two module roles (per organisation and per record).

The model belongs to the ``municipalities`` app label but has no migration: its table is made
with the test database (tests/conftest.py, ``create_test_only_tables``).
"""

from django.db import models

from municipalities.encryption import EncryptedTextField
from municipalities.models import Municipality, TownOrganisation
from municipalities.registry import Module, ModuleRole, ModuleSetting, RoleScope


class TrialShopItem(models.Model):
    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")
    organisation = models.ForeignKey(
        TownOrganisation, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(max_length=100)
    gateway_key = EncryptedTextField(blank=True)

    class Meta:
        app_label = "municipalities"
        db_table = "municipalities_test_trialshopitem"

    def __str__(self):
        return self.title


MODULE = Module(
    name="zkusebni_obchod",
    label="Zkušební obchod",
    icon="cog",
    app_label="municipalities",
    settings=[
        ModuleSetting("merchant", "Číslo obchodníka", required=True),
        ModuleSetting("api_key", "API klíč brány", secret=True, required=True),
        ModuleSetting("webhook_secret", "Tajemství notifikací", secret=True),
    ],
    roles=[
        ModuleRole(
            "spravce_organizace",
            "Správce organizace",
            permissions={"trialshopitem": ["view", "change"]},
        ),
        ModuleRole(
            "hodnotitel",
            "Hodnotitel",
            scope=RoleScope.RECORD,
            record_model="municipalities.TrialShopItem",
            permissions={"trialshopitem": ["view"]},
        ),
    ],
)
