"""Directory and API search latency on 100,000 organisations, on SQLite and on PostgreSQL.

Each database runs in its own subprocess, since Django reads DATABASE_URL once at start: the
subprocess migrates a fresh database, builds the dataset (bench/_directory_data.py) and times
full HTTP responses through django.test.Client. The parent collects and prints the figures.

    python -m bench directory            # both databases
    BENCH_DATABASES=sqlite python -m bench directory
"""

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode, urlparse

ROOT = Path(__file__).resolve().parent.parent
SQLITE_PATH = ROOT / "var" / "bench" / "directory.sqlite3"
DEFAULT_POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/helisa_bench"
WARMUP = 3
REPEAT = int(os.environ.get("BENCH_REPEAT", "30"))
SIZE = int(os.environ.get("BENCH_ORGANISATIONS", "100000"))
CLUSTERS = int(os.environ.get("BENCH_CLUSTERS", "2000"))
FOLDED = ("q_lodz", "q_sofia")  # must find organisations, or folding is broken


def run():
    results = {}
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
    print(f"[directory] {label}: migrate, build {SIZE:,} organisations, measure", flush=True)
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as handle:
        output = Path(handle.name)
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "helisa.settings",
        "DEBUG": "false",
        "LOG_LEVEL": "ERROR",
    }
    try:
        subprocess.run(  # noqa: S603 - our own interpreter and module, no outside input
            [sys.executable, "-m", "bench.directory", "--worker", str(output)],
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

    from bench._directory_data import DirectoryBuilder

    timings = {}
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    timings["migrate_s"] = round(time.perf_counter() - started, 1)
    started = time.perf_counter()
    rows = DirectoryBuilder(organisations=SIZE, clusters=CLUSTERS).build()
    timings["build_s"] = round(time.perf_counter() - started, 1)
    print(f"[directory]   built in {timings['build_s']} s: {rows}", flush=True)
    _analyse()
    result = {**timings, "rows": rows, **measure(searches())}
    Path(output).write_text(json.dumps(result, indent=2))


def _analyse():
    """Statistics and, on PostgreSQL, the visibility map, as a database in use has them.

    Autovacuum would get there on its own minutes after the load; without the visibility map,
    index-only scans (sector ids, region ids) go back to the table for every row.
    """
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")


def searches():
    """The searches, as (name, HTML path, API path), with values present in the data."""
    from django.db.models import Count

    from helisa.registry.models import Cluster, Organisation

    division = (
        Organisation.sectors.through.objects.filter(nacesector__level=2)
        .values("nacesector")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .first()["nacesector"]
    )
    region = (
        Organisation.objects.filter(region__isnull=False)
        .values("region__parent")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .first()["region__parent"]
    )
    topic = (
        Cluster.focus_topics.through.objects.filter(cluster__is_validated=True)
        .values("topic")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .first()["topic"]
    )
    queries = [
        ("q_hydrogen", "organisations", {"q": "hydrogen"}),
        ("country_pl_university", "organisations", {"country": "PL", "helix_role": "university"}),
        ("sector_region", "organisations", {"sector": division, "region": region}),
        # The data writes Łódź and София: found only through folding and transliteration.
        ("q_lodz", "organisations", {"q": "lodz"}),
        ("q_sofia", "organisations", {"q": "sofia"}),
        ("clusters_validated_topic", "clusters", {"validated": "1", "topic": topic}),
    ]
    return [
        (name, f"/registry/{kind}/?{urlencode(params)}", f"/api/v1/{kind}?{urlencode(params)}")
        for name, kind, params in queries
    ]


def measure(searches_to_run):
    from django.test import Client

    client = Client(raise_request_exception=False)
    queries, every = {}, []
    for name, html_path, api_path in searches_to_run:
        queries[name] = {}
        for kind, path in (("html", html_path), ("api", api_path)):
            durations, statuses = [], set()
            for attempt in range(WARMUP + REPEAT):
                started = time.perf_counter()
                response = client.get(path)
                _ = response.content
                elapsed = (time.perf_counter() - started) * 1000
                statuses.add(response.status_code)
                if attempt >= WARMUP:
                    durations.append(elapsed)
            every += durations
            queries[name][kind] = {
                "path": path,
                "status": sorted(statuses),
                "bytes": len(response.content),
                **summary(durations),
            }
            if kind == "api":
                queries[name]["hits"] = response.json().get("count")
            print(f"[directory]   {name} {kind}: {queries[name][kind]}", flush=True)
    missed = [name for name in FOLDED if queries.get(name, {}).get("hits") == 0]
    if missed:
        raise SystemExit(f"Folded searches found nothing: {', '.join(missed)}")
    return {**summary(every), "queries": queries}


def summary(durations):
    if not durations:
        return {"p50_ms": None, "p95_ms": None}
    ordered = sorted(durations)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * len(ordered)) - 1)]
    return {"p50_ms": round(statistics.median(ordered), 1), "p95_ms": round(p95, 1)}


def print_table(results):
    print()
    print(f"{'database':<11} {'search':<26} {'kind':<5} {'status':<10} {'p50 ms':>8} {'p95 ms':>8}")
    for database, result in results.items():
        if "error" in result:
            print(f"{database:<11} {result['error']}")
            continue
        for name, kinds in result["queries"].items():
            for kind, figures in kinds.items():
                if kind == "hits":
                    continue
                status = ",".join(map(str, figures["status"]))
                print(
                    f"{database:<11} {name:<26} {kind:<5} {status:<10} "
                    f"{figures['p50_ms']:>8} {figures['p95_ms']:>8}"
                )
        print(
            f"{database:<11} {'all requests':<26} {'':<5} {'':<10} "
            f"{result['p50_ms']:>8} {result['p95_ms']:>8}   (build {result['build_s']} s)"
        )


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--worker":
        worker(sys.argv[2])
    else:
        run()
