"""The organiser's changes to a congress and its programme: the congress itself, its organisers,
rooms, tracks, registration categories, sessions and speakers.

Every function checks the permission itself, so that no view or API can forget it.
"""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from helisa.congress import rules as _rules  # noqa: F401  (registers the permissions)
from helisa.congress.models import (
    Congress,
    RegistrationCategory,
    Room,
    Session,
    SessionSpeaker,
    Speaker,
    Track,
)
from helisa.registry.models import Person

CONGRESS_FIELDS = (
    "name",
    "description",
    "venue",
    "city",
    "country",
    "starts_on",
    "ends_on",
    "time_zone",
    "alliance",
    "registration_open",
)
# Paths under /congresses/ that a slug must not take.
_RESERVED_SLUGS = {"new"}


def require_organiser(user, congress):
    if user is None or not user.has_perm("congress.organise", congress):
        raise PermissionDenied(_("Only the congress's organisers may change it."))


def _unique_slug(congress):
    name = slugify(congress.name.get("en") or next(iter(congress.name.values()), ""))[:40]
    name, year = name or "congress", str(congress.starts_on.year)
    base = name if name.endswith(year) else f"{name}-{year}"
    slug, number = base, 2
    while slug in _RESERVED_SLUGS or Congress.objects.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


def _check_congress(values):
    if not values.get("name"):
        raise ValidationError({"name_en": _("Give the congress a name.")})
    if values["ends_on"] < values["starts_on"]:
        raise ValidationError({"ends_on": _("The last day cannot be before the first day.")})
    try:
        ZoneInfo(values["time_zone"])
    except (KeyError, ValueError) as error:
        raise ValidationError({"time_zone": _("This time zone is not known.")}) from error


def create_congress(*, by, **values):
    """A new congress; whoever creates it becomes its first organiser."""
    if by is None or not by.has_perm("congress.create"):
        raise PermissionDenied(_("Only the platform's secretariat creates congresses."))
    _check_congress(values)
    congress = Congress(**{name: values[name] for name in CONGRESS_FIELDS})
    with transaction.atomic():
        congress.slug = _unique_slug(congress)
        congress.save()
        congress.organisers.add(by)
    return congress


def update_congress(*, congress, by, **values):
    require_organiser(by, congress)
    _check_congress(values)
    outside = Session.objects.filter(congress=congress).exclude(
        starts_at__gte=_day_start(values["starts_on"], values["time_zone"]),
        starts_at__lt=_day_start(values["ends_on"], values["time_zone"]) + timedelta(days=1),
    )
    if outside.exists():
        raise ValidationError(
            _("Some sessions fall outside these days: move or delete them first.")
        )
    for name in CONGRESS_FIELDS:
        setattr(congress, name, values[name])
    congress.save()
    return congress


def _day_start(day, zone):
    return datetime.combine(day, datetime.min.time(), tzinfo=ZoneInfo(zone))


def add_organiser(*, congress, by, email):
    require_organiser(by, congress)
    user = get_user_model().objects.filter(email__iexact=email.strip(), is_active=True).first()
    if user is None:
        raise ValidationError({"email": _("No one has a Helisa account with this email.")})
    if congress.organisers.filter(pk=user.pk).exists():
        raise ValidationError({"email": _("This person already organises the congress.")})
    congress.organisers.add(user)
    return user


def remove_organiser(*, congress, by, user):
    require_organiser(by, congress)
    if not congress.organisers.exclude(pk=user.pk).exists():
        raise ValidationError(_("A congress keeps at least one organiser."))
    congress.organisers.remove(user)


def _in_use(message, used):
    if used:
        raise ValidationError(message)


def save_room(*, congress, by, room=None, name, capacity=None):
    require_organiser(by, congress)
    room = room or Room(congress=congress)
    room.name, room.capacity = name.strip(), capacity
    room.save()
    return room


def delete_room(*, room, by):
    require_organiser(by, room.congress)
    _in_use(
        _("Sessions take place in this room: move them to another room first."),
        room.sessions.exists(),
    )
    room.delete()


def save_track(*, congress, by, track=None, name):
    require_organiser(by, congress)
    if not name:
        raise ValidationError({"name_en": _("Give the track a name.")})
    track = track or Track(congress=congress)
    track.name = name
    track.save()
    return track


def delete_track(*, track, by):
    require_organiser(by, track.congress)
    _in_use(
        _("Sessions belong to this track: move them to another track first."),
        track.sessions.exists(),
    )
    track.delete()


def save_category(*, congress, by, category=None, kind, name, capacity=None, notify=True):
    """Create or change a category; places a raised capacity frees go to the waiting list."""
    from .registration import promote_waiting

    require_organiser(by, congress)
    with transaction.atomic():
        if category is None:
            category = RegistrationCategory(congress=congress)
        else:  # the lock registration takes, so that places are never counted twice
            category = RegistrationCategory.objects.select_for_update().get(pk=category.pk)
        category.kind, category.name, category.capacity = kind, name, capacity
        category.save()
        promote_waiting(category, notify=notify)
    return category


def delete_category(*, category, by):
    require_organiser(by, category.congress)
    _in_use(
        _("People registered in this category: it cannot be deleted."),
        category.registrations.exists(),
    )
    category.delete()


def session_times(congress, day, start, end):
    """The aware start and end of a session given in the congress's own time zone."""
    if not congress.starts_on <= day <= congress.ends_on:
        raise ValidationError({"day": _("The day must be one of the congress's days.")})
    zone = ZoneInfo(congress.time_zone)
    starts_at = datetime.combine(day, start, tzinfo=zone)
    ends_at = datetime.combine(day, end, tzinfo=zone)
    if ends_at <= starts_at:
        raise ValidationError({"end": _("A session ends after it starts.")})
    return starts_at, ends_at


def local_times(session):
    """The day and times of a session in its congress's time zone, as the form shows them."""
    zone = ZoneInfo(session.congress.time_zone)
    starts_at, ends_at = session.starts_at.astimezone(zone), session.ends_at.astimezone(zone)
    return {"day": starts_at.date(), "start": starts_at.time(), "end": ends_at.time()}


def room_clashes(session):
    """Other sessions in the same room at an overlapping time."""
    if session.room_id is None:
        return Session.objects.none()
    return (
        Session.objects.filter(
            room_id=session.room_id, starts_at__lt=session.ends_at, ends_at__gt=session.starts_at
        )
        .exclude(pk=session.pk)
        .order_by("starts_at")
    )


def save_session(
    *,
    congress,
    by,
    session=None,
    title,
    description,
    kind,
    language,
    room,
    track,
    day,
    start,
    end,
):
    """Add or change a session; returns it with the sessions it shares its room with, which is
    allowed (a room may be split) but worth a warning."""
    require_organiser(by, congress)
    if not title:
        raise ValidationError({"title_en": _("Give the session a title.")})
    if (room and room.congress_id != congress.pk) or (track and track.congress_id != congress.pk):
        raise ValidationError(_("The room and the track must be the congress's own."))
    starts_at, ends_at = session_times(congress, day, start, end)
    session = session or Session(congress=congress)
    session.title, session.description = title, description
    session.kind, session.language = kind, language
    session.room, session.track = room, track
    session.starts_at, session.ends_at = starts_at, ends_at
    session.save()
    return session, list(room_clashes(session))


def delete_session(*, session, by):
    require_organiser(by, session.congress)
    session.delete()


def add_appearance(*, session, by, speaker, role, order=0):
    require_organiser(by, session.congress)
    if speaker.congress_id != session.congress_id:
        raise ValidationError({"speaker": _("The speaker must be one of the congress's.")})
    try:
        with transaction.atomic():
            return SessionSpeaker.objects.create(
                session=session, speaker=speaker, role=role, order=order
            )
    except IntegrityError as error:
        raise ValidationError({"speaker": _("This speaker is already in the session.")}) from error


def remove_appearance(*, appearance, by):
    require_organiser(by, appearance.session.congress)
    if appearance.slides:
        appearance.slides.delete(save=False)
    appearance.delete()


def _person_by_email(email):
    if not email:
        return None
    people = list(Person.objects.filter(email__iexact=email.strip())[:2])
    if len(people) != 1:
        raise ValidationError(
            {
                "person_email": _("No person in the registry has this email.")
                if not people
                else _("Several people in the registry have this email.")
            }
        )
    return people[0]


def save_speaker(*, congress, by, speaker=None, name, function, organisation, bio, person_email=""):
    require_organiser(by, congress)
    person = _person_by_email(person_email)
    speaker = speaker or Speaker(congress=congress)
    speaker.name, speaker.function = name.strip(), function.strip()
    speaker.organisation, speaker.bio, speaker.person = organisation, bio, person
    speaker.save()
    return speaker


def delete_speaker(*, speaker, by):
    require_organiser(by, speaker.congress)
    _in_use(
        _("This speaker appears in sessions: take them out of the sessions first."),
        speaker.appearances.exists(),
    )
    speaker.delete()
