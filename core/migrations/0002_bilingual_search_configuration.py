"""A PostgreSQL text-search configuration that stems English and Arabic.

A copy of ``english`` in which words with non-ASCII letters (Arabic) go to the
``arabic_stem`` dictionary, so one index and one query match stems in both languages.
Other databases use Wagtail's own backend and need nothing.
"""

from django.db import migrations

CREATE = """
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'whitehelmets') THEN
        CREATE TEXT SEARCH CONFIGURATION whitehelmets (COPY = english);
        ALTER TEXT SEARCH CONFIGURATION whitehelmets
            ALTER MAPPING FOR word, hword, hword_part WITH arabic_stem;
    END IF;
END
$$;
"""
DROP = "DROP TEXT SEARCH CONFIGURATION IF EXISTS whitehelmets;"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
