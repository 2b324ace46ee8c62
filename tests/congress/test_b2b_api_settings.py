"""The API gives organisers what their B2B pages do: the settings with the tables the usual rule
suggests, the sessions with their breaks, the statistics as JSON and XLSX. Strangers are refused
each, with the API's one error shape; reads cost the same however many meetings there are."""

from io import BytesIO

import pytest
from django.test import Client

from helisa.congress.b2b_queries import congress_slots
from helisa.congress.models import FollowUp, MatchmakingSession, MatchmakingSettings
from helisa.congress.services import b2b_follow_ups, b2b_meetings
from tests.congress.test_b2b_api import API, client_for
from tests.congress.test_b2b_api_actions import _error
from tests.congress.test_query_counts import _meet, _same_with_three


@pytest.fixture
def organise(congress):
    return f"{API}/{congress.slug}/b2b/organise"


@pytest.fixture
def api(organiser):
    return client_for(organiser)


def _put(api, url, body):
    return api.put(url, body, content_type="application/json")


# Settings


def test_the_settings_show_the_sessions_and_the_tables_hint(api, organise, morning, people):
    _meet(people[0], people[1])
    settings = api.get(f"{organise}/settings").json()
    assert settings["meeting_minutes"] == 30 and settings["tables"] == 4
    assert settings["sessions"] == [
        {
            "id": morning.pk,
            "label": "Morning",
            "day": "2025-09-09",
            "start": "09:00:00",
            "end": "11:00:00",
            "breaks": [],
            "slots": 4,
        }
    ]
    assert settings["slot_count"] == 4 and settings["expected_meetings"] == 1
    hint = settings["tables_hint"]
    assert (hint["fewest"], hint["most"]) == (1, 1)
    assert "plus 10-20%" in hint["rule"] and "With 1 meetings and 4 slots" in hint["rule"]


def test_the_tables_hint_and_agreement_types_come_in_the_language_asked(api, organise, morning):
    hint = api.get(f"{organise}/settings?lang=pl").json()["tables_hint"]
    assert hint["rule"].startswith("Stoliki: ")
    figures = api.get(f"{organise}/statistics?lang=pl").json()
    assert {row["label"] for row in figures["agreements_by_type"]} >= {"Badawcze"}


def test_the_organiser_changes_length_and_tables_and_the_rest_stays(
    api, organise, congress, morning
):
    response = _put(api, f"{organise}/settings", {"meeting_minutes": 15, "tables": 12})
    assert response.status_code == 200, response.content
    assert response.json()["slot_count"] == 8  # two hours of 15 minutes
    saved = MatchmakingSettings.objects.get(congress=congress)
    assert (saved.meeting_minutes, saved.tables, saved.requests_open) == (15, 12, True)


def test_a_meeting_length_other_than_15_20_or_30_is_refused(api, organise, congress, morning):
    error = _error(
        _put(api, f"{organise}/settings", {"meeting_minutes": 25}), 422, "validation_error"
    )
    assert error["details"][0]["field"] == "meeting_minutes"
    assert MatchmakingSettings.objects.get(congress=congress).meeting_minutes == 30


def test_sessions_are_added_changed_and_deleted_in_local_time(api, organise, congress, morning):
    body = {
        "label": "Afternoon",
        "day": "2025-09-09",
        "start": "14:00",
        "end": "16:00",
        "breaks": [["15:00", "15:30"]],
    }
    added = api.post(f"{organise}/sessions", body, content_type="application/json")
    assert added.status_code == 201, added.content
    session = added.json()
    assert session["breaks"] == [["15:00", "15:30"]] and session["slots"] == 3
    stored = MatchmakingSession.objects.get(pk=session["id"])
    assert stored.starts_at.hour == 12  # Warsaw in September is UTC+2
    changed = _put(api, f"{organise}/sessions/{session['id']}", {**body, "end": "17:00"})
    assert changed.status_code == 200 and changed.json()["end"] == "17:00:00"
    assert api.delete(f"{organise}/sessions/{session['id']}").status_code == 204
    assert list(MatchmakingSession.objects.filter(congress=congress)) == [morning]


def test_a_break_outside_its_session_is_refused_naming_the_field(api, organise, congress):
    body = {"day": "2025-09-09", "start": "14:00", "end": "16:00", "breaks": [["16:30", "17:00"]]}
    error = _error(
        api.post(f"{organise}/sessions", body, content_type="application/json"),
        422,
        "validation_error",
    )
    assert error["details"] == [{"field": "breaks", "message": "Breaks fall within the session."}]
    assert not MatchmakingSession.objects.filter(congress=congress).exists()


def test_strangers_neither_read_nor_change_the_settings(
    organise, congress, morning, outsider, people
):
    participant = client_for(people[0].registration.user)
    session = f"{organise}/sessions/{morning.pk}"
    body = {"day": "2025-09-09", "start": "07:00", "end": "08:00"}
    for api in (client_for(outsider), participant):
        _error(api.get(f"{organise}/settings"), 403, "permission_denied")
        _error(_put(api, f"{organise}/settings", {"tables": 99}), 403, "permission_denied")
        _error(
            api.post(f"{organise}/sessions", body, content_type="application/json"),
            403,
            "permission_denied",
        )
        _error(_put(api, session, body), 403, "permission_denied")
        _error(api.delete(session), 403, "permission_denied")
    _error(Client().get(f"{organise}/settings"), 401, "not_authenticated")
    assert MatchmakingSettings.objects.get(congress=congress).tables == 4
    morning.refresh_from_db()
    assert morning.starts_at.hour == 7 and MatchmakingSession.objects.count() == 1


# Statistics


@pytest.fixture
def held(congress, morning, people, organiser):
    a, b, c = people[:3]
    slots = congress_slots(congress)
    meeting = _meet(a, b, slots[0])
    _meet(a, c, slots[1], table=2)
    _meet(b, c)
    b2b_meetings.record_outcome(meeting=meeting, outcome="held", by=organiser)
    follow_up = FollowUp.objects.create(meeting=meeting, participant=b)
    b2b_follow_ups.answer_follow_up(
        follow_up=follow_up,
        by=b.registration.user,
        negotiation_started=True,
        agreement_reached=True,
        agreement_type="research",
    )
    return meeting


def test_the_statistics_count_requests_to_agreements(api, organise, held):
    figures = api.get(f"{organise}/statistics").json()
    assert (figures["requests"], figures["accepted"], figures["scheduled"]) == (3, 3, 2)
    assert (figures["held"], figures["negotiations"], figures["agreements"]) == (1, 1, 1)
    by_type = {row["type"]: row["count"] for row in figures["agreements_by_type"]}
    assert by_type == {"commercial": 0, "technical": 0, "research": 1, "investment": 0}


def test_the_statistics_export_is_a_workbook_of_figures_and_meetings(api, organise, held):
    from openpyxl import load_workbook

    response = api.get(f"{organise}/statistics.xlsx")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    workbook = load_workbook(BytesIO(b"".join(response.streaming_content)))
    figures = dict(workbook["Figures"].iter_rows(values_only=True))
    assert figures["Requests"] == 3 and figures["Agreements"] == 1
    assert workbook["Meetings"].max_row == 4  # a header and three meetings


def test_strangers_get_neither_the_statistics_nor_the_export(organise, held, outsider, people):
    for api in (client_for(outsider), client_for(people[0].registration.user)):
        _error(api.get(f"{organise}/statistics"), 403, "permission_denied")
        _error(api.get(f"{organise}/statistics.xlsx"), 403, "permission_denied")
    _error(Client().get(f"{organise}/statistics.xlsx"), 401, "not_authenticated")


@pytest.mark.parametrize("path", ["settings", "statistics", "statistics.xlsx"])
def test_the_organisers_reads_cost_the_same_with_1_and_3_meetings(
    api, organise, congress, morning, people, path
):
    _same_with_three(api, congress, people[0], f"{organise}/{path}")
