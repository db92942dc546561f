"""A PostgreSQL text search configuration that ignores diacritics ("usneseni" = "usnesení").

Wagtail's database search backend on PostgreSQL uses the configuration named by
SEARCH_CONFIG in settings; ``radnice`` is the "simple" configuration with ``unaccent``
applied to every word. ``unaccent`` is a trusted extension (PostgreSQL 13+), so a database
owner may create it. On other databases (SQLite's FTS5 already folds diacritics) this
migration does nothing.
"""

from django.db import migrations

CREATE = """
CREATE EXTENSION IF NOT EXISTS unaccent;
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'radnice') THEN
        CREATE TEXT SEARCH CONFIGURATION radnice (COPY = simple);
        ALTER TEXT SEARCH CONFIGURATION radnice
            ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple;
    END IF;
END
$$;
"""

DROP = "DROP TEXT SEARCH CONFIGURATION IF EXISTS radnice;"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = []

    operations = [migrations.RunPython(forwards, backwards)]
