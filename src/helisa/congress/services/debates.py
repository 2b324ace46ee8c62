"""Audience questions and polls in the sessions of a congress."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from helisa.congress.models import Poll, PollOption, PollVote, Question, QuestionVote
from helisa.congress.models import QuestionStatus as Q
from helisa.core.translated import clean_translations

MODERATION = {
    Q.PENDING: {Q.APPROVED, Q.HIDDEN},
    Q.APPROVED: {Q.ANSWERED, Q.HIDDEN},
    Q.ANSWERED: {Q.APPROVED, Q.HIDDEN},
    Q.HIDDEN: {Q.APPROVED},
}


def ask_question(*, session, author, text):
    if not session.questions_open:
        raise ValidationError(_("Questions are closed for this session."), code="closed")
    text = " ".join(text.split())
    if not text:
        raise ValidationError(_("The question is empty."), code="empty")
    return Question.objects.create(session=session, author=author, text=text[:500])


def upvote_question(*, question, user):
    """Returns True when the vote was counted, False when the person had already voted."""
    if question.status not in (Q.APPROVED, Q.ANSWERED):
        raise ValidationError(_("This question is not open for votes."), code="not_visible")
    _vote, created = QuestionVote.objects.get_or_create(question=question, user=user)
    return created


def moderate_question(*, question, status, by):
    if status not in MODERATION[question.status]:
        raise ValidationError(
            _("A question cannot go from %(old)s to %(new)s.")
            % {"old": question.get_status_display(), "new": Q(status).label},
            code="transition_not_allowed",
        )
    question.status = status
    question.save(update_fields=["status"])
    return question


def create_poll(*, session, question, options, by):
    question = clean_translations(question)
    options = [clean_translations(option) for option in options]
    options = [option for option in options if option]
    if not question:
        raise ValidationError(_("The poll needs a question."), code="no_question")
    if len(options) < 2:
        raise ValidationError(_("A poll needs at least two answers."), code="few_options")
    with transaction.atomic():
        poll = Poll.objects.create(session=session, question=question)
        PollOption.objects.bulk_create(
            PollOption(poll=poll, text=text, order=number) for number, text in enumerate(options)
        )
    return poll


def set_poll_open(*, poll, is_open, by):
    poll.is_open = is_open
    poll.save(update_fields=["is_open"])
    return poll


def vote_in_poll(*, poll, option, user):
    if not poll.is_open:
        raise ValidationError(_("This poll is closed."), code="closed")
    if option.poll_id != poll.pk:
        raise ValidationError(_("This answer belongs to another poll."), code="wrong_poll")
    try:
        with transaction.atomic():
            PollVote.objects.create(poll=poll, option=option, user=user)
    except IntegrityError as error:
        raise ValidationError(
            _("You have already voted in this poll."), code="already_voted"
        ) from error
