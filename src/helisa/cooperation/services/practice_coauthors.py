"""Co-authors of good practices: a cluster organisation the writer does not manage is invited, and
named among the authors only when one of its managers accepts."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from helisa.cooperation import notification_kinds as kinds
from helisa.cooperation.models import CoAuthorInvitation, CoAuthorStatus
from helisa.cooperation.queries_practices import cluster_managers

from .notifications import absolute_url, notify_all
from .practice_notify import tell_authors

C = CoAuthorStatus


def _invite(practice, cluster, by):
    invitation, created = CoAuthorInvitation.objects.get_or_create(
        practice=practice, cluster=cluster, defaults={"invited_by": by}
    )
    if invitation.status == C.DECLINED:
        raise ValidationError(
            {"authors": _("%(cluster)s declined to co-author this case.") % {"cluster": cluster}}
        )
    if invitation.status == C.PENDING and not created:
        return None
    # Accepted once, then taken off the authors: asking again needs consent again.
    invitation.status, invitation.invited_by = C.PENDING, by
    invitation.answered_by = invitation.answered_at = None
    invitation.save()
    return invitation


def sync_invitations(*, practice, clusters, by):
    """Invite each of `clusters` not yet asked; withdraw the pending invitations of those left
    out. Their managers are emailed once the change is saved."""
    wanted = {cluster.pk for cluster in clusters}
    practice.coauthor_invitations.filter(status=C.PENDING).exclude(cluster_id__in=wanted).delete()
    sent = [item for cluster in clusters if (item := _invite(practice, cluster, by))]
    for invitation in sent:
        transaction.on_commit(lambda invitation=invitation: _tell_invited(invitation))
    return sent


def _tell_invited(invitation):
    notify_all(
        users=cluster_managers(invitation.cluster),
        kind=kinds.PRACTICE_COAUTHOR_INVITED,
        template="practice_coauthor_invitation",
        context={
            "practice": invitation.practice,
            "cluster": invitation.cluster,
            "inviter": invitation.invited_by,
            "url": absolute_url("cooperation:practice", invitation.practice_id),
        },
        exclude=invitation.invited_by,
    )


@transaction.atomic
def answer_invitation(*, invitation, by, accept):
    """A manager of the invited cluster accepts (the cluster joins the authors) or declines."""
    if not by.has_perm("cooperation.answer_coauthor_invitation", invitation):
        raise PermissionDenied(_("Only a manager of the invited cluster may answer."))
    given, invitation = (
        invitation,
        CoAuthorInvitation.objects.select_for_update()
        .select_related("practice", "cluster__organisation")
        .get(pk=invitation.pk),
    )
    if invitation.status != C.PENDING:
        raise ValidationError(
            _("This invitation has already been answered."), code="already_answered"
        )
    invitation.status = C.ACCEPTED if accept else C.DECLINED
    invitation.answered_by, invitation.answered_at = by, timezone.now()
    invitation.save(update_fields=["status", "answered_by", "answered_at"])
    given.status = invitation.status
    practice = invitation.practice
    tell_authors(
        practice,
        template="practice_coauthor_answered",
        by=by,
        kind=kinds.PRACTICE_COAUTHOR_ANSWERED,
        cluster=invitation.cluster,
        accepted=bool(accept),
    )
    if accept:
        practice.authors.add(invitation.cluster)
        practice.search_text = practice.folded_text(practice.authors.select_related("organisation"))
        practice.save(update_fields=["search_text"])
    return invitation
