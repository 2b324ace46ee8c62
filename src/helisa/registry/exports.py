"""Exports of directory views to CSV (streamed) and XLSX (written row by row).

The columns are the import's columns, so an exported file can be corrected and imported back.
Nothing about people is exported: no owners, roles, contacts or affiliations.
"""

import csv
import tempfile

from django.conf import settings
from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CHUNK = 2000


def _codes(manager):
    return ";".join(sorted(str(item.pk) for item in manager.all()))


def _topic_codes(manager):
    return ";".join(sorted(item.code for item in manager.all()))


def _descriptions(values):
    return [(values or {}).get(code, "") for code in settings.CONTENT_LANGUAGES]


ORGANISATION_HEADER = [
    "id", "legal_name", "short_name", "helix_role", "business_size", "country", "region",
    "street", "postcode", "city", "latitude", "longitude", "website", "vat_number", "pic",
    "sectors", "topics", "controlled_by",
    *(f"description_{code}" for code in settings.CONTENT_LANGUAGES),
]  # fmt: skip

CLUSTER_HEADER = [
    "organisation", "country", "name", "kind", "staff_fte", "founded_year", "focus_sectors",
    "focus_topics", "regions", "eccp_url", "esca_label", "esca_valid_until", "validated",
    "active_members",
]  # fmt: skip


def organisation_rows(queryset):
    """The header, then one list of plain values per organisation."""
    queryset = (
        queryset.select_related(None)
        .defer(None)
        .defer("search_text")
        .prefetch_related("sectors", "topics")
    )
    yield ORGANISATION_HEADER
    for o in queryset.iterator(chunk_size=CHUNK):
        yield [
            o.pk, o.legal_name, o.short_name, o.helix_role, o.business_size, o.country_id,
            o.region_id or "", o.street, o.postcode, o.city, _number(o.latitude),
            _number(o.longitude), o.website, o.vat_number, o.pic, _codes(o.sectors),
            _topic_codes(o.topics), o.controlled_by_id or "", *_descriptions(o.description),
        ]  # fmt: skip


def cluster_rows(queryset):
    from django.db.models import Count, Q

    from helisa.registry.models import MembershipStatus

    queryset = (
        queryset.select_related(None)
        .select_related("organisation")
        .defer(None)
        .defer("organisation__search_text", "organisation__description")
        .prefetch_related("focus_sectors", "focus_topics", "regions")
        .annotate(
            active_members=Count(
                "memberships", filter=Q(memberships__status=MembershipStatus.ACTIVE)
            )
        )
    )
    yield CLUSTER_HEADER
    for c in queryset.iterator(chunk_size=CHUNK):
        yield [
            c.pk, c.organisation.country_id, c.name, c.kind, str(c.staff_fte),
            c.founded_year or "", _codes(c.focus_sectors), _topic_codes(c.focus_topics),
            _codes(c.regions), c.eccp_url, c.esca_label,
            c.esca_valid_until.isoformat() if c.esca_valid_until else "",
            "yes" if c.is_validated else "no", c.active_members,
        ]  # fmt: skip


MEMBERSHIP_HEADER = [
    "cluster", "cluster_name", "member", "member_name", "country", "helix_role", "since",
    "status", "cross_border",
]  # fmt: skip


def membership_rows(clusters):
    """The header, then one row per membership of the given clusters: the columns of the
    membership import first, so that an export can be edited and imported again."""
    from helisa.registry.models import Membership

    memberships = (
        Membership.objects.filter(cluster__in=clusters.order_by().values("pk"))
        .select_related("cluster", "member")
        .only(
            "since", "status", "is_cross_border", "cluster__name", "member__legal_name",
            "member__country", "member__helix_role",
        )
        .order_by("cluster__name", "cluster_id", "member__legal_name", "pk")
    )  # fmt: skip
    yield MEMBERSHIP_HEADER
    for m in memberships.iterator(chunk_size=CHUNK):
        yield [
            m.cluster_id, m.cluster.name, m.member_id, m.member.legal_name, m.member.country_id,
            m.member.helix_role, m.since.isoformat() if m.since else "", m.status,
            "yes" if m.is_cross_border else "no",
        ]  # fmt: skip


def _number(value):
    return "" if value is None else value


class _Echo:
    def write(self, value):
        return value


def csv_response(rows, *, name):
    writer = csv.writer(_Echo())

    def stream():
        yield "\ufeff"  # so that spreadsheet programs read the file as UTF-8
        for row in rows:
            yield writer.writerow(row)

    response = StreamingHttpResponse(stream(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(name, "csv")}"'
    return response


def xlsx_response(rows, *, name):
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(name[:31])
    for row in rows:
        sheet.append(row)
    # A write-only workbook is built row by row; the file is spooled to disk when it grows.
    output = tempfile.SpooledTemporaryFile(max_size=10 * 2**20)  # noqa: SIM115 (closed by the response)
    workbook.save(output)
    output.seek(0)
    return FileResponse(
        output, as_attachment=True, filename=_filename(name, "xlsx"), content_type=XLSX_TYPE
    )


def _filename(name, extension):
    return f"helisa-{name}-{timezone.localdate().isoformat()}.{extension}"


def export_response(rows, *, name, file_format):
    if file_format == "xlsx":
        return xlsx_response(rows, name=name)
    return csv_response(rows, name=name)
