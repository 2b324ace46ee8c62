"""Full-text index over Organisation.search_text, and the B-tree indexes the directory filters use.

search_text is already folded to lower-case ASCII words (core.folding), so both databases only
need to split on spaces and match word prefixes: FTS5 with unicode61 on SQLite, a GIN index on
to_tsvector('simple', ...) on PostgreSQL. See registry/queries.py:search_organisations.
"""

from django.db import migrations

SQLITE_FORWARD = [
    """CREATE VIRTUAL TABLE registry_organisation_fts USING fts5(
        search_text,
        content='registry_organisation',
        content_rowid='id',
        tokenize='unicode61',
        prefix='2 3'
    )""",
    """CREATE TRIGGER registry_organisation_fts_insert AFTER INSERT ON registry_organisation BEGIN
        INSERT INTO registry_organisation_fts(rowid, search_text) VALUES (new.id, new.search_text);
    END""",
    """CREATE TRIGGER registry_organisation_fts_delete AFTER DELETE ON registry_organisation BEGIN
        INSERT INTO registry_organisation_fts(registry_organisation_fts, rowid, search_text)
        VALUES ('delete', old.id, old.search_text);
    END""",
    """CREATE TRIGGER registry_organisation_fts_update AFTER UPDATE OF search_text ON registry_organisation
    BEGIN
        INSERT INTO registry_organisation_fts(registry_organisation_fts, rowid, search_text)
        VALUES ('delete', old.id, old.search_text);
        INSERT INTO registry_organisation_fts(rowid, search_text) VALUES (new.id, new.search_text);
    END""",
    "INSERT INTO registry_organisation_fts(registry_organisation_fts) VALUES ('rebuild')",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS registry_organisation_fts_insert",
    "DROP TRIGGER IF EXISTS registry_organisation_fts_delete",
    "DROP TRIGGER IF EXISTS registry_organisation_fts_update",
    "DROP TABLE IF EXISTS registry_organisation_fts",
]

POSTGRESQL_FORWARD = [
    "CREATE INDEX registry_organisation_search_gin ON registry_organisation "
    "USING GIN (to_tsvector('simple', search_text))",
]
POSTGRESQL_BACKWARD = ["DROP INDEX IF EXISTS registry_organisation_search_gin"]

# Both databases: the country + helix role filter returns its page in name order from the index.
COMMON_FORWARD = [
    "CREATE INDEX registry_org_country_role_name ON registry_organisation "
    "(country_id, helix_role, legal_name)",
    "CREATE INDEX registry_org_country_name ON registry_organisation (country_id, legal_name)",
    "CREATE INDEX registry_cluster_validated_name ON registry_cluster (is_validated, name)",
]
COMMON_BACKWARD = [
    "DROP INDEX IF EXISTS registry_org_country_role_name",
    "DROP INDEX IF EXISTS registry_org_country_name",
    "DROP INDEX IF EXISTS registry_cluster_validated_name",
]


def _run(schema_editor, statements):
    for statement in statements:
        schema_editor.execute(statement, params=None)


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        _run(schema_editor, SQLITE_FORWARD)
    elif vendor == "postgresql":
        _run(schema_editor, POSTGRESQL_FORWARD)
    _run(schema_editor, COMMON_FORWARD)


def backward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    _run(schema_editor, COMMON_BACKWARD)
    if vendor == "sqlite":
        _run(schema_editor, SQLITE_BACKWARD)
    elif vendor == "postgresql":
        _run(schema_editor, POSTGRESQL_BACKWARD)


class Migration(migrations.Migration):
    # The lead adjusts this once 0002_reference_data is settled (see the task brief).
    dependencies = [("registry", "0002_reference_data")]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
