"""The admission moves from Decimal crowns to whole hellers (radnice.core.money.MoneyField).

The pages' own rows, their revisions (drafts and the published history, which Wagtail
deserialises on preview, compare and revert) and the wagtail-localize sources that hold a
serialised copy of the page are converted alike: ``"150.50"`` crowns become ``15050``.
Reversible: hellers go back to crowns.
"""

import json
from decimal import ROUND_HALF_UP, Decimal

import django.core.validators
from django.db import migrations

import radnice.core.money


def crowns_to_hellers(value):
    if value is None or value == "":
        return None
    return int((Decimal(str(value)) * 100).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def hellers_to_crowns(value):
    if value is None or value == "":
        return None
    return str((Decimal(int(value)) / 100).quantize(Decimal("0.01")))


def _convert_serialised_copies(apps, convert):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Revision = apps.get_model("wagtailcore", "Revision")
    TranslationSource = apps.get_model("wagtail_localize", "TranslationSource")
    content_type = ContentType.objects.filter(app_label="events", model="eventpage").first()
    if content_type is None:
        return
    for revision in Revision.objects.filter(content_type_id=content_type.pk).iterator():
        if "price" in revision.content:
            revision.content["price"] = convert(revision.content["price"])
            revision.save(update_fields=["content"])
    sources = TranslationSource.objects.filter(specific_content_type_id=content_type.pk)
    for source in sources.iterator():
        content = json.loads(source.content_json)
        if "price" in content:
            content["price"] = convert(content["price"])
            source.content_json = json.dumps(content)
            source.save(update_fields=["content_json"])


def forwards(apps, schema_editor):
    EventPage = apps.get_model("events", "EventPage")
    for page_id, price in EventPage.objects.exclude(price=None).values_list("pk", "price"):
        EventPage.objects.filter(pk=page_id).update(price_hellers=crowns_to_hellers(price))
    _convert_serialised_copies(apps, crowns_to_hellers)


def backwards(apps, schema_editor):
    EventPage = apps.get_model("events", "EventPage")
    for page_id, hellers in EventPage.objects.exclude(price_hellers=None).values_list(
        "pk", "price_hellers"
    ):
        EventPage.objects.filter(pk=page_id).update(price=Decimal(hellers_to_crowns(hellers)))
    _convert_serialised_copies(apps, hellers_to_crowns)


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0004_eventtype_taxonomy"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]

    operations = [
        migrations.AddField(
            model_name="eventpage",
            name="price_hellers",
            field=radnice.core.money.MoneyField(blank=True, null=True),
        ),
        migrations.RunPython(forwards, backwards),
        migrations.RemoveField(model_name="eventpage", name="price"),
        migrations.RenameField(model_name="eventpage", old_name="price_hellers", new_name="price"),
        migrations.AlterField(
            model_name="eventpage",
            name="price",
            field=radnice.core.money.MoneyField(
                blank=True,
                help_text="Např. 150 nebo 80,50",
                null=True,
                validators=[django.core.validators.MinValueValidator(0)],
                verbose_name="vstupné (Kč)",
            ),
        ),
    ]
