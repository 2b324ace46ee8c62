"""The demo 5th Congress of Polish Clusters, built as `helisa demo` builds it, on the demo
registry and alliance: its programme, its 150 participants and their 600 B2B requests.

The whole demo takes long to build (the registry, then a schedule of ~400 meetings), so it is
built once for the module, twice over (the second run must not add anything), in a transaction
rolled back at the end; the tests read the facts it gathered.
"""

from collections import Counter
from datetime import date, datetime, time
from io import StringIO
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from helisa.congress import demo, demo_b2b
from helisa.congress.models import (
    B2BParticipant,
    Congress,
    MatchmakingSettings,
    Meeting,
    MeetingRequest,
    Registration,
    Session,
    SessionKind,
)
from helisa.core.countries import FOUNDING_COUNTRIES
from helisa.core.models import User
from helisa.registry.models import Organisation

pytestmark = pytest.mark.django_db  # also tells pytest-django to set up the test database

DEBATE = {
    "en": "For ourselves or for others? Are clusters a useful tool for developing an innovative "
    "economy and creating jobs?",
    "pl": "Dla siebie czy dla innych? Czy klastry są użytecznym narzędziem rozwoju innowacyjnej "
    "gospodarki i tworzenia miejsc pracy?",
}
WARSAW = ZoneInfo("Europe/Warsaw")


def _facts():
    congress = Congress.objects.select_related("alliance").get(slug=demo.SLUG)
    participants = list(
        B2BParticipant.objects.filter(congress=congress).select_related(
            "registration__user", "registration__organisation", "organisation"
        )
    )
    by_pk = {p.pk: p for p in participants}
    requests = list(MeetingRequest.objects.filter(congress=congress))
    meetings = list(Meeting.objects.filter(congress=congress).prefetch_related("participants"))
    return SimpleNamespace(
        congress=congress,
        sessions=list(Session.objects.filter(congress=congress).order_by("starts_at")),
        settings=MatchmakingSettings.objects.get(congress=congress),
        registrations=list(Registration.objects.filter(congress=congress)),
        participants=participants,
        organisations=Organisation.objects.in_bulk(
            {p.registration.organisation_id for p in participants}
        ),
        requests=[(by_pk[r.requester_id], by_pk[r.invitee_id], r.status) for r in requests],
        meetings=[(m, [p.pk for p in m.participants.all()]) for m in meetings],
        counts=_counts(),
    )


def _counts():
    return {
        model.__name__: model.objects.count()
        for model in (
            Congress,
            Session,
            Registration,
            B2BParticipant,
            MeetingRequest,
            Meeting,
            User,
            Organisation,
        )
    }


def _pairs(facts):
    return sorted(
        (a.registration.user.email, b.registration.user.email) for a, b, _ in facts.requests
    )


@pytest.fixture(scope="module")
def built(django_db_setup, django_db_blocker, tmp_path_factory):
    keys = tmp_path_factory.mktemp("keys")
    with (
        override_settings(
            ALLIANCE_SIGNING_KEYS_DIR=str(keys),
            ALLIANCE_SIGNING_KEY="",
            EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
            TASKS={"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}},
            MEDIA_ROOT=tmp_path_factory.mktemp("media"),
        ),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        call_command("demo", stdout=StringIO())
        first = _facts()
        call_command("demo", stdout=StringIO())
        again = _facts()
        transaction.set_rollback(True)
    return SimpleNamespace(first=first, again=again)


@pytest.fixture
def facts(built):
    return built.first


def test_it_is_the_fifth_congress_of_polish_clusters_in_warsaw(facts):
    congress = facts.congress
    assert congress.name == {
        "pl": "V Kongres Klastrów Polskich",
        "en": "5th Congress of Polish Clusters",
    }
    assert (congress.city, congress.country_id) == ("Warszawa", "PL")
    assert congress.time_zone == "Europe/Warsaw"
    assert congress.starts_on == date(2019, 9, 9)
    assert congress.alliance is not None and congress.alliance.is_demo


def test_the_programme_has_the_debate_the_declaration_and_the_b2b_meetings(facts):
    kinds = Counter(s.kind for s in facts.sessions)
    (debate,) = [s for s in facts.sessions if s.kind == SessionKind.DEBATE]
    assert debate.title == DEBATE
    (signing,) = [s for s in facts.sessions if "declaration" in s.title["en"].lower()]
    assert signing.kind == SessionKind.CEREMONY
    assert signing.title["pl"] == "Podpisanie deklaracji Europejskiego Związku Klastrów"
    assert kinds[SessionKind.B2B] >= 1
    # Times are Warsaw's: the debate opens the first morning at half past ten there.
    assert debate.starts_at.astimezone(WARSAW) == datetime(2019, 9, 9, 10, 30, tzinfo=WARSAW)
    assert all(s.title.keys() >= {"en", "pl"} for s in facts.sessions)


def test_150_participants_from_demo_organisations_of_the_registry(facts):
    assert len(facts.participants) == demo.DEMO_REGISTRATIONS == 150
    assert len({p.registration.user_id for p in facts.participants}) == 150
    for participant in facts.participants:
        organisation = facts.organisations[participant.registration.organisation_id]
        assert organisation.is_demo
        assert participant.organisation_id == organisation.pk
    countries = {o.country_id for o in facts.organisations.values()}
    assert countries == set(FOUNDING_COUNTRIES)  # every founding country sends someone


def test_600_requests_between_distinct_participants_within_the_caps(facts):
    assert len(facts.requests) == demo_b2b.DEMO_REQUESTS == 600
    assert all(a.pk != b.pk for a, b, _ in facts.requests)
    pairs = [frozenset((a.pk, b.pk)) for a, b, _ in facts.requests]
    assert len(set(pairs)) == 600  # no pair asked twice, in either direction
    sent = Counter(a.pk for a, _, _ in facts.requests)
    assert max(sent.values()) <= facts.settings.max_requests_per_participant == 20
    assert len(sent) >= 100  # spread over the participants, not a few busy ones
    statuses = Counter(status for _, _, status in facts.requests)
    assert statuses["accepted"] > statuses["declined"] > 0 and statuses["pending"] > 0


def test_meetings_come_from_accepted_requests_within_each_diary(facts):
    accepted = {frozenset((a.pk, b.pk)) for a, b, status in facts.requests if status == "accepted"}
    live = [(m, pks) for m, pks in facts.meetings if m.cancelled_at is None]
    # Measured 382 of the 600: 80% accepted, less those declined for a full diary.
    assert len(live) == len(accepted) > 300
    assert {frozenset(pks) for _, pks in live} == accepted
    per_participant = Counter(pk for _, pks in live for pk in pks)
    most = {p.pk: p.max_meetings for p in facts.participants}
    assert all(count <= most[pk] for pk, count in per_participant.items())
    assert {p.max_meetings for p in facts.participants} == {facts.settings.default_max_meetings}
    scheduled = [m for m, _ in live if m.slot_start is not None]
    assert scheduled and all(m.published for m in scheduled)
    day = facts.congress.starts_on
    assert all(
        time(10) <= m.slot_start.astimezone(WARSAW).time() < time(17, 30)
        and m.slot_start.astimezone(WARSAW).date() == day
        for m in scheduled
    )


def test_everything_is_marked_as_demo(facts):
    assert facts.congress.is_demo
    assert all(r.is_demo for r in facts.registrations)
    assert all(p.is_demo for p in facts.participants)
    assert all(m.is_demo for m, _ in facts.meetings)
    for participant in facts.participants:
        user = participant.registration.user
        assert user.email.endswith(f"@{demo.EMAIL_DOMAIN}")
        assert not user.has_usable_password()


def test_running_the_demo_again_adds_nothing(built):
    assert built.again.counts == built.first.counts
    assert built.again.congress.pk == built.first.congress.pk
    # The B2B demo is rebuilt from its seed: the same people ask the same people.
    assert _pairs(built.again) == _pairs(built.first)
