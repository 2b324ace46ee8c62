"""A recommendation's reasons in plain words, in the reader's (active) language.

The recommender states each reason as a kind and values (codes, ids, numbers); this turns them
into sentences with the labels the registry holds, so pages and API say the same thing.
"""

from django.utils.formats import number_format
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from helisa.core.countries import country_name
from helisa.core.translated import in_language
from helisa.registry.models import HelixRole

_ROLE_NAMES = dict(HelixRole.choices)


def _role(code):
    return str(_ROLE_NAMES.get(code, code)).lower() if code else ""


def _listed(values):
    return ", ".join(str(value) for value in values)


def _together(counts):
    parts = []
    if counts.get("projects"):
        parts.append(
            ngettext("%(count)d project", "%(count)d projects", counts["projects"])
            % {"count": counts["projects"]}
        )
    if counts.get("clusters"):
        parts.append(
            ngettext("%(count)d cluster", "%(count)d clusters", counts["clusters"])
            % {"count": counts["clusters"]}
        )
    # A source plugged in later has no wording of its own: it is named as a cooperation.
    others = sum(
        count for kind, count in counts.items() if kind not in ("projects", "clusters") and count
    )
    if others:
        parts.append(
            ngettext("%(count)d other cooperation", "%(count)d other cooperations", others)
            % {"count": others}
        )
    return _(" and ").join(parts)


def render_reason(reason, *, data, requester=None, candidate_id=None):
    """One reason as a sentence; `data` is the CandidateSet it was computed from."""
    kind, values = reason.kind, reason.values
    if kind == "earlier_cooperation":
        counts = {
            source: pairs.get(requester, {}).get(candidate_id, 0)
            for source, pairs in data.together.items()
        }
        return _("Worked with you before in %(together)s") % {"together": _together(counts)}
    if kind == "partners_of_partners":
        names = [data.names.get(pk, str(pk)) for pk in values[:3]]
        more = len(values) - len(names)
        listed = _listed(names) + (
            (" " + _("and %(count)d more") % {"count": more}) if more > 0 else ""
        )
        return _("Works with your partners: %(names)s") % {"names": listed}
    if kind == "shared_topics":
        labels = [in_language(data.topic_labels.get(code)).text or code for code in values]
        return _("Shares the topics: %(topics)s") % {"topics": _listed(labels)}
    if kind == "shared_programme":
        return _("Same funding programme: %(programmes)s") % {"programmes": _listed(values)}
    if kind == "shared_sectors":
        labels = [in_language(data.sector_labels.get(code)).text or code for code in values]
        return _("Shares the sectors: %(sectors)s") % {"sectors": _listed(labels)}
    if kind == "similar_subject":
        text, similarity = values
        return _("Similar subject: “%(text)s” (similarity %(value)s)") % {
            "value": number_format(similarity, 2),
            "text": Truncator(text).chars(120),
        }
    if kind == "complementary_role":
        return _("Complementary helix role: %(role)s") % {"role": _role(values[1])}
    if kind == "role_sought":
        return _("A helix role you seek: %(role)s") % {"role": _role(values[0])}
    if kind == "country_sought":
        return _("In a country you seek: %(country)s") % {"country": country_name(values[0])}
    return kind
