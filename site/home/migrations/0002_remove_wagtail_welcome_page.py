"""Remove the placeholder page and site that Wagtail's own migrations create.

Municipalities are onboarded with ``create_municipality``; an untouched welcome page
would otherwise answer on every unknown hostname.
"""

from django.db import migrations


def remove_welcome_page(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    welcome = Page.objects.filter(
        depth=2, slug="home", title="Welcome to your new Wagtail site!", numchild=0
    ).first()
    if welcome is None:
        return
    Site.objects.filter(root_page_id=welcome.pk).delete()
    welcome.delete()
    root = Page.objects.get(depth=1)
    root.numchild = Page.objects.filter(depth=2).count()
    root.save(update_fields=["numchild"])


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0001_initial"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [migrations.RunPython(remove_welcome_page, migrations.RunPython.noop)]
