"""PostgreSQL extensions for accent-insensitive, typo-tolerant site search.

unaccent and pg_trgm let modelsearch's fuzzy queries match "cooperatie" to "Activiteitencoöperaties"
(see search/site_search.py). f_unaccent() is the immutable wrapper those queries call (what
modelsearch's own `enable_unaccent` command creates). Every operation here does nothing on SQLite.
"""

from django.contrib.postgres.operations import TrigramExtension, UnaccentExtension
from django.db import migrations

CREATE_F_UNACCENT = """
CREATE OR REPLACE FUNCTION f_unaccent(text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
AS $func$ SELECT public.unaccent('public.unaccent', $1) $func$;
"""
DROP_F_UNACCENT = "DROP FUNCTION IF EXISTS f_unaccent(text);"


def on_postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = []

    operations = [
        UnaccentExtension(),
        TrigramExtension(),
        migrations.RunPython(on_postgresql(CREATE_F_UNACCENT), on_postgresql(DROP_F_UNACCENT)),
    ]
