"""The demo 5th Congress of Polish Clusters, built on the registry (and alliance) demos.

`build_congress_demo()` returns the congress with its programme, speakers, categories and
DEMO_REGISTRATIONS confirmed participants from demo organisations; the B2B matchmaking demo is
built on those registrations afterwards. Everything is marked is_demo; demo users have no
usable password and addresses at demo.helisa.invalid.
"""

from datetime import date, datetime, time, timedelta
from itertools import cycle
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from helisa.core.countries import FOUNDING_COUNTRIES
from helisa.core.models import User
from helisa.registry.models import Affiliation, Country, Organisation, Person, Visibility

from . import demo_programme as data
from .models import (
    Congress,
    Poll,
    PollOption,
    PollVote,
    Question,
    QuestionVote,
    Registration,
    RegistrationCategory,
    RegistrationKind,
    Room,
    Session,
    SessionSpeaker,
    Speaker,
    Track,
)
from .services.registration import register

SLUG = "5-kongres-klastrow-polskich"
ZONE = ZoneInfo("Europe/Warsaw")
STARTS_ON = date(2019, 9, 9)
DEMO_REGISTRATIONS = 150
EMAIL_DOMAIN = "demo.helisa.invalid"
ORGANISER_EMAIL = f"congress-organiser@{EMAIL_DOMAIN}"
CHECKED_IN = 128  # most came: the counts and certificates then look like a real congress

NAME = {"pl": "V Kongres Klastrów Polskich", "en": "5th Congress of Polish Clusters"}
DESCRIPTION = {
    "pl": "Wydarzenie towarzyszące Szczytowi Dyplomacji Samorządowej i Ekonomicznej. Hasło "
    "przewodnie: „Dla siebie czy dla innych? Czy klastry są użytecznym narzędziem rozwoju "
    "innowacyjnej gospodarki i tworzenia miejsc pracy?”. W pierwszym dniu przedstawiciele "
    "klastrów z ośmiu krajów podpisują deklarację Europejskiego Związku Klastrów. "
    "(Dane demonstracyjne.)",
    "en": "Held alongside the Regional Economic and Diplomacy Summit. Its motto: “For "
    "ourselves or for others? Are clusters a useful tool for developing an innovative economy "
    "and creating jobs?”. On the first day, representatives of clusters from eight countries "
    "sign the declaration of the European Clusters Alliance. (Demo data.)",
}
CATEGORIES = [
    (RegistrationKind.PARTICIPANT, {"pl": "Uczestnik", "en": "Participant"}, 400),
    (RegistrationKind.SPEAKER, {"pl": "Prelegent", "en": "Speaker"}, None),
    (RegistrationKind.PRESS, {"pl": "Prasa", "en": "Press"}, 30),
    (RegistrationKind.ORGANISER, {"pl": "Organizator", "en": "Organiser"}, None),
]


class RegistryDemoMissing(Exception):
    """The congress demo needs the registry demo's organisations."""


def build_congress_demo(*, rebuild=False):
    """The demo congress, built once; returned as it is when it exists and no rebuild is asked."""
    with transaction.atomic():
        existing = Congress.objects.filter(slug=SLUG, is_demo=True).first()
        if existing is not None:
            if not rebuild:
                return existing
            remove_congress_demo()
        organisations = _demo_organisations()
        congress = _congress()
        sessions = _programme(congress)
        _speakers(congress, sessions)
        categories = {
            kind: RegistrationCategory.objects.create(
                congress=congress, kind=kind, name=name, capacity=capacity
            )
            for kind, name, capacity in CATEGORIES
        }
        users = _participants(congress, categories[RegistrationKind.PARTICIPANT], organisations)
        _debate(sessions, users)
    return congress


def remove_congress_demo():
    Congress.objects.filter(slug=SLUG, is_demo=True).delete()
    User.objects.filter(
        email__startswith="participant-", email__endswith=f"@{EMAIL_DOMAIN}"
    ).delete()
    Person.objects.filter(is_demo=True, email__endswith=f"@speakers.{EMAIL_DOMAIN}").delete()


def _demo_user(email, full_name, language):
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User(email=email, full_name=full_name, language=language)
        user.set_unusable_password()
        user.save()
    return user


def _demo_organisations():
    """Demo organisations of the founding countries, taken in turn from each country."""
    by_country = {
        code: list(Organisation.objects.filter(is_demo=True, country_id=code).order_by("pk")[:40])
        for code in FOUNDING_COUNTRIES
    }
    by_country = {code: rows for code, rows in by_country.items() if rows}
    if not by_country:
        raise RegistryDemoMissing("No demo organisations; run `helisa demo` first.")
    return by_country


def _congress():
    from helisa.alliance.models import Alliance

    congress = Congress.objects.create(
        slug=SLUG,
        name=NAME,
        description=DESCRIPTION,
        venue="Centrum Konferencyjne Kazimierz (demo venue)",
        city="Warszawa",
        country=Country.objects.get(code="PL"),
        starts_on=STARTS_ON,
        ends_on=STARTS_ON + timedelta(days=1),
        time_zone="Europe/Warsaw",
        alliance=Alliance.objects.filter(is_demo=True).order_by("pk").first(),
        registration_open=True,
        is_demo=True,
    )
    congress.organisers.add(_demo_user(ORGANISER_EMAIL, "Demo congress organiser", "pl"))
    return congress


def _at(day, clock):
    hours, minutes = (int(part) for part in clock.split(":"))
    return datetime.combine(STARTS_ON + timedelta(days=day), time(hours, minutes), tzinfo=ZONE)


def _programme(congress):
    rooms = [
        Room.objects.create(congress=congress, name=name, capacity=capacity)
        for name, capacity in data.ROOMS
    ]
    tracks = {
        key: Track.objects.create(congress=congress, name=name) for key, name in data.TRACKS.items()
    }
    sessions = []
    for day, start, end, kind, language, room, track, title, description, _ in data.SESSIONS:
        sessions.append(
            Session.objects.create(
                congress=congress,
                title=title,
                description=description,
                kind=kind,
                language=language,
                room=rooms[room] if room is not None else None,
                track=tracks[track] if track else None,
                starts_at=_at(day, start),
                ends_at=_at(day, end),
                questions_open=kind in ("debate", "panel"),
            )
        )
    return sessions


def _speakers(congress, sessions):
    speakers = []
    for number, (first, last, function, country) in enumerate(data.SPEAKERS):
        organisation = (
            Organisation.objects.filter(is_demo=True, country_id=country, cluster__isnull=False)
            .order_by("pk")
            .first()
        )
        person = Person.objects.create(
            first_name=first,
            last_name=last,
            email=f"speaker-{number}@speakers.{EMAIL_DOMAIN}",
            visibility=Visibility.PUBLIC,
            consent_given_at=timezone.now(),
            is_demo=True,
        )
        if organisation is not None:
            Affiliation.objects.create(person=person, organisation=organisation, function=function)
        speakers.append(
            Speaker.objects.create(
                congress=congress,
                person=person,
                name=f"{first} {last}",
                organisation=organisation,
                function=function,
                bio={
                    "en": f"{function} ({country}); works on cluster cooperation. (Invented "
                    "demo speaker.)",
                    "pl": f"{function} ({country}); zajmuje się współpracą klastrów. "
                    "(Fikcyjny prelegent demonstracyjny.)",
                },
            )
        )
    for session, row in zip(sessions, data.SESSIONS, strict=True):
        for order, (speaker, role) in enumerate(row[-1]):
            SessionSpeaker.objects.create(
                session=session, speaker=speakers[speaker], role=role, order=order
            )


def _participants(congress, category, organisations):
    countries = cycle(sorted(organisations, key=lambda code: (code != "PL", code)))
    used = dict.fromkeys(organisations, 0)
    users = []
    for number in range(DEMO_REGISTRATIONS):
        code = next(countries)
        pool = organisations[code]
        organisation = pool[used[code] % len(pool)]
        used[code] += 1
        firsts, lasts = data.FIRST_NAMES[code], data.LAST_NAMES[code]
        name = f"{firsts[number % len(firsts)]} {lasts[(number // len(firsts)) % len(lasts)]}"
        language = "pl" if code == "PL" else "en"
        user = _demo_user(f"participant-{number + 1:03d}@{EMAIL_DOMAIN}", name, language)
        register(
            congress=congress,
            user=user,
            category=category,
            name_on_badge=name,
            organisation=organisation,
            language=language,
            notify=False,
        )
        users.append(user)
    arrivals = Registration.objects.filter(congress=congress).order_by("pk")[:CHECKED_IN]
    for minute, registration in enumerate(arrivals):
        Registration.objects.filter(pk=registration.pk).update(
            checked_in_at=_at(0, "08:00") + timedelta(seconds=20 * minute), is_demo=True
        )
    Registration.objects.filter(congress=congress).update(is_demo=True)
    return users


def _debate(sessions, users):
    debate = next(session for session in sessions if session.kind == "debate")
    for text, votes, status in data.QUESTIONS:
        question = Question.objects.create(
            session=debate, author=users[len(text) % len(users)], text=text, status=status
        )
        QuestionVote.objects.bulk_create(
            QuestionVote(question=question, user=user) for user in users[:votes]
        )
    texts, options = data.POLL
    poll = Poll.objects.create(session=debate, question=texts, is_open=False)
    voters = iter(users)
    for order, (text, votes) in enumerate(options):
        option = PollOption.objects.create(poll=poll, text=text, order=order)
        PollVote.objects.bulk_create(
            PollVote(poll=poll, option=option, user=next(voters)) for _ in range(votes)
        )
