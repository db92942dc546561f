from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import import_string

from modules.budget.demo import build_demo as build_budget_demo
from municipalities.demo.builders import build_navigation, build_town
from municipalities.demo.towns import DEMO_PASSWORD, DEMO_TOWNS, OPERATOR_USERNAME

# Each content app fills a demo town with its own content; order matters (people before the
# board, which names responsible persons; the home page last, as it shows the others).
CONTENT_BUILDERS = [
    "radnice.people.demo.build_demo",
    "radnice.board.demo.build_demo",
    "radnice.news.demo.build_demo",
    "radnice.events.demo.build_demo",
    "radnice.alerts.demo.build_demo",
    "radnice.home.demo.build_demo",
]
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
        builders = [import_string(path) for path in CONTENT_BUILDERS]
        for town in DEMO_TOWNS:
            municipality = build_town(town, options["port"])
            for build in builders:
                build(municipality)
            if town.hostname in BUDGET_DEMO:
                build_budget_demo(municipality, BUDGET_DEMO[town.hostname])
            build_navigation(municipality)
            self.stdout.write(
                f"{municipality.name}: http://{town.hostname}:{options['port']}/ "
                f"(editor {town.editor_username} / {DEMO_PASSWORD})"
            )
        self.stdout.write(self.style.SUCCESS("Demo data jsou připravena."))
