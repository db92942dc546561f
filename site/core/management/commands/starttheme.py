"""Scaffold a working theme that overrides nothing yet but its own stylesheet."""

import keyword
import re
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

NAME = re.compile(r"^[a-z][a-z0-9_]{1,39}$")

APPS = '''from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class {class_name}(AppConfig):
    """Theme "{label}": overrides templates of the default theme, see docs/themes.md."""

    name = "themes.{name}"
    label = "theme_{name}"
    theme_label = _("{label}")
    # PDF documents use the default theme's fonts until a ``pdf_fonts`` attribute here names
    # other families (docs/themes.md, "Fonts of PDF documents").
'''

BASE = """{{% extends "base.html" %}}
{{% load static %}}
{{% comment %}}The default theme's page frame. Override only the blocks you change: header,
brand, header_tools, navigation, footer... (docs/themes.md lists them). The stylesheet comes
after the default theme's and before the municipality's branding.{{% endcomment %}}
{{% block stylesheets %}}{{{{ block.super }}}}
  <link rel="stylesheet" href="{{% static 'themes/{name}/theme.css' %}}">
{{% endblock %}}
"""

CSS = """/* Theme "{label}". The default theme's stylesheets are loaded first; change what differs.
   Honour the municipality's branding: use var(--color-primary), var(--color-link),
   var(--font-body) and the other custom properties rather than fixed values, and give every
   colour you change a dark-mode value too (see docs/themes.md). */
:root {{
  --radius: 4px;
  --font-heading: var(--font-body);
}}
@media screen and (prefers-color-scheme: dark) {{
  :root:not([data-color-scheme="light"]) {{ }}
}}
@media screen {{
  :root[data-color-scheme="dark"] {{ }}
}}
"""


class Command(BaseCommand):
    help = "Vytvoří kostru nového vzhledu (tématu) ve složce themes/NÁZEV."

    def add_arguments(self, parser):
        parser.add_argument("name", help="Název složky: malá písmena, číslice, podtržítko.")
        parser.add_argument("--label", help="Název pro editory, např. „Modrý městský“.")
        parser.add_argument(
            "--directory", default=str(settings.BASE_DIR / "themes"), help="Kam téma založit."
        )

    def handle(self, *args, **options):
        name = options["name"]
        if not NAME.match(name) or keyword.iskeyword(name):
            raise CommandError(
                f"Neplatný název „{name}“: použijte 2–40 malých písmen, číslic nebo podtržítek, "
                "začínajících písmenem."
            )
        target = Path(options["directory"]) / name
        if target.exists():
            raise CommandError(f"Složka {target} už existuje; téma nepřepisuji.")
        label = options["label"] or name.replace("_", " ").capitalize()
        class_name = "".join(part.capitalize() for part in name.split("_")) + "ThemeConfig"
        context = {"name": name, "label": label, "class_name": class_name}

        (target / "templates").mkdir(parents=True)
        (target / "static" / "themes" / name).mkdir(parents=True)
        (target / "__init__.py").write_text("")
        (target / "apps.py").write_text(APPS.format(**context), encoding="utf-8")
        (target / "templates" / "base.html").write_text(BASE.format(**context), encoding="utf-8")
        (target / "static" / "themes" / name / "theme.css").write_text(
            CSS.format(**context), encoding="utf-8"
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Téma „{label}“ je ve složce {target}. Po restartu serveru ho lze vybrat u obce."
            )
        )
