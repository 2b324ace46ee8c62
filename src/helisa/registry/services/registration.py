"""A signed-in user registers an organisation they represent."""

from django.db import transaction

from helisa.registry.models import Role, RoleKind

from .organisations import create_organisation


@transaction.atomic
def register_organisation(*, by, sectors=(), topics=(), **fields):
    """Create an organisation owned by `by`, who becomes its representative."""
    organisation = create_organisation(by=by, owner=by, sectors=sectors, topics=topics, **fields)
    grant_role(organisation=organisation, user=by, kind=RoleKind.REPRESENTATIVE, by=by)
    return organisation


def grant_role(*, organisation, user, kind, by):
    role, _created = Role.objects.get_or_create(
        user=user, organisation=organisation, kind=kind, defaults={"granted_by": by}
    )
    return role
