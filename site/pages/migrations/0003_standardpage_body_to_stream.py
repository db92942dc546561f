"""Step 2 of 3: the existing rich text (and its revisions) becomes one "text" block.

Reversible: going back keeps the text blocks as rich text (other blocks have no rich-text form).
"""

from django.db import migrations

from radnice.blocks.conversion import body_to_stream, stream_to_body


def forward(apps, schema_editor):
    body_to_stream(apps, "pages", "standardpage")


def backward(apps, schema_editor):
    stream_to_body(apps, "pages", "standardpage")


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0002_standardpage_body_stream"),
        ("wagtailcore", "0098_apitoken"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forward, backward)]
