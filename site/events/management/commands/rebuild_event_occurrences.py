from django.core.management.base import BaseCommand

from radnice.events.occurrences import rebuild_all_occurrences


class Command(BaseCommand):
    help = "Znovu rozepíše termíny opakovaných akcí (posune dvouleté okno dopředu)."

    def handle(self, *args, **options):
        changed = rebuild_all_occurrences()
        self.stdout.write(f"Aktualizováno akcí: {changed}")
