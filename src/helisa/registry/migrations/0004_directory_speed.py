"""Indexes that keep the directory's slow searches under 50 ms on 100,000 organisations.

Sector and topic filters read organisation ids by sector or topic: an index on (sector,
organisation) answers them from the index alone, where the index Django makes for the foreign key
sends every one of the tens of thousands of ids of a common sector back to the table.

On PostgreSQL, search matches a stored generated tsvector column (search_vector) with its own GIN
index instead of an index on the expression to_tsvector('simple', search_text): the index finds
the same rows, but a plan that walks the name index for the first page must test each row, and
parsing search_text again for every row cost ten times the test of a stored tsvector. The column
is not on the model: PostgreSQL fills it, and only registry/queries.py reads it. A later change of
search_text's type has to drop and re-create it.
"""

from django.db import migrations

COMMON_FORWARD = [
    "CREATE INDEX registry_org_sectors_sector_org ON registry_organisation_sectors "
    "(nacesector_id, organisation_id)",
    "CREATE INDEX registry_org_topics_topic_org ON registry_organisation_topics "
    "(topic_id, organisation_id)",
]
COMMON_BACKWARD = [
    "DROP INDEX IF EXISTS registry_org_sectors_sector_org",
    "DROP INDEX IF EXISTS registry_org_topics_topic_org",
]

STATISTICS_COLUMNS = [
    ("registry_organisation_sectors", "nacesector_id"),
    ("registry_organisation_topics", "topic_id"),
    ("registry_organisation", "region_id"),
]
POSTGRESQL_FORWARD = [
    "ALTER TABLE registry_organisation ADD COLUMN search_vector tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple', search_text)) STORED",
    "CREATE INDEX registry_organisation_search_vector ON registry_organisation "
    "USING GIN (search_vector)",
    "DROP INDEX IF EXISTS registry_organisation_search_gin",
    # SQLite's index on region_id holds the rowid already; PostgreSQL's needs id to count alone.
    "CREATE INDEX registry_org_region_id ON registry_organisation (region_id, id)",
    # A most-common-values list long enough to hold every sector, topic and region in use: a code
    # left out of it is guessed at a few dozen rows, and for a sector nobody declares that guess
    # made PostgreSQL walk all 100,000 names for a first page that stays empty.
    *(
        f"ALTER TABLE {table} ALTER COLUMN {column} SET STATISTICS 1000"
        for table, column in STATISTICS_COLUMNS
    ),
]
POSTGRESQL_BACKWARD = [
    *(
        f"ALTER TABLE {table} ALTER COLUMN {column} SET STATISTICS -1"
        for table, column in STATISTICS_COLUMNS
    ),
    "DROP INDEX IF EXISTS registry_org_region_id",
    "CREATE INDEX IF NOT EXISTS registry_organisation_search_gin ON registry_organisation "
    "USING GIN (to_tsvector('simple', search_text))",
    "DROP INDEX IF EXISTS registry_organisation_search_vector",
    "ALTER TABLE registry_organisation DROP COLUMN IF EXISTS search_vector",
]


def _run(schema_editor, statements):
    for statement in statements:
        schema_editor.execute(statement, params=None)


def forward(apps, schema_editor):
    _run(schema_editor, COMMON_FORWARD)
    if schema_editor.connection.vendor == "postgresql":
        _run(schema_editor, POSTGRESQL_FORWARD)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        _run(schema_editor, POSTGRESQL_BACKWARD)
    _run(schema_editor, COMMON_BACKWARD)


class Migration(migrations.Migration):
    dependencies = [("registry", "0003_search_index")]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
