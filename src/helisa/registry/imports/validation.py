"""Validating a whole file: every problem with its row, column and a plain message.

Rows are read in chunks so that a 100,000-row file is never held in memory, and what a chunk
refers to (organisations, clusters) is loaded in a few queries per chunk.
"""

from collections import Counter
from contextlib import contextmanager
from itertools import islice

from django.utils.translation import gettext as _

from .checking import ERROR, SKIP, checker_for, problem
from .columns import Reference
from .reading import UnreadableFile, open_table

CHUNK_ROWS = 1000
PREVIEW_ROWS = 10
# A file with errors on every row would otherwise keep hundreds of thousands of them; the
# preview says how many there are in all.
MAX_STORED_PROBLEMS = 10_000


class ValidationResult:
    def __init__(self, *, problems, summary):
        self.problems = problems
        self.summary = summary

    @property
    def is_valid(self):
        return self.summary["errors"] == 0


@contextmanager
def opened(batch, checker):
    batch.file.open("rb")
    try:
        with open_table(batch.file.file, batch.original_name, checker.aliases) as table:
            yield table
    finally:
        batch.file.close()


def checked_rows(table, checker):
    """Each row of the table, checked, in file order."""
    rows = iter(table.rows)
    while chunk := list(islice(rows, CHUNK_ROWS)):
        checker.prefetch(chunk)
        for row in chunk:
            yield row, checker.check(row)


def validate_file(*, batch, on_progress=None):
    checker = checker_for(batch=batch, reference=Reference.load())
    counts = Counter()
    problems, preview, known = [], [], []
    try:
        with opened(batch, checker) as table:
            problems += checker.header_problems(table.headers)
            known = [name for name in table.headers if name in {c.name for c in checker.columns}]
            if not any(item["level"] == ERROR for item in problems):
                for row, checked in checked_rows(table, checker):
                    counts["rows"] += 1
                    counts["with_errors" if checked.has_errors else checked.action] += 1
                    for item in checked.problems:
                        counts[item["level"]] += 1
                        if len(problems) < MAX_STORED_PROBLEMS:
                            problems.append(item)
                    wanted = not checked.has_errors and checked.action != SKIP
                    if wanted and len(preview) < PREVIEW_ROWS:
                        preview.append([row.cells.get(name, "") for name in known])
                    if on_progress and counts["rows"] % CHUNK_ROWS == 0:
                        on_progress(counts["rows"])
    except UnreadableFile as error:
        problems = [problem(1, "", error)]
    except UnicodeDecodeError:
        problems = [problem(1, "", _("The file's text encoding cannot be read; save it as UTF-8"))]
    header_errors = sum(1 for item in problems if item["row"] == 1 and item["level"] == ERROR)
    header_warnings = sum(1 for item in problems if item["row"] == 1 and item["level"] != ERROR)
    summary = {
        "rows": counts["rows"],
        "rows_with_errors": counts["with_errors"],
        "errors": counts[ERROR] + header_errors,
        "warnings": counts["warning"] + header_warnings,
        "create": counts["create"],
        "update": counts["update"],
        "skip": counts[SKIP],
        "problems_stored": len(problems),
        "preview_columns": known,
        "preview": preview,
    }
    return ValidationResult(problems=problems, summary=summary)
