"""Creating a project through the API: one that already exists, recorded with its partners, or
a consortium from the builder saved as an idea."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from helisa.cooperation.services import consortia as consortium_services
from helisa.cooperation.services.projects import create_project
from helisa.registry.models import Organisation

from .cooperation_consortia import start_organisation, visible_call

FACTS = {"title", "acronym", "call_topic", "status", "budget", "start_date", "end_date"}


def partners_from(partners):
    """(organisation, role, contribution) for each partner given; refused when a number names
    no organisation."""
    wanted = [p.organisation_id for p in partners]
    found = Organisation.objects.in_bulk(wanted)
    if missing := [pk for pk in wanted if pk not in found]:
        raise ValidationError(
            {"partners": _("No organisation has the number %(pk)s.") % {"pk": missing[0]}}
        )
    return [(found[p.organisation_id], p.role, p.contribution) for p in partners]


def create(user, payload):
    if payload.organisation_ids is not None:
        return _save_idea(user, payload)
    if payload.partners is None:
        raise ValidationError(
            {"partners": _("Give the project's partners, or a consortium from the builder.")}
        )
    call = visible_call(user, payload.call_id) if payload.call_id is not None else None
    partners = partners_from(payload.partners)
    # Someone of one of its partners records a project, as in the UI; no partner at all is
    # a wrong value, which the service names.
    if partners and not any(user.has_perm("cooperation.add_project", o) for o, _r, _c in partners):
        raise PermissionDenied(_("A project is recorded only by someone of one of its partners."))
    values = payload.dict(include=FACTS)
    return create_project(by=user, call=call, partners=partners, **values)


def _save_idea(user, payload):
    missing = [
        name for name in ("call_id", "start_organisation_id") if getattr(payload, name) is None
    ]
    if missing:
        message = _("A consortium from the builder needs its call and starting organisation.")
        raise ValidationError(dict.fromkeys(missing, message))
    call = visible_call(user, payload.call_id)
    start = start_organisation(user, payload.start_organisation_id)
    return consortium_services.save_idea(
        call=call,
        start=start,
        organisation_ids=payload.organisation_ids,
        by=user,
        title=payload.title[:300],
        acronym=payload.acronym[:40],
    )
