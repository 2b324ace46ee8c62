"""The organiser's figures of B2B matchmaking, and their XLSX export."""

import tempfile

from django.db.models import Count, Q
from django.http import FileResponse
from django.utils.translation import gettext as _

from helisa.congress.b2b_queries import request_counts
from helisa.congress.models import AgreementType, FollowUp, Meeting, MeetingOutcome


def statistics(congress):
    requests = request_counts(congress)
    meetings = Meeting.objects.filter(congress=congress, cancelled_at__isnull=True).aggregate(
        total=Count("pk"),
        scheduled=Count("pk", filter=Q(published=True, slot_start__isnull=False)),
        held=Count("pk", filter=Q(outcome=MeetingOutcome.HELD)),
        no_show=Count("pk", filter=Q(outcome=MeetingOutcome.NO_SHOW)),
    )
    answered = FollowUp.objects.filter(meeting__congress=congress, answered_at__isnull=False)
    agreements = answered.filter(agreement_reached=True)
    by_type = dict(
        agreements.values_list("agreement_type").annotate(n=Count("meeting", distinct=True))
    )
    return {
        "requests": requests["total"],
        "accepted": requests["accepted"],
        "declined": requests["declined"],
        "pending": requests["pending"],
        "meetings": meetings["total"],
        "scheduled": meetings["scheduled"],
        "held": meetings["held"],
        "no_show": meetings["no_show"],
        "follow_ups_answered": answered.count(),
        "negotiations": answered.filter(negotiation_started=True)
        .values("meeting")
        .distinct()
        .count(),
        "agreements": agreements.values("meeting").distinct().count(),
        "agreements_by_type": [
            (value, label, by_type.get(value, 0)) for value, label in AgreementType.choices
        ],
    }


def funnel(figures):
    """[(label, value)] from requests to agreements, for the bar chart."""
    return [
        (_("Requests"), figures["requests"]),
        (_("Accepted"), figures["accepted"]),
        (_("Scheduled"), figures["scheduled"]),
        (_("Held"), figures["held"]),
        (_("Negotiations"), figures["negotiations"]),
        (_("Agreements"), figures["agreements"]),
    ]


def xlsx_response(congress, figures):
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    summary = workbook.create_sheet(_("Figures")[:31])
    for label, value in funnel(figures):
        summary.append([str(label), value])
    for _value, label, count in figures["agreements_by_type"]:
        summary.append([str(_("Agreements: %(type)s") % {"type": label}), count])
    sheet = workbook.create_sheet(_("Meetings")[:31])
    sheet.append(
        [
            str(_("Meeting")),
            str(_("Time (UTC)")),
            str(_("Table")),
            str(_("Where")),
            str(_("Participants")),
            str(_("Outcome")),
            str(_("Agreement")),
        ]
    )
    meetings = (
        Meeting.objects.filter(congress=congress, cancelled_at__isnull=True)
        .prefetch_related("participants__registration", "follow_ups")
        .order_by("slot_start", "table", "pk")
    )
    for meeting in meetings:
        types = sorted({f.agreement_type for f in meeting.follow_ups.all() if f.agreement_reached})
        sheet.append(
            [
                meeting.pk,
                meeting.slot_start.replace(tzinfo=None) if meeting.slot_start else None,
                meeting.table,
                meeting.get_mode_display(),
                "; ".join(p.registration.name_on_badge for p in meeting.participants.all()),
                meeting.get_outcome_display(),
                ", ".join(types),
            ]
        )
    output = tempfile.SpooledTemporaryFile(max_size=10 * 2**20)  # noqa: SIM115 (closed by the response)
    workbook.save(output)
    output.seek(0)
    return FileResponse(
        output,
        as_attachment=True,
        filename=f"b2b-{congress.slug}.xlsx",
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
