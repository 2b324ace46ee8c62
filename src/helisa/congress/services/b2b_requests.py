"""Meeting requests between B2B participants: sending (with a cap), answering, cancelling.

Participants reach each other only through these requests: no address is shown or sent until
both sides meet at the event.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from helisa.congress import b2b_rules  # noqa: F401  (registers the permissions)
from helisa.congress.models import B2BParticipant, Meeting, MeetingRequest, RequestStatus

from .b2b_notify import absolute_url, send_to_participants
from .b2b_participants import matchmaking_of

OPEN_STATUSES = (RequestStatus.PENDING, RequestStatus.ACCEPTED)


def _refuse(message, code):
    raise ValidationError(message, code=code)


def _is_self(user, participant):
    return user is not None and participant.registration.user_id == user.pk


def meeting_count(participant):
    return Meeting.objects.filter(participants=participant, cancelled_at__isnull=True).count()


def requests_left(participant):
    cap = matchmaking_of(participant.congress).max_requests_per_participant
    sent = MeetingRequest.objects.filter(requester=participant, status__in=OPEN_STATUSES).count()
    return max(0, cap - sent)


def _lock_participants(*participants):
    """Lock the participants' rows, always in the order of their pks, so two locks never cross.

    Counts of a participant's requests and meetings are made under this lock: two requests sent
    at once cannot both take the last one under the cap, nor two acceptances the last meeting.
    """
    pks = sorted({p.pk for p in participants})
    list(B2BParticipant.objects.select_for_update().filter(pk__in=pks).order_by("pk"))


def send_request(*, requester, invitee, message="", by, notify=True):
    if not _is_self(by, requester):
        raise PermissionDenied(_("You may send requests only for yourself."))
    matchmaking = matchmaking_of(requester.congress)
    if not matchmaking.requests_open:
        _refuse(_("Meeting requests are closed."), "closed")
    if invitee.congress_id != requester.congress_id or invitee.pk == requester.pk:
        _refuse(_("You cannot ask this participant for a meeting."), "wrong_invitee")
    if requester.withdrawn_at or invitee.withdrawn_at:
        _refuse(_("This participant no longer takes part in B2B meetings."), "withdrawn")
    with transaction.atomic():
        _lock_participants(requester, invitee)
        if (
            MeetingRequest.objects.filter(requester=invitee, invitee=requester)
            .exclude(status=RequestStatus.CANCELLED)
            .exists()
        ):
            _refuse(_("This participant has already asked you; answer their request."), "exists")
        existing = MeetingRequest.objects.filter(requester=requester, invitee=invitee).first()
        if existing is not None and existing.status != RequestStatus.CANCELLED:
            _refuse(_("You have already asked this participant."), "exists")
        if requests_left(requester) <= 0:
            _refuse(
                _("You have sent the most requests allowed (%(cap)s).")
                % {"cap": matchmaking.max_requests_per_participant},
                "cap_reached",
            )
        request = existing or MeetingRequest(
            congress=requester.congress, requester=requester, invitee=invitee
        )
        request.message = message.strip()
        request.status = RequestStatus.PENDING
        request.answered_at = None
        request.save()
    if notify:
        transaction.on_commit(lambda: _tell(request.invitee, "request_received", request))
    return request


def answer_request(*, request, accept, by, notify=True):
    """The invitee accepts (a meeting is created, to be scheduled) or declines."""
    if not _is_self(by, request.invitee):
        raise PermissionDenied(_("Only the invitee answers a request."))
    with transaction.atomic():
        _lock_participants(request.requester, request.invitee)  # first, as send_request does
        request = MeetingRequest.objects.select_for_update().get(pk=request.pk)
        if request.status != RequestStatus.PENDING:
            _refuse(_("This request has already been answered."), "transition_not_allowed")
        if accept:
            for side in (request.requester, request.invitee):
                if side.max_meetings and meeting_count(side) >= side.max_meetings:
                    _refuse(
                        _("%(name)s has reached their most meetings.")
                        % {"name": side.registration.name_on_badge},
                        "full",
                    )
        request.status = RequestStatus.ACCEPTED if accept else RequestStatus.DECLINED
        request.answered_at = timezone.now()
        request.save(update_fields=["status", "answered_at"])
        if accept:
            meeting = Meeting.objects.create(
                congress=request.congress, request=request, is_demo=request.requester.is_demo
            )
            meeting.participants.set([request.requester, request.invitee])
    if notify:
        transaction.on_commit(lambda: _tell(request.requester, "request_answered", request))
    return request


def cancel_request(*, request, by):
    """The requester takes a request back; an accepted one cancels its meeting too."""
    if not _is_self(by, request.requester):
        raise PermissionDenied(_("Only the requester cancels a request."))
    if request.status not in OPEN_STATUSES:
        _refuse(_("This request is no longer open."), "transition_not_allowed")
    with transaction.atomic():
        request.status = RequestStatus.CANCELLED
        request.answered_at = timezone.now()
        request.save(update_fields=["status", "answered_at"])
        Meeting.objects.filter(request=request, cancelled_at__isnull=True).update(
            cancelled_at=timezone.now()
        )
    return request


def _tell(participant, template, request):
    send_to_participants(
        participants=[participant],
        template=template,
        context={
            "request": request,
            "url": absolute_url("congress:b2b_requests", request.congress.slug),
        },
    )
