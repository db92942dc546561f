from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from municipalities.demo.builders import build_demo_town
from municipalities.demo.towns import DEMO_TOWNS, OPERATOR_PASSWORD_ENV, ensure_operator


class Command(BaseCommand):
    help = (
        "Vytvoří tři smyšlené obce s českým obsahem na *.localhost. Lze spustit opakovaně. "
        f"Heslo operátora se vypíše při jeho vytvoření (nebo je v {OPERATOR_PASSWORD_ENV})."
    )

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8000, help="Port webů (výchozí 8000).")

    @transaction.atomic
    def handle(self, *args, **options):
        accounts = []
        try:
            operator, password = ensure_operator()
        except ValueError as error:
            raise CommandError(str(error)) from error
        if operator and password:
            accounts.append((operator.username, password))
        elif operator:
            self.stdout.write(f"Nový účet {operator.username}, heslo z {OPERATOR_PASSWORD_ENV}.")
        for town in DEMO_TOWNS:
            municipality = build_demo_town(town, options["port"], accounts)
            self.stdout.write(f"{municipality.name}: http://{town.hostname}:{options['port']}/")
        for username, password in accounts:
            self.stdout.write(f"Nový účet {username}, heslo: {password}")
        self.stdout.write(self.style.SUCCESS("Demo data jsou připravena."))
