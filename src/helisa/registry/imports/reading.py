"""Reading CSV and XLSX files as rows of named cells, streaming, with the row numbers users see.

The header is row 1 and the first data row is row 2, as in a spreadsheet. For CSV a row is a
record (a quoted cell may span lines), which is what a spreadsheet shows as one row.
"""

import codecs
import csv
import io
import re
import zipfile
from contextlib import contextmanager
from dataclasses import dataclass

from django.utils.translation import gettext as _

from .columns import as_text

_CHUNK = 1024 * 1024


class UnreadableFile(ValueError):
    pass


@dataclass(frozen=True)
class Row:
    number: int
    cells: dict


@dataclass
class Table:
    headers: list  # normalised names, in file order
    raw_headers: list
    rows: object  # iterator of Row


def normalise_header(name):
    name = as_text(name).lstrip("\ufeff").strip().lower().rstrip("*").strip()
    return re.sub(r"[^\w]+", "_", name).strip("_")


def file_format(name, binary):
    start = binary.read(4)
    binary.seek(0)
    if start.startswith(b"PK"):
        return "xlsx"
    if name.lower().endswith((".xlsx", ".xlsm")):
        raise UnreadableFile(_("The file is not a valid XLSX workbook"))
    return "csv"


def sniff_encoding(binary):
    """utf-8 (with or without BOM) when the whole file decodes as such, else cp1250."""
    start = binary.read(3)
    binary.seek(0)
    if start == codecs.BOM_UTF8:
        return "utf-8-sig"
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        while chunk := binary.read(_CHUNK):
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
        encoding = "utf-8"
    except UnicodeDecodeError:
        encoding = "cp1250"
    binary.seek(0)
    return encoding


def sniff_delimiter(first_line):
    counts = {delimiter: first_line.count(delimiter) for delimiter in ";,\t"}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


@contextmanager
def open_table(binary, name, aliases=None):
    """Yield a Table over a binary file; `aliases` maps other header names to column names."""
    if file_format(name, binary) == "xlsx":
        with _xlsx_rows(binary) as rows:
            yield _table(rows, aliases or {})
    else:
        text = io.TextIOWrapper(binary, encoding=sniff_encoding(binary), newline="")
        try:
            first_line = text.readline()
            text.seek(0)
            rows = csv.reader(text, delimiter=sniff_delimiter(first_line))
            yield _table(rows, aliases or {})
        except csv.Error as error:
            raise UnreadableFile(
                _("The CSV file cannot be read: %(error)s") % {"error": error}
            ) from error
        finally:
            text.detach()


@contextmanager
def _xlsx_rows(binary):
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(binary, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise UnreadableFile(_("The file is not a valid XLSX workbook")) from error
    try:
        yield workbook.worksheets[0].iter_rows(values_only=True)
    finally:
        workbook.close()


def _table(rows, aliases):
    rows = iter(rows)
    raw_headers = [as_text(cell) for cell in next(rows, [])]
    while raw_headers and not raw_headers[-1]:
        raw_headers.pop()
    headers = []
    for raw in raw_headers:
        name = normalise_header(raw)
        headers.append(aliases.get(name, name))
    return Table(headers=headers, raw_headers=raw_headers, rows=_rows(rows, headers))


def _rows(rows, headers):
    for index, values in enumerate(rows, start=2):
        cells = {}
        for name, value in zip(headers, values, strict=False):
            if name and name not in cells:
                cells[name] = as_text(value)
        if any(cells.values()):
            yield Row(number=index, cells=cells)


def count_rows(binary, name):
    """Data rows in a file, cheaply, for deciding whether to work in the background.

    For XLSX the sheet's stated dimension is used when it has one (it may count blank rows);
    validation counts exactly.
    """
    if file_format(name, binary) == "xlsx":
        total = _xlsx_stated_rows(binary)
        if total is None:
            with _xlsx_rows(binary) as rows:
                total = sum(1 for values in rows if any(value is not None for value in values))
            total = max(total - 1, 0)
    else:
        with open_table(binary, name) as table:
            total = sum(1 for _row in table.rows)
    binary.seek(0)
    return total


def _xlsx_stated_rows(binary):
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(binary, read_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        binary.seek(0)
        raise UnreadableFile(_("The file is not a valid XLSX workbook")) from error
    try:
        stated = workbook.worksheets[0].max_row
    finally:
        workbook.close()
        binary.seek(0)
    return stated - 1 if stated and stated > 1 else None
