"""A participant's schedule as PDF and iCal, in their language; the table plan for staff."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import path
from django.utils.translation import gettext as _

from helisa.congress import b2b_documents as documents
from helisa.congress import b2b_my_schedule as my_schedule
from helisa.congress import b2b_queries as queries
from helisa.congress.b2b_rules import congress_of  # noqa: F401  (registers the permissions)
from helisa.congress.models import Congress
from helisa.congress.slots import local_label
from helisa.core.translated import in_language


def _congress(slug):
    return get_object_or_404(Congress, slug=slug)


def _me(request, congress):
    participant = queries.participant_of(congress, request.user)
    if participant is None:
        raise PermissionDenied
    return participant


@login_required
def schedule_ics(request, slug):
    participant = _me(request, _congress(slug))
    response = HttpResponse(
        my_schedule.schedule_ics(participant), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="b2b-{slug}.ics"'
    return response


@login_required
def schedule_pdf(request, slug):
    participant = _me(request, _congress(slug))
    response = HttpResponse(my_schedule.schedule_pdf(participant), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="b2b-{slug}.pdf"'
    return response


def _plan(request, congress):
    if not request.user.has_perm("congress.run_b2b", congress):
        raise PermissionDenied
    return [
        (slot, local_label(slot, congress.time_zone), meetings)
        for slot, meetings in queries.table_plan(congress)
    ]


@login_required
def table_plan(request, slug):
    congress = _congress(slug)
    plan = _plan(request, congress)
    return render(request, "congress/b2b/table_plan.html", {"congress": congress, "plan": plan})


@login_required
def table_plan_pdf(request, slug):
    congress = _congress(slug)
    plan = _plan(request, congress)
    slots = [
        (
            f"{my_schedule.local(slot.starts_at, congress):%d.%m} {label}",
            [
                (
                    m.table if m.table else _("online"),
                    " · ".join(p.registration.name_on_badge for p in m.participants.all()),
                )
                for m in meetings
            ],
        )
        for slot, label, meetings in plan
    ]
    body = documents.render_table_plan_pdf(
        title=_("Table plan · %(name)s") % {"name": in_language(congress.name)},
        slots=slots,
        table_label=_("Table"),
    )
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="table-plan-{congress.slug}.pdf"'
    return response


urlpatterns = [
    path("<slug:slug>/b2b/meetings.ics", schedule_ics, name="b2b_meetings_ics"),
    path("<slug:slug>/b2b/meetings.pdf", schedule_pdf, name="b2b_meetings_pdf"),
    path("<slug:slug>/b2b/organise/table-plan/", table_plan, name="b2b_table_plan"),
    path("<slug:slug>/b2b/organise/table-plan.pdf", table_plan_pdf, name="b2b_table_plan_pdf"),
]
