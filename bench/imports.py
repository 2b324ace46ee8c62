"""Validating and applying a 100,000-row organisations import, on SQLite and on PostgreSQL.

Each database runs in its own subprocess (Django reads DATABASE_URL once at start): the
subprocess migrates a fresh database, writes a CSV of organisations resampled from the CORDIS
participants (bench/_directory_data.py), and times the import as a user makes it: upload
(validated by the background task) and confirm (applied by the background task), with the
tasks run at once. The parent collects the figures.

    python -m bench imports              # both databases
    BENCH_DATABASES=sqlite python -m bench imports
    BENCH_IMPORT_ROWS=10000 BENCH_PROFILE=1 python -m bench imports   # and a cProfile of each step
"""

import csv
import io
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
SQLITE_PATH = ROOT / "var" / "bench" / "imports.sqlite3"
DEFAULT_POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/helisa_bench_imports"
ROWS = int(os.environ.get("BENCH_IMPORT_ROWS", "100000"))
HEADER = [
    "legal_name",
    "short_name",
    "helix_role",
    "business_size",
    "country",
    "region",
    "street",
    "postcode",
    "city",
    "latitude",
    "longitude",
    "website",
    "pic",
    "sectors",
    "topics",
    "source_id",
    "description_en",
    "description_pl",
]


def run():
    results = {"rows": ROWS, "load_average": _load_average()}
    wanted = os.environ.get("BENCH_DATABASES", "sqlite,postgresql").split(",")
    if "sqlite" in wanted:
        results["sqlite"] = _in_subprocess("sqlite", _fresh_sqlite())
    if "postgresql" in wanted:
        url = os.environ.get("BENCH_POSTGRES_URL", DEFAULT_POSTGRES_URL)
        _fresh_postgres(url)
        try:
            results["postgresql"] = _in_subprocess("postgresql", url)
        finally:
            if os.environ.get("BENCH_KEEP_DB") != "1":
                _drop_postgres(url)
    print_table(results)
    return results


def main():
    from bench.__main__ import main as run_benchmarks

    run_benchmarks(["imports"])


def _load_average():
    try:
        return [round(value, 2) for value in os.getloadavg()]
    except OSError:
        return None


def _fresh_sqlite():
    SQLITE_PATH.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{SQLITE_PATH}{suffix}").unlink(missing_ok=True)
    return f"sqlite:///{SQLITE_PATH}"


def _admin_connection(url):
    import psycopg

    parsed = urlparse(url)
    return psycopg.connect(parsed._replace(path="/postgres").geturl(), autocommit=True)


def _fresh_postgres(url):
    name = urlparse(url).path.lstrip("/")
    with _admin_connection(url) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def _drop_postgres(url):
    name = urlparse(url).path.lstrip("/")
    with _admin_connection(url) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _in_subprocess(label, database_url):
    print(f"[imports] {label}: migrate, write {ROWS:,} rows, validate and apply", flush=True)
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as handle:
        output = Path(handle.name)
    media = tempfile.mkdtemp(prefix="helisa-bench-imports-")
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "helisa.settings",
        "DEBUG": "false",
        "LOG_LEVEL": "ERROR",
        "MEDIA_ROOT": media,
        "HELISA_VAR_DIR": media,
        "TASKS_BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
    }
    try:
        subprocess.run(  # noqa: S603 - our own interpreter and module, no outside input
            [sys.executable, "-m", "bench.imports", "--worker", str(output)],
            cwd=ROOT,
            env=env,
            check=True,
        )
        return json.loads(output.read_text())
    except subprocess.CalledProcessError as error:
        return {"error": f"worker exited with {error.returncode}"}
    finally:
        output.unlink(missing_ok=True)


def worker(output):
    import django

    django.setup()
    from django.core.management import call_command

    result = {}
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    result["migrate_s"] = round(time.perf_counter() - started, 1)
    started = time.perf_counter()
    content = organisations_csv(ROWS)
    result["file_s"] = round(time.perf_counter() - started, 1)
    result["file_mb"] = round(len(content) / 2**20, 1)
    result.update(measure(content))
    print(f"[imports]   {result}", flush=True)
    Path(output).write_text(json.dumps(result, indent=2))


def organisations_csv(rows, seed=2024):
    """A CSV of `rows` distinct organisations; a fifth give their region instead of coordinates."""
    from bench._directory_data import load_participants, nearest_regions
    from helisa.registry.models import BusinessSize, Country, HelixRole, NaceSector, Topic

    rng = random.Random(seed)
    participants = load_participants(set(Country.objects.values_list("code", flat=True)))
    regions = nearest_regions(participants)
    participants = [p for p in participants if p["country"] in regions]
    classes = list(NaceSector.objects.filter(level=4).values_list("code", flat=True))
    topics = list(Topic.objects.values_list("code", flat=True))
    sizes = [value for value, _label in BusinessSize.choices]
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADER)
    for number in range(rows):
        person = rng.choice(participants)
        role = person["role"]
        with_coordinates = person["latitude"] is not None and rng.random() < 0.8
        writer.writerow(
            [
                f"{person['name'][:280]} {number}",
                f"ORG{number}",
                role,
                rng.choice(sizes) if role == HelixRole.BUSINESS else "",
                person["country"],
                "" if with_coordinates else person.get("region") or "",
                f"ul. Przykładowa {number % 200 + 1}",
                person["postcode"][:20],
                person["city"][:100],
                person["latitude"] if with_coordinates else "",
                person["longitude"] if with_coordinates else "",
                f"https://org{number}.example.eu",
                f"{900000000 + number}",
                ";".join(rng.sample(classes, rng.randint(1, 3))),
                ";".join(rng.sample(topics, rng.randint(0, 2))),
                f"bench-{number}",
                f"Organisation number {number}, a {role} in {person['city']}",
                f"Organizacja numer {number}" if rng.random() < 0.5 else "",
            ]
        )
    return buffer.getvalue().encode("utf-8")


def measure(content):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from helisa.core.models import User
    from helisa.registry.imports import confirm_import, upload_import
    from helisa.registry.models import ChangeRecord, ImportStatus, Organisation

    importer = User.objects.create(email="bench-imports@example.eu", is_secretariat=True)
    upload = SimpleUploadedFile("organisations.csv", content, content_type="text/csv")

    started, cpu, database_cpu = time.perf_counter(), time.process_time(), _database_cpu()
    with _profiled("validate"):
        batch = upload_import(kind="organisations", file=upload, by=importer)
    validate_s = time.perf_counter() - started
    validate_cpu = (time.process_time() - cpu, _since(database_cpu))
    batch.refresh_from_db()
    if batch.status != ImportStatus.READY:
        return {"error": f"validation ended {batch.status}: {batch.problems[:3]}"}

    started, cpu, database_cpu = time.perf_counter(), time.process_time(), _database_cpu()
    with _profiled("apply"):
        confirm_import(batch=batch, by=importer)
    apply_s = time.perf_counter() - started
    apply_cpu = (time.process_time() - cpu, _since(database_cpu))
    batch.refresh_from_db()
    if batch.status != ImportStatus.APPLIED:
        return {"error": f"apply ended {batch.status}: {batch.error}"}
    rows = batch.rows_total
    return {
        "validate_s": round(validate_s, 1),
        "validate_rows_per_s": round(rows / validate_s),
        "apply_s": round(apply_s, 1),
        "apply_rows_per_s": round(rows / apply_s),
        "total_s": round(validate_s + apply_s, 1),
        # On a shared machine wall time says little; CPU seconds of this process and of the
        # PostgreSQL backend serving it (SQLite works inside this process) say more.
        "validate_cpu_s": round(validate_cpu[0], 1),
        "apply_cpu_s": round(apply_cpu[0], 1),
        "validate_database_cpu_s": _rounded(validate_cpu[1]),
        "apply_database_cpu_s": _rounded(apply_cpu[1]),
        "organisations": Organisation.objects.filter(import_batch=batch).count(),
        "with_region": Organisation.objects.filter(
            import_batch=batch, region__isnull=False
        ).count(),
        "change_records": ChangeRecord.objects.filter(import_batch=batch).count(),
        "warnings": batch.summary.get("warnings"),
    }


def _database_cpu():
    """CPU seconds of the PostgreSQL backend of this connection (local server), else None."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        (pid,) = cursor.fetchone()
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _since(before):
    return None if before is None else _database_cpu() - before


def _rounded(value):
    return None if value is None else round(value, 1)


class _profiled:
    """cProfile of one step when BENCH_PROFILE=1, printed sorted by cumulative time."""

    def __init__(self, name):
        self.name = name
        self.profile = None

    def __enter__(self):
        if os.environ.get("BENCH_PROFILE") == "1":
            import cProfile

            self.profile = cProfile.Profile()
            self.profile.enable()

    def __exit__(self, *exc_info):
        if self.profile is None:
            return
        import pstats

        self.profile.disable()
        print(f"[imports] profile of {self.name}")
        stats = pstats.Stats(self.profile).strip_dirs().sort_stats("cumulative")
        stats.print_stats(60)
        stats.sort_stats("tottime").print_stats(25)
        if path := os.environ.get("BENCH_PROFILE_DIR"):
            stats.dump_stats(Path(path) / f"imports-{self.name}.prof")


def print_table(results):
    print()
    print(
        f"{'database':<11} {'rows':>8} {'validate s':>11} {'rows/s':>8} {'apply s':>8} {'rows/s':>8}"
    )
    for database in ("sqlite", "postgresql"):
        result = results.get(database)
        if result is None:
            continue
        if "error" in result:
            print(f"{database:<11} {result['error']}")
            continue
        print(
            f"{database:<11} {results['rows']:>8} {result['validate_s']:>11} "
            f"{result['validate_rows_per_s']:>8} {result['apply_s']:>8} "
            f"{result['apply_rows_per_s']:>8}"
        )


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--worker":
        worker(sys.argv[2])
    else:
        main()
