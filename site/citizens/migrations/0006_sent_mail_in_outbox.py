"""The keys of sent citizens' e-mails move into the platform's outbox (radnice.notifications)
as sent rows without content, so a message already sent is not sent again; SentCitizenMail
becomes the outbox's sent rows."""

from django.db import migrations


def keys_into_outbox(apps, schema_editor):
    SentCitizenMail = apps.get_model("citizens", "SentCitizenMail")
    OutboxMessage = apps.get_model("notifications", "OutboxMessage")
    OutboxMessage.objects.bulk_create(
        [
            OutboxMessage(
                municipality_id=sent.municipality_id,
                key=sent.key,
                state="sent",
                sent_at=sent.sent_at,
            )
            for sent in SentCitizenMail.objects.iterator()
        ],
        ignore_conflicts=True,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("citizens", "0005_organisations"),
        ("notifications", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(keys_into_outbox, migrations.RunPython.noop),
        migrations.DeleteModel(name="SentCitizenMail"),
        migrations.CreateModel(
            name="SentCitizenMail",
            fields=[],
            options={
                "verbose_name": "odeslaný e-mail",
                "verbose_name_plural": "odeslané e-maily",
                "proxy": True,
                "indexes": [],
                "constraints": [],
            },
            bases=("notifications.outboxmessage",),
        ),
    ]
