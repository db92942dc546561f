"""``manage.py update_catalogues``: bring the interface's catalogues up to date with the code.

Runs Django's ``makemessages`` over the project's own code (``radnice.core.catalogues``:
site, municipalities, modules, themes; not .venv or tests) for every language but Czech,
keeps the existing translations and drops strings the code no longer has. Then lists the
entries that still need a translation (new strings, and fuzzy guesses that msgmerge made):
translate them in ``locale/<lang>/LC_MESSAGES/django.po`` and run ``compile_catalogues``.
Needs xgettext (Debian package ``gettext``).
"""

import shutil

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from radnice.core.catalogues import catalogue_path, extracted, problems


class Command(BaseCommand):
    help = (
        "Doplní do katalogů překladů (locale/) nové řetězce rozhraní z kódu a vypíše ty, "
        "které ještě nemají překlad (potřebuje xgettext)."
    )

    def handle(self, **options):
        if not shutil.which("xgettext"):
            raise CommandError("xgettext chybí: nainstalujte balíček gettext (apt-get).")
        languages = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
        with extracted(languages) as fresh:
            for language, path in fresh.items():
                target = catalogue_path(language)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, target)
                todo = problems(target)
                self.stdout.write(f"{target}: {len(todo)} k přeložení")
                for msgid, why in todo:
                    self.stdout.write(f"  [{why}] {msgid}")
