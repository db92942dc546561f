"""The national budget classification code lists, shipped as CSV files in ``data/``.

Paragraphs (odvětvové třídění) and items (druhové třídění) are separate lists because the
same number can be both (2212, 5169). ``load_classification`` is idempotent; a data migration
runs it, and ``manage.py load_budget_classification`` runs it again after the files change.
"""

import csv
import datetime
from functools import lru_cache
from pathlib import Path

from django.utils.translation import gettext as _

DATA_DIR = Path(__file__).resolve().parent / "data"

#: (model name, file name)
CODE_LISTS = [
    ("ParagraphGroup", "paragraph-groups.csv"),
    ("Paragraph", "paragraphs.csv"),
    ("ItemGroup", "item-groups.csv"),
    ("Item", "items.csv"),
]


def _date(value):
    return datetime.date.fromisoformat(value) if value else None


def read_code_list(file_name):
    with open(DATA_DIR / file_name, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            yield {
                "code": int(row["code"]),
                "name": row["name"].strip(),
                "valid_from": _date(row.get("valid_from")),
                "valid_to": _date(row.get("valid_to")),
            }


def load_classification(apps=None):
    """Create or update every code list entry; returns {model name: number of changes}."""
    if apps is None:
        from django.apps import apps
    changes = {}
    for model_name, file_name in CODE_LISTS:
        model = apps.get_model("budget", model_name)
        existing = {entry.code: entry for entry in model.objects.all()}
        to_create, to_update = [], []
        for row in read_code_list(file_name):
            entry = existing.get(row["code"])
            if entry is None:
                to_create.append(model(**row))
            elif any(getattr(entry, key) != value for key, value in row.items()):
                for key, value in row.items():
                    setattr(entry, key, value)
                to_update.append(entry)
        model.objects.bulk_create(to_create)
        model.objects.bulk_update(to_update, ["name", "valid_from", "valid_to"])
        changes[model_name] = len(to_create) + len(to_update)
    code_list_names.cache_clear()
    return changes


def unload_classification(apps):
    for model_name, _file_name in CODE_LISTS:
        apps.get_model("budget", model_name).objects.all().delete()


@lru_cache(maxsize=1)
def code_list_names():
    """{model name: {code: name}} of every code list, read once per process."""
    from django.apps import apps

    return {
        model_name: dict(apps.get_model("budget", model_name).objects.values_list("code", "name"))
        for model_name, _file_name in CODE_LISTS
    }


def paragraph_name(code):
    return code_list_names()["Paragraph"].get(code) or _("Paragraf %(code)s") % {"code": code}


def item_name(code):
    return code_list_names()["Item"].get(code) or _("Položka %(code)s") % {"code": code}


def paragraph_group_name(code):
    if code == 0:
        return _("Příjmy bez odvětvového třídění")
    return code_list_names()["ParagraphGroup"].get(code) or _("Oddíl %(code)s") % {
        "code": f"{code:02d}"
    }


def item_group_name(code):
    return code_list_names()["ItemGroup"].get(code) or _("Seskupení položek %(code)s") % {
        "code": f"{code:02d}"
    }
