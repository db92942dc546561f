from django.core.management.base import BaseCommand, CommandError

from modules.budget.importers import import_file
from modules.budget.models import ImportFormat, ImportMode
from municipalities.models import Municipality


class Command(BaseCommand):
    help = (
        "Nahraje rozpočtová data obce ze souboru (GINIS KXX, Cityvizor CSV nebo číselník akcí). "
        "Chybný soubor se celý odmítne a vypíší se všechny chybné řádky."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Cesta k souboru.")
        parser.add_argument("--municipality", required=True, help="IČO obce.")
        parser.add_argument("--format", required=True, choices=ImportFormat.values)
        parser.add_argument("--year", type=int, help="Rok dat (povinný mimo číselník akcí).")
        parser.add_argument("--mode", default=ImportMode.REPLACE, choices=ImportMode.values)
        parser.add_argument(
            "--invoices-in-ledger",
            action="store_true",
            help="Cityvizor CSV: řádky KDF/KOF jen opakují účetní řádky, nepočítat je do čerpání.",
        )
        parser.add_argument(
            "--ignore-ico",
            action="store_true",
            help="KXX: nekontrolovat, že IČO v souboru je IČO obce.",
        )

    def handle(self, *args, **options):
        municipality = Municipality.objects.filter(ico=options["municipality"]).first()
        if municipality is None:
            raise CommandError(f"Obec s IČO {options['municipality']} neexistuje.")
        if options["format"] != ImportFormat.EVENTS and not options["year"]:
            raise CommandError("Zadejte rok dat (--year).")
        verbosity = options["verbosity"]

        def progress(rows, bytes_read, bytes_total):
            if verbosity > 1 and bytes_total:
                self.stderr.write(f"\r{rows} řádků, {100 * bytes_read // bytes_total} %", ending="")

        try:
            binary = open(options["file"], "rb")  # noqa: SIM115 - closed below
        except OSError as error:
            raise CommandError(f"Soubor nelze otevřít: {error}") from error
        with binary:
            report = import_file(
                municipality,
                binary,
                format=options["format"],
                year=options["year"],
                mode=options["mode"],
                invoices_in_ledger=options["invoices_in_ledger"],
                check_ico=not options["ignore_ico"],
                progress=progress,
            )
        if verbosity > 1:
            self.stderr.write("")
        for error in report.errors:
            self.stdout.write(str(error))
        if not report.ok:
            raise CommandError(report.summary())
        self.stdout.write(self.style.SUCCESS(report.summary()))
