"""A module's citizen side for tests only: three kinds of records a citizen (or their
organisation) may hold, each with another retention declaration (radnice.citizens.contract).

The models belong to the ``citizens`` app label but have no migration: their tables are made
with the test database (tests/conftest.py, ``create_test_only_tables``).
"""

from django.db import models
from django.utils.html import format_html

from municipalities.models import Municipality
from municipalities.registry import Module
from radnice.citizens.contract import Action, CitizenSide, Retention
from radnice.citizens.subjects import CitizenOwnedMixin


class TrialApplication(CitizenOwnedMixin):
    """Kept by the office for ten years after the account is deleted."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")
    title = models.CharField(max_length=100)
    note = models.CharField(max_length=100, blank=True)

    class Meta(CitizenOwnedMixin.Meta):
        app_label = "citizens"
        db_table = "citizens_test_trialapplication"


class TrialVote(CitizenOwnedMixin):
    """Stays counted, anonymised."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")
    choice = models.CharField(max_length=100)

    class Meta(CitizenOwnedMixin.Meta):
        app_label = "citizens"
        db_table = "citizens_test_trialvote"


class TrialReminder(CitizenOwnedMixin):
    """Deleted with the account."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")
    text = models.CharField(max_length=100)

    class Meta(CitizenOwnedMixin.Meta):
        app_label = "citizens"
        db_table = "citizens_test_trialreminder"


MODELS = [TrialApplication, TrialVote, TrialReminder]


class TrialCitizenSide(CitizenSide):
    retention = (
        Retention(
            "citizens.TrialApplication",
            Action.KEEP,
            "podané žádosti",
            replace={"note": ""},
            years=10,
        ),
        Retention("citizens.TrialVote", Action.ANONYMISE, "odevzdané hlasy"),
        Retention("citizens.TrialReminder", Action.DELETE, "připomínky"),
    )

    def section(self, request, user):
        count = TrialApplication.objects.filter(citizen=user).count()
        return format_html("<p>Podané žádosti zkušebního modulu: {}</p>", count)


MODULE = Module(
    name="zkusebni",
    label="Zkušební modul",
    icon="cog",
    app_label="citizens",
    citizen=f"{__name__}.TrialCitizenSide",
)
