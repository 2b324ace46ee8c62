"""What an organiser reviews in a draft schedule: figures, the verdict on its bounds, the
meetings left out and the table plan per slot. Reads the run's result and the meetings."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from helisa.congress.b2b_queries import active_meetings, congress_slots


@dataclass
class Review:
    scheduled: int
    unscheduled: list
    meetings: int
    gaps: int
    idle_slots: int
    upper_bound: int
    lower_bound_gaps: int
    optimal: bool
    moved: int
    verdict: str
    plan: list = field(default_factory=list)  # [(slot, [(table, meeting)])]


def verdict(result):
    """ "optimal", or how far from the best possible the draft may be, in words."""
    if result.get("optimal"):
        return _("Optimal: no schedule places more meetings or leaves fewer gaps.")
    missing = result.get("upper_bound_scheduled", 0) - len(result.get("assignments", []))
    extra_gaps = result.get("gaps", 0) - result.get("lower_bound_gaps", 0)
    return _("Within %(meetings)s and %(gaps)s of the best possible.") % {
        "meetings": ngettext("%(n)s meeting", "%(n)s meetings", missing) % {"n": missing},
        "gaps": ngettext("%(n)s gap", "%(n)s gaps", extra_gaps) % {"n": extra_gaps},
    }


def review(run):
    result = run.result or {}
    assignments = result.get("assignments", [])
    meetings = {str(m.pk): m for m in active_meetings(run.congress)}
    by_slot = {}
    for a in assignments:
        meeting = meetings.get(str(a["meeting"]))
        if meeting is not None:
            by_slot.setdefault(a["slot"], []).append((a["table"], meeting))
    plan = [
        (slot, sorted(by_slot.get(slot.id, []), key=lambda pair: pair[0]))
        for slot in congress_slots(run.congress)
    ]
    unscheduled = [meetings[m] for m in map(str, result.get("unscheduled", [])) if m in meetings]
    return Review(
        scheduled=len(assignments),
        unscheduled=unscheduled,
        meetings=len(assignments) + len(result.get("unscheduled", [])),
        gaps=result.get("gaps", 0),
        idle_slots=result.get("idle_slots", 0),
        upper_bound=result.get("upper_bound_scheduled", 0),
        lower_bound_gaps=result.get("lower_bound_gaps", 0),
        optimal=bool(result.get("optimal")),
        moved=result.get("moved", 0),
        verdict=verdict(result),
        plan=plan,
    )
