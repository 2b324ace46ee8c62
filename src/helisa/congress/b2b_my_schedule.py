"""A participant's published B2B meetings as iCalendar and PDF, in the participant's language:
what the schedule pages and the API both send."""

from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from helisa.congress import b2b_documents as documents
from helisa.congress import b2b_queries as queries
from helisa.congress.models import MeetingMode
from helisa.core.translated import in_language


def others(meeting, participant):
    return ", ".join(
        f"{p.registration.name_on_badge} ({p.organisation})"
        if p.organisation
        else p.registration.name_on_badge
        for p in meeting.participants.all()
        if p.pk != participant.pk
    )


def where(meeting):
    if meeting.mode == MeetingMode.ONLINE:
        return _("Online")
    return _("Table %(n)s") % {"n": meeting.table} if meeting.table else _("Table to be announced")


def local(moment, congress):
    return moment.astimezone(ZoneInfo(congress.time_zone))


def _language(participant):
    return participant.registration.language or settings.LANGUAGE_CODE


def schedule_ics(participant):
    congress = participant.congress
    minutes = queries.congress_minutes(congress)
    with translation.override(_language(participant)):
        name = str(in_language(congress.name))
        events = [
            {
                "uid": f"b2b-meeting-{m.pk}",
                "start": m.slot_start,
                "end": m.slot_start + minutes,
                "summary": _("B2B meeting: %(who)s") % {"who": others(m, participant)},
                "location": m.video_link
                if m.mode == MeetingMode.ONLINE
                else f"{where(m)}, {congress.venue or congress.city}",
                "description": name,
            }
            for m in queries.meetings_of(participant, published_only=True)
        ]
        return documents.render_ical(
            calendar_name=_("B2B meetings at %(name)s") % {"name": name},
            events=events,
            time_zone=congress.time_zone,
        )


def schedule_pdf(participant):
    congress = participant.congress
    minutes = queries.congress_minutes(congress)
    with translation.override(_language(participant)):
        rows = [
            (
                f"{local(m.slot_start, congress):%d.%m.%Y %H:%M}–"
                f"{local(m.slot_start + minutes, congress):%H:%M}",
                where(m),
                others(m, participant),
                m.video_link,
            )
            for m in queries.meetings_of(participant, published_only=True)
        ]
        return documents.render_schedule_pdf(
            title=_("My B2B meetings"),
            subtitle=f"{participant.registration.name_on_badge} · {in_language(congress.name)}",
            rows=rows,
            empty=_("No meeting has been scheduled for you yet."),
        )
