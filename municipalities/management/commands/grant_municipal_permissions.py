from django.core.management.base import BaseCommand

from municipalities.models import Municipality
from municipalities.roles import grant_role_permissions


class Command(BaseCommand):
    help = (
        "Znovu přidělí skupinám všech obcí oprávnění jejich rolí (po aktualizaci nebo po zapnutí "
        "nového modulu). Nic neodebírá; lze spouštět opakovaně."
    )

    def handle(self, *args, **options):
        count = 0
        for municipality in Municipality.objects.select_related("site", "collection"):
            for link in municipality.group_links.select_related("group"):
                grant_role_permissions(municipality, link.group, link.role)
            count += 1
        self.stdout.write(self.style.SUCCESS(f"Oprávnění obnovena pro {count} obcí."))
