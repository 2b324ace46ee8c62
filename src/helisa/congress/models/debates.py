from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from helisa.core.translated import in_language

from .programme import Session


class QuestionStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting moderation")
    APPROVED = "approved", _("Approved")
    ANSWERED = "answered", _("Answered")
    HIDDEN = "hidden", _("Hidden")


class Question(models.Model):
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="questions")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(_("question"), max_length=500)
    status = models.CharField(
        max_length=8, choices=QuestionStatus.choices, default=QuestionStatus.PENDING
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.text[:60]


class QuestionVote(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="votes")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["question", "user"], name="upvote_once")]

    def __str__(self):
        return f"Upvote of {self.question_id}"


class Poll(models.Model):
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="polls")
    question = models.JSONField(_("question"), default=dict)
    is_open = models.BooleanField(_("open"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return str(in_language(self.question))


class PollOption(models.Model):
    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="options")
    text = models.JSONField(_("answer"), default=dict)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]

    def __str__(self):
        return str(in_language(self.text))


class PollVote(models.Model):
    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="votes")
    option = models.ForeignKey(PollOption, on_delete=models.CASCADE, related_name="votes")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["poll", "user"], name="poll_vote_once")]

    def __str__(self):
        return f"Vote in poll {self.poll_id}"
