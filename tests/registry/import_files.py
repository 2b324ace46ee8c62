"""Import files written in tests: CSV and XLSX from rows of dicts."""

import csv
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from helisa.registry.models import HelixRole, NaceSector
from tests.factories import country

ORGANISATION_HEADER = [
    "legal_name",
    "short_name",
    "helix_role",
    "business_size",
    "country",
    "region",
    "city",
    "latitude",
    "longitude",
    "website",
    "pic",
    "sectors",
    "description_en",
]


def reference_data():
    """The countries and NACE classes the files use (the data migration may have loaded them)."""
    for code in ("PL", "CZ", "DE"):
        country(code)
    for code, level in (("J", 1), ("62", 2), ("62.1", 3), ("62.10", 4)):
        NaceSector.objects.get_or_create(code=code, defaults={"level": level, "label": {}})


def organisation_row(number, **changes):
    row = {
        "legal_name": f"Fabryka {number} Sp. z o.o.",
        "short_name": f"F{number}",
        "helix_role": HelixRole.BUSINESS,
        "business_size": "sme",
        "country": "PL",
        "region": "",
        "city": "Kraków",
        "latitude": "",
        "longitude": "",
        "website": f"https://fabryka{number}.example.pl",
        "pic": "",
        "sectors": "62.10",
        "description_en": f"Factory number {number}",
    }
    row.update(changes)
    return row


def csv_upload(rows, name="organisations.csv", delimiter=",", encoding="utf-8"):
    header = list(dict.fromkeys(key for row in rows for key in row)) or ORGANISATION_HEADER
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=header, delimiter=delimiter, restval="")
    writer.writeheader()
    writer.writerows(rows)
    return SimpleUploadedFile(name, buffer.getvalue().encode(encoding), content_type="text/csv")


def xlsx_upload(rows, name="organisations.xlsx"):
    workbook = Workbook()
    sheet = workbook.active
    header = list(rows[0])
    sheet.append(header)
    for row in rows:
        sheet.append([row[key] for key in header])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())
