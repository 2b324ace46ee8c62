"""Creating imported organisations a thousand at a time, with what create_organisation gives each.

create_organisation costs a dozen queries a row (foreign keys checked one by one in full_clean,
the save, each many-to-many set, the history record): 100,000 rows would take minutes. Here
each row is built and checked as that service does it: region derived from the coordinates,
search text, full_clean. Only the foreign keys are left to what guarantees them already: the
country and region were checked against the reference data loaded for this import, the
derived region comes from the regions in the database, and the database enforces every key
when the transaction commits. A chunk is then written with multi-row INSERTs (insert() below):
the organisations (so the search index triggers see them), their sectors and topics, and
their ChangeRecords, tied to the batch as the service ties them, in the order of the file.

Updates still go through update_organisation, one by one, after what is buffered is written,
so the history keeps the file's order.
"""

from contextlib import contextmanager

from django.db import DEFAULT_DB_ALIAS, connections, router
from django.utils import timezone

from helisa.registry.geo import region_for_point
from helisa.registry.models import ChangeRecord, Organisation
from helisa.registry.services.history import snapshot
from helisa.registry.services.organisations import search_text_for

CHUNK_ROWS = 1000
# SQLite's default page cache is 2 MB: past a few thousand rows, every insert then reads the
# pages of six indexes and the search index back from the operating system, which doubles the
# time of a large import. An import is one connection's work for a while; it may use more.
SQLITE_CACHE_KIB = 128 * 1024
# Checked by the import against its reference data (the controlling organisation against the
# registry) and enforced by the database; see above.
NOT_CLEANED = ["owner", "country", "region", "import_batch", "controlled_by"]


@contextmanager
def roomy_cache(using=DEFAULT_DB_ALIAS):
    connection = connections[using]
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        (before,) = cursor.fetchone()
        cursor.execute(f"PRAGMA cache_size = -{SQLITE_CACHE_KIB}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {int(before)}")


class _Regions:
    """region_for_point, remembered per point: files repeat the coordinates of a town."""

    def __init__(self):
        self.found = {}

    def __call__(self, *, latitude, longitude, country):
        key = (latitude, longitude, country)
        if key not in self.found:
            region = region_for_point(latitude=latitude, longitude=longitude, country=country)
            self.found[key] = region.code if region is not None else None
        return self.found[key]


class OrganisationCreator:
    """Buffers new organisations and writes them in chunks; flush() before anything else."""

    def __init__(self, *, batch, by):
        self.batch = batch
        self.by = by
        self.pending = []
        self.region_for_point = _Regions()
        self.through_sectors = Organisation.sectors.through
        self.through_topics = Organisation.topics.through

    def add(self, *, sectors=(), topics=(), **fields):
        organisation = Organisation(import_batch=self.batch, **fields)
        if (
            not organisation.region_id
            and organisation.latitude is not None
            and organisation.longitude is not None
        ):
            organisation.region_id = self.region_for_point(
                latitude=organisation.latitude,
                longitude=organisation.longitude,
                country=organisation.country_id,
            )
        organisation.search_text = search_text_for(organisation)
        organisation.full_clean(exclude=NOT_CLEANED)
        self.pending.append(
            (organisation, list(dict.fromkeys(sectors)), list(dict.fromkeys(topics)))
        )
        if len(self.pending) >= CHUNK_ROWS:
            self.flush()

    def flush(self):
        if not self.pending:
            return
        organisations = [organisation for organisation, _sectors, _topics in self.pending]
        insert_instances(Organisation, organisations)
        sectors, topics, history = [], [], []
        at = timezone.now()  # what ChangeRecord.at's auto_now_add would give each record
        for organisation, sector_codes, topic_ids in self.pending:
            sectors += [(organisation.pk, code) for code in sector_codes]
            topics += [(organisation.pk, pk) for pk in topic_ids]
            history.append(self._created(organisation, at))
        insert(self.through_sectors, ["organisation", "nacesector"], sectors)
        insert(self.through_topics, ["organisation", "topic"], topics)
        insert(ChangeRecord, HISTORY_FIELDS, history)
        self.pending = []

    def _created(self, organisation, at):
        """The values of the ChangeRecord create_organisation writes (HISTORY_FIELDS)."""
        return (
            organisation.pk,
            organisation._meta.model_name,
            str(organisation.pk),
            ChangeRecord.Action.CREATED,
            {
                name: [None, value]
                for name, value in snapshot(organisation).items()
                if value not in ("", None)
            },
            self.by.pk,
            at,
            self.batch.pk,
        )


HISTORY_FIELDS = [
    "organisation",
    "record_type",
    "record_id",
    "action",
    "changes",
    "by",
    "at",
    "import_batch",
]


def insert_instances(model, instances):
    """Unsaved instances, with their primary keys set afterwards, as bulk_create does."""
    pk = model._meta.pk
    fields = [
        field for field in model._meta.concrete_fields if field is not pk and not field.generated
    ]
    rows = [[field.pre_save(instance, True) for field in fields] for instance in instances]
    for instance, value in zip(instances, insert(model, fields, rows, returning=True), strict=True):
        setattr(instance, pk.attname, value)
        instance._state.adding = False
        instance._state.db = router.db_for_write(model)


def insert(model, fields, rows, *, returning=False):
    """INSERT rows of values for `fields` (names or fields): what bulk_create sends, cheaper.

    Each value goes through field.get_db_prep_save as in bulk_create, and PostgreSQL gets the
    rows as one array per column through UNNEST, as bulk_create does there (a statement with a
    placeholder per value costs the driver more to take apart than the database to run). Left
    out is bulk_create's per-value generality (expressions, raw values, fields with their own
    placeholders), which these models do not use and which costs more than the rest of an
    import together. Returns the new primary keys when `returning` (RETURNING keeps the order
    of the rows on both databases, which bulk_create relies on too).
    """
    if not rows:
        return []
    fields = [model._meta.get_field(f) if isinstance(f, str) else f for f in fields]
    if any(hasattr(field, "get_placeholder") or field.generated for field in fields):
        raise ValueError(f"{model.__name__}: a field needs bulk_create or is generated")
    connection = connections[router.db_for_write(model)]
    quote = connection.ops.quote_name
    into = (
        f"INSERT INTO {quote(model._meta.db_table)} "
        f"({', '.join(quote(field.column) for field in fields)}) "
    )
    returned = f" RETURNING {quote(model._meta.pk.column)}" if returning else ""
    unnest = connection.vendor == "postgresql" and all(
        (field.target_field if field.is_relation else field).get_internal_type()
        in connection.data_types
        for field in fields
    )
    if unnest:
        arrays = ", ".join(f"(%s)::{field.db_type(connection).split('(')[0]}[]" for field in fields)
        per_statement = len(rows)
    else:
        row = "(" + ", ".join(["%s"] * len(fields)) + ")"
        per_statement = max(1, (connection.features.max_query_params or 65535) // len(fields))
    keys = []
    with connection.cursor() as cursor:
        for start in range(0, len(rows), per_statement):
            part = [
                [
                    field.get_db_prep_save(value, connection)
                    for field, value in zip(fields, values, strict=True)
                ]
                for values in rows[start : start + per_statement]
            ]
            # Names come from the model; every value travels as a parameter.
            if unnest:
                cursor.execute(
                    f"{into}SELECT * FROM UNNEST({arrays}){returned}",  # noqa: S608
                    [list(column) for column in zip(*part, strict=True)],
                )
            else:
                cursor.execute(
                    f"{into}VALUES {', '.join([row] * len(part))}{returned}",
                    [value for values in part for value in values],
                )
            if returning:
                keys += [value for (value,) in cursor.fetchall()]
    return keys
