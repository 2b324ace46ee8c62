"""The B2B matchmaking of the demo congress, built on its registrations.

`build_b2b_demo(congress)` opts the confirmed participants from demo organisations in, writes
their offers, sends about DEMO_REQUESTS meeting requests (popular participants and
complementary helix roles or shared sectors are asked more), accepts most of them, sets the
tables by the b2match rule, and computes and publishes a first schedule. Deterministic (seeded);
everything is marked is_demo and goes through the services, as a participant's clicks would.
"""

import random
from datetime import datetime, time
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db import transaction

from helisa.congress.b2b_queries import congress_slots
from helisa.congress.models import (
    B2BParticipant,
    MatchmakingSession,
    Meeting,
    MeetingRequest,
    Registration,
    RegistrationStatus,
    ScheduleRun,
)
from helisa.congress.services import b2b_participants, b2b_requests, b2b_scheduling
from helisa.congress.slots import suggested_tables
from helisa.registry.models import HelixRole

SEED = 20250909
DEMO_REQUESTS = 600
ACCEPTED, DECLINED = 0.8, 0.1  # the rest stays pending
TIME_LIMIT = 10  # seconds for the first draft

COMPLEMENTS = {
    HelixRole.BUSINESS: {HelixRole.UNIVERSITY, HelixRole.RESEARCH, HelixRole.PUBLIC},
    HelixRole.UNIVERSITY: {HelixRole.BUSINESS, HelixRole.PUBLIC},
    HelixRole.RESEARCH: {HelixRole.BUSINESS, HelixRole.PUBLIC},
    HelixRole.PUBLIC: {HelixRole.BUSINESS, HelixRole.UNIVERSITY, HelixRole.RESEARCH},
}
OFFERS = {
    HelixRole.BUSINESS: (
        {
            "en": "Products and services for %(field)s; pilot customers welcome.",
            "pl": "Produkty i usługi w obszarze: %(field)s; zapraszamy klientów pilotażowych.",
        },
        {
            "en": "Research partners and funding for new products in %(field)s.",
            "pl": "Partnerów badawczych i finansowania nowych produktów: %(field)s.",
        },
    ),
    HelixRole.UNIVERSITY: (
        {
            "en": "Laboratories, students and applied research in %(field)s.",
            "pl": "Laboratoria, studentów i badania stosowane: %(field)s.",
        },
        {
            "en": "Companies for joint Horizon Europe projects and internships.",
            "pl": "Firm do wspólnych projektów Horyzont Europa i staży.",
        },
    ),
    HelixRole.RESEARCH: (
        {
            "en": "Technology transfer and testing facilities in %(field)s.",
            "pl": "Transfer technologii i zaplecze badawcze: %(field)s.",
        },
        {
            "en": "Industrial partners to take results to market.",
            "pl": "Partnerów przemysłowych do wdrożenia wyników.",
        },
    ),
}
DEFAULT_OFFER = (
    {
        "en": "Contacts and support for cooperation in %(field)s.",
        "pl": "Kontakty i wsparcie współpracy: %(field)s.",
    },
    {
        "en": "Partners from other countries of the alliance.",
        "pl": "Partnerów z innych krajów związku.",
    },
)


def build_b2b_demo(congress, *, seed=SEED, requests=DEMO_REQUESTS, time_limit=TIME_LIMIT):
    """Build the demo matchmaking of `congress`; returns the published ScheduleRun."""
    rng = random.Random(seed)
    with transaction.atomic():
        Meeting.objects.filter(congress=congress, is_demo=True).delete()
        B2BParticipant.objects.filter(congress=congress, is_demo=True).delete()
        MatchmakingSession.objects.filter(congress=congress).delete()
        ScheduleRun.objects.filter(congress=congress).delete()
        _settings_and_sessions(congress)
        participants = _participants(congress, rng)
        _requests(participants, rng, requests)
        slots = congress_slots(congress)
        expected = Meeting.objects.filter(congress=congress, cancelled_at__isnull=True).count()
        low, high = suggested_tables(expected_meetings=expected, slot_count=len(slots))
        matchmaking = b2b_participants.matchmaking_of(congress)
        matchmaking.tables = (low + high) // 2 or 1
        matchmaking.save(update_fields=["tables"])
        run = ScheduleRun.objects.create(congress=congress, time_limit=time_limit)
    run = b2b_scheduling.run_schedule(run=run, workers=1)
    return b2b_scheduling.apply_schedule(run=run, notify=False)


def _settings_and_sessions(congress):
    matchmaking = b2b_participants.matchmaking_of(congress)
    matchmaking.meeting_minutes = 20
    matchmaking.max_requests_per_participant = 20
    matchmaking.default_max_meetings = 12
    matchmaking.requests_open = True
    matchmaking.save()
    zone = ZoneInfo(congress.time_zone)
    day = congress.starts_on
    for label, start, end, breaks in (
        ("Morning B2B meetings", time(10, 0), time(13, 0), [["11:20", "11:40"]]),
        ("Afternoon B2B meetings", time(14, 30), time(17, 30), [["15:50", "16:10"]]),
    ):
        MatchmakingSession.objects.create(
            congress=congress,
            label=label,
            starts_at=datetime.combine(day, start, tzinfo=zone),
            ends_at=datetime.combine(day, end, tzinfo=zone),
            breaks=breaks,
        )


def _participants(congress, rng):
    registrations = (
        Registration.objects.filter(
            congress=congress,
            status=RegistrationStatus.CONFIRMED,
            organisation__is_demo=True,
            b2b__isnull=True,
        )
        .select_related("organisation")
        .prefetch_related("organisation__sectors")
        .order_by("pk")
    )
    participants = []
    for registration in registrations:
        participant = b2b_participants.opt_in(registration=registration, by=None, is_demo=True)
        organisation = registration.organisation
        sectors = list(organisation.sectors.all())
        field = (
            str(sectors[0].label.get("en", sectors[0].code)) if sectors else "our cluster's field"
        )
        offer, looking_for = OFFERS.get(organisation.helix_role, DEFAULT_OFFER)
        participant.offer = {code: text % {"field": field} for code, text in offer.items()}
        participant.looking_for = {
            code: text % {"field": field} for code, text in looking_for.items()
        }
        if rng.random() < 0.2:
            # Some take part in the morning only.
            morning = MatchmakingSession.objects.filter(congress=congress).first()
            participant.available_slots = [
                s.id for s in congress_slots(congress) if s.session == str(morning.pk)
            ]
        participant.save()
        participant.popularity = rng.paretovariate(1.5)
        participant.sector_codes = {s.code for s in sectors}
        participants.append(participant)
    return participants


def _affinity(a, b):
    weight = b.popularity
    if b.organisation.helix_role in COMPLEMENTS.get(a.organisation.helix_role, ()):
        weight *= 3
    if a.sector_codes & b.sector_codes:
        weight *= 2
    if a.organisation.country_id != b.organisation.country_id:
        weight *= 1.5
    return weight


def _requests(participants, rng, count):
    if len(participants) < 2:
        return
    cap = 20
    sent = dict.fromkeys((p.pk for p in participants), 0)
    pairs = set()
    attempts = 0
    while len(pairs) < count and attempts < count * 20:
        attempts += 1
        requester = rng.choice(participants)
        if sent[requester.pk] >= cap:
            continue
        others = [p for p in participants if p.pk != requester.pk]
        invitee = rng.choices(others, weights=[_affinity(requester, p) for p in others])[0]
        if (requester.pk, invitee.pk) in pairs or (invitee.pk, requester.pk) in pairs:
            continue
        pairs.add((requester.pk, invitee.pk))
        sent[requester.pk] += 1
        request = b2b_requests.send_request(
            requester=requester,
            invitee=invitee,
            message=rng.choice(MESSAGES),
            by=requester.registration.user,
            notify=False,
        )
        roll = rng.random()
        if roll < ACCEPTED + DECLINED:
            try:
                b2b_requests.answer_request(
                    request=request,
                    accept=roll < ACCEPTED,
                    by=invitee.registration.user,
                    notify=False,
                )
            except ValidationError:
                # The invitee's diary is full: a real one would decline.
                MeetingRequest.objects.filter(pk=request.pk).update(status="declined")


MESSAGES = [
    "We would like to talk about a joint project proposal.",
    "Your offer matches what we are looking for; shall we meet?",
    "Interested in your testing facilities.",
    "Chcielibyśmy porozmawiać o współpracy przy projekcie.",
    "Let us explore a partnership for the next Interreg call.",
    "",
]
