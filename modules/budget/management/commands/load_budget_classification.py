from django.core.management.base import BaseCommand

from modules.budget.classification import load_classification


class Command(BaseCommand):
    help = "Nahraje nebo aktualizuje číselníky rozpočtové skladby (paragrafy, položky)."

    def handle(self, *args, **options):
        changes = load_classification()
        for model_name, count in changes.items():
            self.stdout.write(f"{model_name}: {count} změn")
