"""``manage.py compile_catalogues``: compile the interface's translations (``locale/*.po``).

The same as ``python -m radnice.core.catalogues``, which ``scripts/bootstrap`` runs; pure
Python (polib), no gettext tools needed. Run it after editing a ``.po`` file.
"""

from django.conf import settings
from django.core.management.base import BaseCommand

from radnice.core.catalogues import compile_catalogues


class Command(BaseCommand):
    help = "Přeloží katalogy překladů rozhraní (locale/*/LC_MESSAGES/*.po) do souborů .mo."

    def handle(self, **options):
        for locale_dir in settings.LOCALE_PATHS:
            for mo_path, translated in compile_catalogues(locale_dir):
                self.stdout.write(f"{mo_path}: {translated}")
