"""The consortium builder's rules, breaches and member reasons in plain words, in the active
language (the search states them as kinds and values: consortium.py, consortium_explain.py)."""

from django.utils.translation import gettext as _

from helisa.core.countries import country_name
from helisa.registry.models import HelixRole

_ROLES = dict(HelixRole.choices)


def _role(code):
    return str(_ROLES.get(code, code))


def _countries(codes):
    return ", ".join(country_name(code) for code in codes)


def _names(names):
    """ "A", "A and B", "A, B and C"."""
    if len(names) < 2:
        return "".join(names)
    return _("%(names)s and %(last)s") % {"names": ", ".join(names[:-1]), "last": names[-1]}


def breach_message(breach):
    kind, v = breach.rule, breach.values
    messages = {
        "duplicate_member": lambda: _("An organisation is listed twice."),
        "no_coordinator": lambda: _("The coordinator is not in the consortium."),
        "too_few_partners": lambda: (
            _("%(n)d partners; the call needs at least %(min)d.") % {"n": v[0], "min": v[1]}
        ),
        "too_few_partners_entities": lambda: (
            _(
                "%(n)d independent legal entities (affiliated organisations count as one); "
                "the call needs at least %(min)d."
            )
            % {"n": v[0], "min": v[1]}
        ),
        "too_many_partners": lambda: (
            _("%(n)d partners; the call allows at most %(max)d.") % {"n": v[0], "max": v[1]}
        ),
        "ineligible_country": lambda: (
            _("A partner in %(country)s, which is not eligible.") % {"country": country_name(v[1])}
        ),
        "outside_programme_area": lambda: _("A partner outside the programme area."),
        "too_few_countries": lambda: (
            _("%(n)d countries; the call needs at least %(min)d.") % {"n": v[0], "min": v[1]}
        ),
        "too_few_countries_entities": lambda: (
            _(
                "Independent legal entities from %(n)d different countries (affiliated "
                "organisations count as one); the call needs at least %(min)d."
            )
            % {"n": v[0], "min": v[1]}
        ),
        "too_few_in_member_states_entities": lambda: (
            _(
                "%(n)d independent legal entities in EU member states (affiliated organisations "
                "count as one); the call needs at least %(min)d."
            )
            % {"n": v[0], "min": v[1]}
        ),
        "too_few_candidate_entities": lambda: (
            _(
                "Only %(n)d independent eligible organisations or groups in the registry; the "
                "call needs %(min)d."
            )
            % {"n": v[0], "min": v[1]}
        ),
        "too_few_in_member_states": lambda: (
            _("%(n)d partners in EU member states; the call needs at least %(min)d.")
            % {"n": v[0], "min": v[1]}
        ),
        "missing_role": lambda: (
            _("%(n)d of role “%(role)s”; the call needs at least %(min)d.")
            % {"role": _role(v[0]), "n": v[1], "min": v[2]}
        ),
        "too_few_cluster_organisations": lambda: (
            _("%(n)d cluster organisations; the call needs at least %(min)d.")
            % {"n": v[0], "min": v[1]}
        ),
        "too_few_cluster_countries": lambda: (
            _("Cluster organisations from %(n)d countries; the call needs at least %(min)d.")
            % {"n": v[0], "min": v[1]}
        ),
        "min_above_max": lambda: _("The call's minimum of partners is above its maximum."),
        "start_ineligible": lambda: _(
            "Your organisation cannot take part in this call (country or region not eligible)."
        ),
        "too_few_candidates": lambda: (
            _("Only %(n)d eligible organisations in the registry; the call needs %(min)d.")
            % {"n": v[0], "min": v[1]}
        ),
        "no_consortium": lambda: _("No consortium of registered organisations meets every rule."),
        "search_stopped": lambda: (
            _(
                "The search stopped after %(seconds)s s without proving that no consortium "
                "exists; try again, or loosen the call's rules."
            )
            % {"seconds": v[0]}
        ),
        "search_stopped_early": lambda: (
            _(
                "The search stopped after %(seconds)s s; these are the best consortia found, "
                "and there may be better ones."
            )
            % {"seconds": v[0]}
        ),
        "no_more_distinct": lambda: (
            _("Only %(n)d sufficiently different consortia meet every rule.") % {"n": v[0]}
        ),
    }
    return messages[kind]() if kind in messages else kind


def rule_message(reason):
    kind, v = reason.kind, reason.values
    if kind == "partners":
        return _("%(n)d partners (from %(min)d to %(max)d)") % {"n": v[0], "min": v[1], "max": v[2]}
    if kind == "countries":
        return _("%(n)d countries (at least %(min)d): %(names)s") % {
            "n": v[0],
            "min": v[1],
            "names": _countries(v[2]),
        }
    if kind == "member_states":
        return _("%(n)d in EU member states (at least %(min)d)") % {"n": v[0], "min": v[1]}
    if kind == "entities":
        return _(
            "%(n)d independent legal entities (at least %(min)d), %(members)d organisations "
            "(at most %(max)d)"
        ) % {"n": v[0], "min": v[1], "members": v[2], "max": v[3]}
    if kind == "entity_countries":
        return _(
            "Independent legal entities from %(n)d different countries (at least %(min)d): "
            "%(names)s"
        ) % {"n": v[0], "min": v[1], "names": _countries(v[2])}
    if kind == "entity_member_states":
        return _("%(n)d independent legal entities in EU member states (at least %(min)d)") % {
            "n": v[0],
            "min": v[1],
        }
    if kind == "affiliated":
        return _("%(names)s are affiliated: they count as one independent legal entity.") % {
            "names": _names(v)
        }
    if kind == "role":
        return _("%(n)d of role “%(role)s” (at least %(min)d)") % {
            "role": _role(v[0]),
            "n": v[1],
            "min": v[2],
        }
    if kind == "cluster_organisations":
        return _("%(n)d cluster organisations (at least %(min)d)") % {"n": v[0], "min": v[1]}
    if kind == "cluster_countries":
        return _("Cluster organisations from %(n)d countries (at least %(min)d)") % {
            "n": v[0],
            "min": v[1],
        }
    if kind == "programme_area":
        return _("Every partner in the programme area (%(codes)s)") % {"codes": ", ".join(v)}
    if kind == "helix_roles":
        return _("Helix roles: %(roles)s") % {"roles": ", ".join(_role(code) for code in v)}
    return kind


def member_message(reason):
    kind, v = reason.kind, reason.values
    if kind == "coordinator":
        return _("Coordinator: the organisation you start from")
    if kind == "only_from_country":
        return _("The only partner from %(country)s") % {"country": country_name(v[0])}
    if kind == "in_member_state":
        return _("Counts as a partner in an EU member state")
    if kind == "required_role":
        return _("Counts toward the required role “%(role)s” (%(n)d of at least %(min)d)") % {
            "role": _role(v[0]),
            "n": v[1],
            "min": v[2],
        }
    if kind == "only_role":
        return _("The only partner of role “%(role)s”") % {"role": _role(v[0])}
    if kind == "cluster_organisation":
        return _("A cluster organisation")
    if kind == "in_programme_area":
        return _("Located in the programme area (%(region)s)") % {"region": v[0]}
    if kind == "affiliated_with":
        return _(
            "Affiliated with %(names)s: together they count as one independent legal entity"
        ) % {"names": _names(v)}
    return kind
