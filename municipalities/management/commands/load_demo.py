from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

from municipalities.demo.builders import build_demo_town
from municipalities.demo.towns import DEMO_PASSWORD, DEMO_TOWNS, OPERATOR_USERNAME

# The budget module is switched on in two towns, from a generated file of each format.
BUDGET_DEMO = {"lhota.localhost": "cityvizor", "hornidolni.localhost": "kxx"}


class Command(BaseCommand):
    help = "Vytvoří tři smyšlené obce s českým obsahem na *.localhost. Lze spustit opakovaně."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8000, help="Port webů (výchozí 8000).")

    @transaction.atomic
    def handle(self, *args, **options):
        User = get_user_model()
        if not User.objects.filter(username=OPERATOR_USERNAME).exists():
            User.objects.create_superuser(
                OPERATOR_USERNAME, f"{OPERATOR_USERNAME}@localhost", DEMO_PASSWORD
            )
        for town in DEMO_TOWNS:
            municipality = build_demo_town(
                town, options["port"], budget_format=BUDGET_DEMO.get(town.hostname)
            )
            self.stdout.write(
                f"{municipality.name}: http://{town.hostname}:{options['port']}/ "
                f"(editor {town.editor_username} / {DEMO_PASSWORD})"
            )
        self.stdout.write(self.style.SUCCESS("Demo data jsou připravena."))
