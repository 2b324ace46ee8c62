"""Audience questions and polls of a session, refreshed live with htmx polling."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from helisa.congress import queries
from helisa.congress import rules as _rules  # noqa: F401  (registers the permissions)
from helisa.congress.forms_congress import ModerationForm, PollForm, QuestionForm
from helisa.congress.models import Poll, PollVote, Question, Session
from helisa.congress.services import debates


def debate_context(request, congress, session):
    moderating = request.user.has_perm("congress.organise", congress)
    voted = set()
    if request.user.is_authenticated:
        voted = set(
            PollVote.objects.filter(poll__session=session, user=request.user).values_list(
                "poll_id", flat=True
            )
        )
    return {
        "congress": congress,
        "session": session,
        "moderating": moderating,
        "takes_part": request.user.has_perm("congress.take_part", congress),
        "questions": queries.questions_of(session, user=request.user, moderating=moderating),
        "polls": queries.polls_of(session, moderating=moderating),
        "voted_polls": voted,
    }


def _session(slug, pk):
    congress = queries.congress_by_slug(slug)
    return congress, get_object_or_404(Session, congress=congress, pk=pk)


def debate_live(request, slug, pk):
    congress, session = _session(slug, pk)
    return render(request, "congress/_debate.html", debate_context(request, congress, session))


def _done(request, congress, session, error=None, success=None):
    if request.htmx:
        context = debate_context(request, congress, session)
        context["notice"] = error or success
        return render(request, "congress/_debate.html", context)
    if error:
        messages.error(request, error)
    elif success:
        messages.success(request, success)
    return redirect("congress:session", congress.slug, session.pk)


def _require(request, permission, congress):
    if not request.user.has_perm(permission, congress):
        raise PermissionDenied


@login_required
@require_POST
def ask(request, slug, pk):
    congress, session = _session(slug, pk)
    _require(request, "congress.take_part", congress)
    form = QuestionForm(request.POST)
    if not form.is_valid():
        return _done(request, congress, session, error=_("Write a question of at most 500 signs."))
    try:
        debates.ask_question(session=session, author=request.user, text=form.cleaned_data["text"])
    except ValidationError as error:
        return _done(request, congress, session, error=error.messages[0])
    return _done(
        request, congress, session, success=_("Thank you: the moderators will see your question.")
    )


def _question(slug, pk):
    congress = queries.congress_by_slug(slug)
    question = get_object_or_404(
        Question.objects.select_related("session"), pk=pk, session__congress=congress
    )
    return congress, question


@login_required
@require_POST
def upvote(request, slug, pk):
    congress, question = _question(slug, pk)
    _require(request, "congress.take_part", congress)
    try:
        counted = debates.upvote_question(question=question, user=request.user)
    except ValidationError as error:
        return _done(request, congress, question.session, error=error.messages[0])
    notice = None if counted else _("You have already supported this question.")
    return _done(request, congress, question.session, error=notice)


@login_required
@require_POST
def moderate(request, slug, pk):
    congress, question = _question(slug, pk)
    _require(request, "congress.organise", congress)
    form = ModerationForm(request.POST)
    if not form.is_valid():
        return _done(request, congress, question.session, error=_("Unknown status."))
    try:
        debates.moderate_question(
            question=question, status=form.cleaned_data["status"], by=request.user
        )
    except ValidationError as error:
        return _done(request, congress, question.session, error=error.messages[0])
    return _done(request, congress, question.session)


@login_required
@require_POST
def poll_create(request, slug, pk):
    congress, session = _session(slug, pk)
    _require(request, "congress.organise", congress)
    form = PollForm(request.POST)
    if not form.is_valid():
        return _done(request, congress, session, error=_("The poll needs a question and answers."))
    try:
        debates.create_poll(
            session=session,
            question=form.question_texts(),
            options=form.option_texts(),
            by=request.user,
        )
    except ValidationError as error:
        return _done(request, congress, session, error=error.messages[0])
    return _done(request, congress, session, success=_("The poll is ready; open it to vote."))


def _poll(slug, pk):
    congress = queries.congress_by_slug(slug)
    poll = get_object_or_404(
        Poll.objects.select_related("session"), pk=pk, session__congress=congress
    )
    return congress, poll


@login_required
@require_POST
def poll_state(request, slug, pk, state):
    congress, poll = _poll(slug, pk)
    _require(request, "congress.organise", congress)
    debates.set_poll_open(poll=poll, is_open=state == "open", by=request.user)
    return _done(request, congress, poll.session)


@login_required
@require_POST
def vote(request, slug, pk):
    congress, poll = _poll(slug, pk)
    _require(request, "congress.take_part", congress)
    choice = request.POST.get("option", "")
    option = get_object_or_404(poll.options, pk=int(choice) if choice.isdigit() else 0)
    try:
        debates.vote_in_poll(poll=poll, option=option, user=request.user)
    except ValidationError as error:
        return _done(request, congress, poll.session, error=error.messages[0])
    return _done(request, congress, poll.session, success=_("Your vote is counted."))


urlpatterns = [
    path("<slug:slug>/sessions/<int:pk>/debate/", debate_live, name="debate_live"),
    path("<slug:slug>/sessions/<int:pk>/questions/", ask, name="ask"),
    path("<slug:slug>/sessions/<int:pk>/polls/", poll_create, name="poll_create"),
    path("<slug:slug>/questions/<int:pk>/upvote/", upvote, name="upvote"),
    path("<slug:slug>/questions/<int:pk>/moderate/", moderate, name="moderate"),
    path("<slug:slug>/polls/<int:pk>/vote/", vote, name="vote"),
    path("<slug:slug>/polls/<int:pk>/open/", poll_state, {"state": "open"}, name="poll_open"),
    path("<slug:slug>/polls/<int:pk>/close/", poll_state, {"state": "close"}, name="poll_close"),
]
