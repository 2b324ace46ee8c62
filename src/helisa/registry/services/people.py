"""A user's own person record, and their personal data: export and erasure."""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from helisa.core.models import ApiToken
from helisa.registry.models import (
    Affiliation,
    ChangeRecord,
    Claim,
    ClaimStatus,
    Invitation,
    Organisation,
    Person,
    Role,
)
from helisa.registry.queries_access import invitations_received_by, organisations_managed_by

from .history import record_change


def person_for(user):
    """The user's person record, created from the account on first use."""
    person = Person.objects.filter(user=user).first()
    if person is None:
        first, _space, last = (user.full_name or "").strip().partition(" ")
        person = Person.objects.create(
            user=user, first_name=first, last_name=last, email=user.email
        )
    return person


def update_person(*, person, first_name, last_name, phone, visibility, consent):
    person.first_name = first_name
    person.last_name = last_name
    person.phone = phone
    person.visibility = visibility
    if consent and person.consent_given_at is None:
        person.consent_given_at = timezone.now()
    elif not consent:
        person.consent_given_at = None
    person.full_clean(exclude=["user"])
    person.save()
    return person


def set_affiliation(*, person, organisation, function):
    """Affiliate the user's own person with an organisation they hold a role for."""
    if not organisations_managed_by(person.user).filter(pk=organisation.pk).exists():
        raise PermissionDenied
    affiliation, _created = Affiliation.objects.update_or_create(
        person=person, organisation=organisation, defaults={"function": function}
    )
    return affiliation


def remove_affiliation(*, affiliation):
    affiliation.delete()


def export_personal_data(*, user):
    """Everything Helisa holds about a user, as plain data for a JSON file."""
    person = Person.objects.filter(user=user).first()
    return {
        "exported_at": timezone.now().isoformat(),
        "user": {
            "id": user.pk,
            "email": user.email,
            "full_name": user.full_name,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "language": user.language,
            "is_secretariat": user.is_secretariat,
            "is_active": user.is_active,
            "date_joined": user.date_joined,
            "last_login": user.last_login,
        },
        "email_addresses": list(
            EmailAddress.objects.filter(user=user).values("email", "verified", "primary")
        ),
        "two_factor_methods": list(
            Authenticator.objects.filter(user=user).values("type", "created_at", "last_used_at")
        ),
        "person": _person_data(person),
        "roles": [
            {
                "organisation": str(role.organisation),
                "organisation_id": role.organisation_id,
                "role": role.kind,
                "granted_at": role.granted_at,
            }
            for role in Role.objects.filter(user=user).select_related("organisation")
        ],
        "owned_organisations": list(
            Organisation.objects.filter(owner=user).values("id", "legal_name")
        ),
        "claims": list(
            Claim.objects.filter(user=user).values(
                "organisation_id",
                "organisation__legal_name",
                "message",
                "status",
                "reason",
                "created_at",
                "decided_at",
            )
        ),
        "invitations_sent": list(
            Invitation.objects.filter(invited_by=user).values(
                "organisation_id", "email", "kind", "created_at", "accepted_at"
            )
        ),
        "invitations_received": list(
            invitations_received_by(user).values(
                "organisation_id", "email", "kind", "created_at", "accepted_at"
            )
        ),
        "api_tokens": list(
            ApiToken.objects.filter(user=user).values("name", "created_at", "last_used_at")
        ),
        "changes_made": list(
            ChangeRecord.objects.filter(by=user).values(
                "at", "record_type", "record_id", "action", "changes", "organisation_id"
            )
        ),
    }


def _person_data(person):
    if person is None:
        return None
    return {
        "first_name": person.first_name,
        "last_name": person.last_name,
        "email": person.email,
        "phone": person.phone,
        "visibility": person.visibility,
        "consent_given_at": person.consent_given_at,
        "created_at": person.created_at,
        "affiliations": [
            {
                "organisation": str(affiliation.organisation),
                "organisation_id": affiliation.organisation_id,
                "function": affiliation.function,
            }
            for affiliation in person.affiliations.select_related("organisation")
        ],
    }


@transaction.atomic
def erase_personal_data(*, user, password):
    """Erase what identifies the user; the history keeps their changes as an erased user's."""
    if not user.check_password(password):
        raise ValidationError(_("The password is not correct."))
    addresses = list(EmailAddress.objects.filter(user=user).values_list("email", flat=True))
    for organisation in Organisation.objects.filter(owner=user):
        Organisation.objects.filter(pk=organisation.pk).update(owner=None)
        record_change(
            instance=organisation,
            action=ChangeRecord.Action.UPDATED,
            by=user,
            changes={"owner": [user.pk, None]},
            organisation=organisation,
        )
    Person.objects.filter(user=user).delete()
    Role.objects.filter(user=user).delete()
    Claim.objects.filter(user=user, status=ClaimStatus.PENDING).delete()
    Claim.objects.filter(user=user).update(message="")
    for email in addresses + [user.email]:
        Invitation.objects.filter(email__iexact=email, accepted_at__isnull=True).delete()
    Invitation.objects.filter(accepted_by=user).update(email=f"erased-{user.pk}@invalid")
    ApiToken.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()
    EmailAddress.objects.filter(user=user).delete()
    user.email = f"erased-{user.pk}@invalid"
    user.full_name = user.first_name = user.last_name = ""
    user.is_active = user.is_staff = user.is_superuser = user.is_secretariat = False
    user.set_unusable_password()
    user.save()
    return user
