from django.core.management.base import BaseCommand, CommandError

from municipalities.models import MunicipalityKind
from municipalities.provisioning import ProvisioningError, provision_municipality


class Command(BaseCommand):
    help = (
        "Založí obec v jednom kroku: web, stromy stránek ve všech jazycích, kolekci, skupiny "
        "a oprávnění. Opakované spuštění doplní jen to, co chybí."
    )

    def add_arguments(self, parser):
        parser.add_argument("--name", required=True, help="Oficiální název, např. „Obec Lhota“.")
        parser.add_argument(
            "--kind", default=MunicipalityKind.OBEC, choices=MunicipalityKind.values, help="Druh."
        )
        parser.add_argument("--ico", required=True, help="IČO (8 číslic s kontrolní číslicí).")
        parser.add_argument("--hostname", required=True, help="Např. lhota.example.cz")
        parser.add_argument("--port", type=int, default=80)
        parser.add_argument("--theme", default="default")
        parser.add_argument(
            "--languages", default="cs,en", help="Kódy jazyků oddělené čárkou (výchozí cs,en)."
        )
        parser.add_argument("--admin-email", default="", help="E-mail správce obce.")
        parser.add_argument("--admin-password", default=None, help="Heslo nového správce.")

    def handle(self, *args, **options):
        try:
            result = provision_municipality(
                name=options["name"],
                kind=options["kind"],
                ico=options["ico"],
                hostname=options["hostname"],
                port=options["port"],
                theme=options["theme"],
                languages=[c.strip() for c in options["languages"].split(",") if c.strip()],
                administrator_email=options["admin_email"],
                administrator_password=options["admin_password"],
            )
        except ProvisioningError as error:
            raise CommandError(str(error)) from error

        municipality = result.municipality
        verb = "Založena" if result.created else "Už existuje, doplněno"
        self.stdout.write(
            self.style.SUCCESS(
                f"{verb}: {municipality.name} (IČO {municipality.ico}) "
                f"na http://{municipality.site.hostname}:{municipality.site.port}/"
            )
        )
        if result.administrator is not None:
            if result.administrator_password:
                self.stdout.write(
                    f"Správce: {result.administrator.username} / heslo: "
                    f"{result.administrator_password}"
                )
            else:
                self.stdout.write(f"Správce: {result.administrator.username} (heslo beze změny)")
