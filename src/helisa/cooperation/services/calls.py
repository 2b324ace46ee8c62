"""Creating and changing calls. A new call starts from its programme's ready rule set; a call of
a programme may add rules of its own but never weaken the programme's (a Horizon Europe call
with two partners would not be one). Custom calls take whatever rules their author sets.

The secretariat creates calls of every programme, listed for everyone; any signed-in user may
create custom calls of their own, which only they (and the secretariat) see: a private rule set
to build a consortium against, not an announcement to the alliance.
"""

import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from helisa.core.countries import to_iso
from helisa.registry.models import HelixRole
from helisa.registry.rules import is_secretariat

from ..models import Call, CountryList, ProgrammeKind
from ..rules import can_change_call, can_create_call

# The rules a call of each programme starts from; for a programme, also the least it may ask.
# Independent legal entities: Horizon Europe's consortium condition names them (Regulation (EU)
# 2021/695, Art. 22(2): entities neither controlling the other nor under the same control), so
# its calls keep the rule. Interreg asks only for partners from at least two participating
# countries (Regulation (EU) 2021/1059, Art. 23) and says nothing of control, nor do cluster
# partnerships; a call of theirs may still add the rule.
PRESETS = {
    ProgrammeKind.HORIZON_EUROPE: {
        "min_partners": 3,
        "max_partners": 8,
        "min_countries": 3,
        "eligible_list": CountryList.HORIZON_EUROPE,
        "eligible_countries": [],
        "min_in_member_states": 1,
        "required_roles": {},
        "programme_regions": [],
        "min_cluster_organisations": 0,
        "min_cluster_countries": 0,
        "counts_independent_entities": True,
    },
    ProgrammeKind.INTERREG: {
        "min_partners": 2,
        "max_partners": 10,
        "min_countries": 2,
        "eligible_list": CountryList.NONE,
        "eligible_countries": [],
        "min_in_member_states": 0,
        "required_roles": {},
        "programme_regions": [],
        "min_cluster_organisations": 0,
        "min_cluster_countries": 0,
        "counts_independent_entities": False,
    },
    ProgrammeKind.CLUSTER_PARTNERSHIP: {
        "min_partners": 3,
        "max_partners": 6,
        "min_countries": 3,
        "eligible_list": CountryList.NONE,
        "eligible_countries": [],
        "min_in_member_states": 0,
        "required_roles": {},
        "programme_regions": [],
        "min_cluster_organisations": 3,
        "min_cluster_countries": 3,
        "counts_independent_entities": False,
    },
    ProgrammeKind.CUSTOM: {
        "min_partners": 2,
        "max_partners": 8,
        "min_countries": 1,
        "eligible_list": CountryList.NONE,
        "eligible_countries": [],
        "min_in_member_states": 0,
        "required_roles": {},
        "programme_regions": [],
        "min_cluster_organisations": 0,
        "min_cluster_countries": 0,
        "counts_independent_entities": False,
    },
}
RULE_FIELDS = tuple(PRESETS[ProgrammeKind.CUSTOM])
OTHER_FIELDS = ("name", "description", "topic_code", "deadline")
_MINIMA = (
    "min_partners",
    "min_countries",
    "min_in_member_states",
    "min_cluster_organisations",
    "min_cluster_countries",
)
_NUTS = re.compile(r"^[A-Z]{2}[0-9A-Z]{0,3}$")


def preset(kind):
    """The rules a new call of this programme starts from (a fresh copy)."""
    values = PRESETS[ProgrammeKind(kind)]
    return {
        name: (value.copy() if isinstance(value, (list, dict)) else value)
        for name, value in values.items()
    }


def _clean(kind, values):
    """The values normalised, or a ValidationError keyed by field."""
    errors = {}
    name = {code: text.strip() for code, text in (values.get("name") or {}).items() if text}
    if not any(name.values()):
        errors["name"] = _("Give the call a name in at least one language.")
    values["name"] = {code: text for code, text in name.items() if text}
    values["description"] = {
        code: text.strip() for code, text in (values.get("description") or {}).items() if text
    }
    values["topic_code"] = (values.get("topic_code") or "").strip()[:120]
    countries = []
    for code in values.get("eligible_countries") or ():
        try:
            countries.append(to_iso(code))
        except ValueError:
            errors["eligible_countries"] = _("%(code)s is not a country code.") % {"code": code}
    values["eligible_countries"] = sorted(set(countries))
    regions = [(code or "").strip().upper() for code in values.get("programme_regions") or ()]
    if bad := [code for code in regions if code and not _NUTS.match(code)]:
        errors["programme_regions"] = _("%(code)s is not a NUTS code.") % {"code": bad[0]}
    values["programme_regions"] = sorted({code for code in regions if code})
    roles = {}
    for role, minimum in (values.get("required_roles") or {}).items():
        if role not in HelixRole.values:
            errors["required_roles"] = _("%(role)s is not a helix role.") % {"role": role}
            continue
        try:
            minimum = int(minimum)
        except (TypeError, ValueError):
            minimum = -1
        if minimum < 0:
            errors["required_roles"] = _("A role's minimum is a whole number.")
        elif minimum:
            roles[role] = minimum
    values["required_roles"] = roles
    values["counts_independent_entities"] = bool(values.get("counts_independent_entities"))
    if values["eligible_list"] not in CountryList.values:
        errors["eligible_list"] = _("Choose one of the country lists.")
    if values["max_partners"] < values["min_partners"]:
        errors["max_partners"] = _("The maximum cannot be below the minimum of partners.")
    if values["min_partners"] < 1:
        errors["min_partners"] = _("A consortium has at least one partner, its coordinator.")
    if kind != ProgrammeKind.CUSTOM:
        _programme_minima(kind, values, errors)
    if errors:
        raise ValidationError(errors)
    return values


def _programme_minima(kind, values, errors):
    floor = PRESETS[kind]
    label = ProgrammeKind(kind).label
    for field in _MINIMA:
        if values[field] < floor[field]:
            errors[field] = _("A call of %(programme)s asks for at least %(minimum)s here.") % {
                "programme": label,
                "minimum": floor[field],
            }
    if floor["eligible_list"] and values["eligible_list"] != floor["eligible_list"]:
        errors["eligible_list"] = _("A call of %(programme)s keeps its country list.") % {
            "programme": label
        }
    if floor["counts_independent_entities"] and not values["counts_independent_entities"]:
        errors["counts_independent_entities"] = _(
            "A call of %(programme)s counts affiliated organisations as one partner."
        ) % {"programme": label}
    if kind == ProgrammeKind.INTERREG and not values["programme_regions"]:
        errors["programme_regions"] = _("An Interreg call needs its programme area as NUTS codes.")


@transaction.atomic
def create_call(*, by, kind, **values):
    """A call of `kind`, starting from its preset; the values given override the preset."""
    if kind not in ProgrammeKind.values:
        raise ValidationError({"kind": _("Choose one of the programmes.")})
    if not can_create_call(by, kind):
        raise PermissionDenied(_("Only the secretariat creates calls of a programme."))
    unknown = set(values) - set(RULE_FIELDS) - set(OTHER_FIELDS)
    if unknown:
        raise TypeError(f"unknown call fields: {sorted(unknown)}")
    merged = preset(kind) | values
    merged = _clean(kind, merged)
    return Call.objects.create(kind=kind, created_by=by, is_public=is_secretariat(by), **merged)


@transaction.atomic
def change_call(*, call, by, **values):
    """Change some of a call's values; the programme's rules still hold afterwards."""
    if not can_change_call(by, call):
        raise PermissionDenied(_("You may not change this call."))
    call = Call.objects.select_for_update().get(pk=call.pk)
    kind = values.pop("kind", call.kind)
    if kind not in ProgrammeKind.values:
        raise ValidationError({"kind": _("Choose one of the programmes.")})
    if kind != call.kind and not can_create_call(by, kind):
        raise PermissionDenied(_("Only the secretariat creates calls of a programme."))
    unknown = set(values) - set(RULE_FIELDS) - set(OTHER_FIELDS)
    if unknown:
        raise TypeError(f"unknown call fields: {sorted(unknown)}")
    current = {name: getattr(call, name) for name in (*RULE_FIELDS, *OTHER_FIELDS)}
    merged = _clean(kind, current | values)
    for name, value in merged.items():
        setattr(call, name, value)
    call.kind = kind
    call.save()
    return call
