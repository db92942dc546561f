"""Load the national budget classification code lists shipped in modules/budget/data/."""

from django.db import migrations


def load(apps, schema_editor):
    from modules.budget.classification import load_classification

    load_classification(apps)


def unload(apps, schema_editor):
    from modules.budget.classification import unload_classification

    unload_classification(apps)


class Migration(migrations.Migration):
    dependencies = [("budget", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
