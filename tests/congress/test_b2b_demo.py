from helisa.congress.demo_b2b import build_b2b_demo
from helisa.congress.models import (
    MatchmakingSettings,
    Meeting,
    MeetingRequest,
    ScheduleRunStatus,
)
from helisa.congress.schedule_check import check
from helisa.congress.scheduling import Schedule
from helisa.congress.services.b2b_scheduling import build_instance
from helisa.congress.slots import suggested_tables
from helisa.registry.models import HelixRole
from tests.congress.factories import RegistrationFactory
from tests.factories import OrganisationFactory

ROLES = [HelixRole.BUSINESS, HelixRole.UNIVERSITY, HelixRole.RESEARCH, HelixRole.PUBLIC]


def test_the_demo_builds_a_published_schedule_from_demo_registrations(congress):
    for i in range(30):
        organisation = OrganisationFactory(is_demo=True, helix_role=ROLES[i % 4])
        RegistrationFactory(congress=congress, organisation=organisation)
    run = build_b2b_demo(congress, requests=60, time_limit=1)

    assert run.status == ScheduleRunStatus.PUBLISHED
    assert congress.b2b_participants.count() == 30
    assert MeetingRequest.objects.filter(congress=congress).count() == 60
    meetings = Meeting.objects.filter(congress=congress, cancelled_at__isnull=True).count()
    assert meetings >= 40  # most requests accepted
    slots = len(build_instance(congress=congress).slots)
    assert slots == 16  # two sessions of eight 20-minute slots around a break
    low, high = suggested_tables(expected_meetings=meetings, slot_count=slots)
    assert low <= MatchmakingSettings.objects.get(congress=congress).tables <= high
    assert check(build_instance(congress=congress), Schedule.from_dict(run.result)) == []
    assert Meeting.objects.filter(congress=congress, published=True).count() == len(
        run.result["assignments"]
    )
