"""Import progress, written where the import's own transaction can neither hide nor block it.

An import is applied in one transaction, so anything it writes on its own connection stays
invisible until the end. Progress therefore goes elsewhere:

- PostgreSQL: a second connection to the default database, in autocommit. Each
  `UPDATE importbatch SET rows_done` commits at once, so the progress page reads it with a
  plain query. The import never updates the batch row until its last statement; its inserts
  only take key-share locks on the row (foreign keys), which do not conflict with that update,
  so neither side waits for the other. The connection is a private DatabaseWrapper, never an
  alias in `connections`: an alias would be one more database to Django's test machinery (its
  own flush and post_migrate, hence duplicate content types; queries refused unless every test
  lists it) and to anything else that iterates over `connections`.
- SQLite allows one writer per database file, and the import holds that lock until it commits,
  so a second connection to the same file would wait and fail. Progress goes to a small side
  database (settings.IMPORT_PROGRESS_FILE, default VAR_DIR/import-progress.sqlite3) with its
  own lock; the progress page reads it while the batch is being applied.

Either way, when the import ends, rows_done on the batch itself is set in the same transaction
that writes the data (or, after a failure, right after the rollback).
"""

import sqlite3
from pathlib import Path

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

from helisa.registry.models import ImportBatch, ImportStatus

PROGRESS_ALIAS = "import-progress"
WRITE_EVERY_ROWS = 100


def _uses_side_file():
    return connections[DEFAULT_DB_ALIAS].vendor == "sqlite"


def _side_file():
    return Path(
        getattr(settings, "IMPORT_PROGRESS_FILE", settings.VAR_DIR / "import-progress.sqlite3")
    )


def _side_key(batch):
    # The same side file may serve several databases (tests, a copy of production).
    name = connections[DEFAULT_DB_ALIAS].settings_dict["NAME"]
    return f"{name}|{batch.pk}|{batch.created_at.isoformat()}"


def _open_side_file():
    path = _side_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    connection = sqlite3.connect(path, timeout=5, isolation_level=None)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute(
        "CREATE TABLE IF NOT EXISTS progress (key TEXT PRIMARY KEY, rows_done INTEGER NOT NULL)"
    )
    return connection


def _open_second_connection():
    default = connections[DEFAULT_DB_ALIAS]
    return default.__class__({**default.settings_dict}, alias=PROGRESS_ALIAS)


def _update_sql(connection):
    quote = connection.ops.quote_name
    # Names come from the model; the values travel as parameters.
    return (
        f"UPDATE {quote(ImportBatch._meta.db_table)} SET {quote('rows_done')} = %s "  # noqa: S608
        f"WHERE {quote(ImportBatch._meta.pk.column)} = %s"
    )


class ProgressWriter:
    """Records rows_done of one batch, every WRITE_EVERY_ROWS rows and at the end."""

    def __init__(self, batch):
        self.batch = batch
        self.last_written = None
        self.rows_done = 0
        self._side = _open_side_file() if _uses_side_file() else None
        self._second = None if self._side is not None else _open_second_connection()
        self._second_ready = False

    def advance(self, rows_done):
        self.rows_done = rows_done
        if self.last_written is None or rows_done - self.last_written >= WRITE_EVERY_ROWS:
            self.write(rows_done)

    def write(self, rows_done):
        self.rows_done = self.last_written = rows_done
        if self._side is not None:
            self._side.execute(
                "INSERT INTO progress (key, rows_done) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET rows_done = excluded.rows_done",
                (_side_key(self.batch), rows_done),
            )
        else:
            with self._second.cursor() as cursor:
                if not self._second_ready:
                    # Progress lost in a crash is worth no wait for the disk at each write.
                    cursor.execute("SET synchronous_commit TO OFF")
                    self._second_ready = True
                cursor.execute(_update_sql(self._second), [rows_done, self.batch.pk])

    def close(self):
        if self._side is not None:
            self._side.close()
        else:
            self._second.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()


def rows_done(batch):
    """How far the batch has come, as another process sees it now."""
    status, done = ImportBatch.objects.filter(pk=batch.pk).values_list("status", "rows_done").get()
    if status == ImportStatus.APPLYING and _uses_side_file():
        connection = _open_side_file()
        try:
            found = connection.execute(
                "SELECT rows_done FROM progress WHERE key = ?", (_side_key(batch),)
            ).fetchone()
        finally:
            connection.close()
        if found:
            return found[0]
    return done
