"""Claims to represent an organisation that has no owner yet."""

from urllib.parse import urlsplit

from allauth.account.models import EmailAddress
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from helisa.registry.models import ChangeRecord, Claim, ClaimStatus, Organisation, Role, RoleKind

from .history import record_change
from .notify import absolute_url, send_in_language


def website_host(url):
    host = (urlsplit(url if "//" in url else f"//{url}").hostname or "").lower().rstrip(".")
    return host.removeprefix("www.")


def domains_match(email_domain, host):
    """True when the email's domain is the website's own (user@agh.edu.pl and www.agh.edu.pl).

    Exactly: a subdomain of the website (student.agh.edu.pl) may be given to people who do not
    speak for the organisation, and a parent domain (edu.pl) is shared by many organisations; the
    secretariat decides those claims.
    """
    email_domain, host = email_domain.lower().removeprefix("www."), host.lower()
    # A bare top-level domain would match half the internet.
    return bool(host) and "." in host and email_domain == host


def verified_domain_matches(user, organisation):
    host = website_host(organisation.website or "")
    emails = EmailAddress.objects.filter(user=user, verified=True).values_list("email", flat=True)
    return any(domains_match(email.rsplit("@", 1)[-1], host) for email in emails)


@transaction.atomic
def claim_organisation(*, organisation, user, message=""):
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    if organisation.owner_id is not None:
        raise ValidationError(_("This organisation already has an owner."))
    if Claim.objects.filter(
        organisation=organisation, user=user, status=ClaimStatus.PENDING
    ).exists():
        raise ValidationError(_("You have already claimed this organisation."))
    claim = Claim.objects.create(organisation=organisation, user=user, message=message)
    record_change(
        instance=claim,
        action=ChangeRecord.Action.CREATED,
        by=user,
        changes={"user": [None, user.pk], "status": [None, ClaimStatus.PENDING]},
        organisation=organisation,
    )
    if verified_domain_matches(user, organisation):
        claim.confirmed_by_email_domain = True
        _decide(claim=claim, by=None, status=ClaimStatus.CONFIRMED, reason="", recorder=user)
    return claim


@transaction.atomic
def decide_claim(*, claim, by, accept, reason=""):
    if not by.has_perm("registry.decide_claim", claim):
        raise PermissionDenied
    claim = Claim.objects.select_for_update().select_related("organisation").get(pk=claim.pk)
    if claim.status != ClaimStatus.PENDING:
        raise ValidationError(_("This claim has already been decided."))
    if accept and claim.organisation.owner_id is not None:
        raise ValidationError(_("This organisation already has an owner."))
    status = ClaimStatus.CONFIRMED if accept else ClaimStatus.REJECTED
    return _decide(claim=claim, by=by, status=status, reason=reason, recorder=by)


def _decide(*, claim, by, status, reason, recorder):
    claim.status = status
    claim.decided_by = by
    claim.decided_at = timezone.now()
    claim.reason = reason
    claim.save()
    record_change(
        instance=claim,
        action=ChangeRecord.Action.UPDATED,
        by=recorder,
        changes={
            "status": [ClaimStatus.PENDING, status],
            "confirmed_by_email_domain": [False, claim.confirmed_by_email_domain],
            "reason": ["", reason],
        },
        organisation=claim.organisation,
    )
    if status == ClaimStatus.CONFIRMED:
        _hand_over(claim=claim, by=recorder)
    _notify(claim)
    return claim


def _hand_over(*, claim, by):
    organisation = claim.organisation
    # Ownership is not an edit of the record's content, so the record is not revalidated here.
    Organisation.objects.filter(pk=organisation.pk).update(owner=claim.user)
    organisation.owner = claim.user
    record_change(
        instance=organisation,
        action=ChangeRecord.Action.UPDATED,
        by=by,
        changes={"owner": [None, claim.user.pk]},
        organisation=organisation,
    )
    kind = (
        RoleKind.CLUSTER_MANAGER
        if getattr(organisation, "cluster", None) is not None
        else RoleKind.REPRESENTATIVE
    )
    role, created = Role.objects.get_or_create(
        user=claim.user, organisation=organisation, kind=kind, defaults={"granted_by": by}
    )
    if created:
        record_change(
            instance=role,
            action=ChangeRecord.Action.CREATED,
            by=by,
            changes={"user": [None, claim.user.pk], "kind": [None, kind]},
            organisation=organisation,
        )
    others = Claim.objects.filter(organisation=organisation, status=ClaimStatus.PENDING)
    for other in others.exclude(pk=claim.pk).select_related("user", "organisation"):
        _decide(
            claim=other,
            by=claim.decided_by,
            status=ClaimStatus.REJECTED,
            reason=_("Another claim for this organisation was confirmed."),
            recorder=by,
        )


def _notify(claim):
    user = claim.user
    send_in_language(
        to=user.email,
        language=user.language,
        template=f"claim_{claim.status}",
        context={
            "claim": claim,
            "organisation": claim.organisation,
            "organisation_url": absolute_url("registry:organisation", claim.organisation.pk),
            "workspace_url": absolute_url("registry:my_workspace"),
        },
    )
