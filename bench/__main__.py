"""Run every benchmark in bench/ (or those named on the command line).

A benchmark is a module here, not starting with "_", with a run() that returns its results;
they are written to bench/results/<name>.json.
"""

import importlib
import json
import pkgutil
import sys
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
RESULTS_DIR = BENCH_DIR / "results"


def available():
    return sorted(
        info.name
        for info in pkgutil.iter_modules([str(BENCH_DIR)])
        if not info.name.startswith("_")
    )


def main(names):
    known = available()
    unknown = sorted(set(names) - set(known))
    if unknown:
        sys.exit(f"Unknown benchmark(s) {', '.join(unknown)}; available: {', '.join(known)}")
    RESULTS_DIR.mkdir(exist_ok=True)
    failed = []
    for name in names or known:
        module = importlib.import_module(f"bench.{name}")
        if not hasattr(module, "run"):
            continue
        print(f"=== bench {name} ===", flush=True)
        started = time.perf_counter()
        results = module.run()
        results_path = RESULTS_DIR / f"{name}.json"
        temporary = results_path.with_suffix(".json.tmp")
        temporary.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
        temporary.replace(results_path)
        print(f"=== bench {name}: {time.perf_counter() - started:.0f} s, {results_path} ===")
        if _has_error(results):
            failed.append(name)
    if failed:
        sys.exit(f"Benchmarks with errors: {', '.join(failed)}")


def _has_error(results):
    return isinstance(results, dict) and any(
        isinstance(value, dict) and "error" in value for value in results.values()
    )


if __name__ == "__main__":
    main(sys.argv[1:])
