import pytest
from django.urls import reverse

from helisa.congress.models import Poll, PollVote, Question, QuestionStatus, QuestionVote
from helisa.congress.services.debates import create_poll


def _post(client, name, *args, **data):
    return client.post(reverse(f"congress:{name}", args=args), data, headers={"HX-Request": "true"})


def test_participant_asks_and_question_waits_for_moderation(client, session, participant):
    client.force_login(participant)
    _post(client, "ask", session.congress.slug, session.pk, text="Jak mierzyć wpływ klastrów?")
    question = Question.objects.get()
    assert question.status == QuestionStatus.PENDING and question.author == participant
    live = client.get(reverse("congress:debate_live", args=[session.congress.slug, session.pk]))
    assert "Jak mierzyć" not in live.content.decode()


def test_organiser_approves_and_participant_upvotes_once(client, session, participant, organiser):
    question = Question.objects.create(session=session, text="Why clusters?")
    client.force_login(organiser)
    _post(client, "moderate", session.congress.slug, question.pk, status="approved")
    question.refresh_from_db()
    assert question.status == QuestionStatus.APPROVED
    client.force_login(participant)
    for _ in range(2):
        _post(client, "upvote", session.congress.slug, question.pk)
    assert QuestionVote.objects.filter(question=question).count() == 1
    client.force_login(organiser)
    _post(client, "moderate", session.congress.slug, question.pk, status="answered")
    question.refresh_from_db()
    assert question.status == QuestionStatus.ANSWERED


def test_poll_opened_voted_once_and_results_shown_as_bars(client, session, participant, organiser):
    client.force_login(organiser)
    _post(
        client,
        "poll_create",
        session.congress.slug,
        session.pk,
        question="Useful?",
        options="Yes\nNo",
    )
    poll = Poll.objects.get()
    assert not poll.is_open
    _post(client, "poll_open", session.congress.slug, poll.pk)
    client.force_login(participant)
    yes = poll.options.get(text__en="Yes")
    _post(client, "vote", session.congress.slug, poll.pk, option=yes.pk)
    again = _post(client, "vote", session.congress.slug, poll.pk, option=yes.pk)
    assert "already voted" in again.content.decode()
    assert PollVote.objects.filter(poll=poll).count() == 1
    live = client.get(reverse("congress:debate_live", args=[session.congress.slug, session.pk]))
    assert '<progress max="1" value="1"' in live.content.decode()
    assert "style=" not in live.content.decode()


def test_someone_not_registered_cannot_ask_or_vote(client, session, outsider):
    poll = create_poll(
        session=session, question={"en": "Q"}, options=[{"en": "A"}, {"en": "B"}], by=None
    )
    poll.is_open = True
    poll.save()
    client.force_login(outsider)
    asked = _post(client, "ask", session.congress.slug, session.pk, text="Hello?")
    voted = _post(client, "vote", session.congress.slug, poll.pk, option=poll.options.first().pk)
    assert asked.status_code == voted.status_code == 403
    assert not Question.objects.exists() and not PollVote.objects.exists()


@pytest.mark.parametrize("action", ["moderate", "poll_create", "poll_open"])
def test_outsiders_and_participants_cannot_moderate_or_run_polls(
    client, session, participant, action
):
    question = Question.objects.create(session=session, text="Why?")
    poll = Poll.objects.create(session=session, question={"en": "Q"})
    client.force_login(participant)
    target = {"moderate": question.pk, "poll_create": session.pk, "poll_open": poll.pk}[action]
    answer = _post(
        client,
        action,
        session.congress.slug,
        target,
        status="approved",
        question="Q",
        options="A\nB",
    )
    assert answer.status_code == 403
    question.refresh_from_db()
    poll.refresh_from_db()
    assert question.status == QuestionStatus.PENDING and not poll.is_open
    assert Poll.objects.count() == 1


def test_session_page_shows_approved_questions_and_polls(client, session):
    Question.objects.create(session=session, text="Approved one", status=QuestionStatus.APPROVED)
    Question.objects.create(session=session, text="Pending one")
    poll = create_poll(
        session=session, question={"en": "Useful?"}, options=[{"en": "A"}, {"en": "B"}], by=None
    )
    poll.is_open = True
    poll.save()
    page = client.get(reverse("congress:session", args=[session.congress.slug, session.pk]))
    text = page.content.decode()
    assert "Approved one" in text and "Pending one" not in text and "Useful?" in text
    assert 'hx-trigger="every 5s"' in text
