"""The FTS5 trigram index of invoice texts (SQLite only; see modules/budget/search_index.py)."""

from django.db import migrations


def create(apps, schema_editor):
    from modules.budget.search_index import create_table

    create_table(schema_editor)


def drop(apps, schema_editor):
    from modules.budget.search_index import drop_table

    drop_table(schema_editor)


class Migration(migrations.Migration):
    dependencies = [("budget", "0002_load_classification")]

    operations = [migrations.RunPython(create, drop)]
