"""The kinds of email a person can tune or stop, grouped by area on the preferences page. The
preference model stores only deviations from each kind's default.

Every email Helisa sends a person is one of these kinds, except those that must always arrive:
the account emails of django-allauth (email confirmation, password reset and the like), sent for
security and because the person has just asked for them, and the registry's invitation to an
address with no account yet (registry/services/notify.py), whose recipient has no preferences and
no other way to learn of it. The registry and the alliance sit below this app: they name their
kinds by code, declared here, and send through registry.services.notify.send_to_user."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

# area -> its heading on the preferences page, in the order shown
AREAS = {
    "cooperation": _("Cooperation profiles"),
    "practices": _("Good practices"),
    "congress": _("Congresses"),
    "b2b": _("B2B matchmaking"),
    "alliance": _("Alliances and declarations"),
    "registry": _("Registry"),
}


@dataclass(frozen=True)
class NotificationKind:
    code: str
    label: str
    default: bool = True
    area: str = "cooperation"


KINDS: dict[str, NotificationKind] = {}


def register_kind(code, label, default=True, area="cooperation"):
    if area not in AREAS:
        raise ValueError(f"Unknown notification area {area!r}")
    KINDS[code] = NotificationKind(code, label, default, area)
    return KINDS[code]


def kinds_by_area():
    """[(area heading, [kind, ...]), ...] in the order of AREAS; empty areas left out."""
    groups = [
        (label, [k for k in KINDS.values() if k.area == area]) for area, label in AREAS.items()
    ]
    return [(label, kinds) for label, kinds in groups if kinds]


INTEREST_RECEIVED = register_kind(
    "interest_received", _("Someone expresses interest in one of my profiles")
).code
INTEREST_ANSWERED = register_kind(
    "interest_answered", _("My expression of interest is accepted or declined")
).code
FOLLOWED_PROFILE_CHANGED = register_kind(
    "followed_profile_changed", _("A profile I follow changes, is withdrawn or is listed again")
).code
SAVED_SEARCH_DIGEST = register_kind(
    "saved_search_digest", _("New profiles matching my saved searches")
).code
RENEWAL_REMINDER = register_kind(
    "renewal_reminder", _("One of my profiles is about to expire")
).code
PRACTICE_ADOPTION_INTEREST = register_kind(
    "practice_adoption_interest",
    _("Someone wants to adopt one of our good practices"),
    area="practices",
).code
PRACTICE_REVIEWED = register_kind(
    "practice_reviewed",
    _("The secretariat publishes, sends back or decides on the files of one of our good practices"),
    area="practices",
).code
PRACTICE_COAUTHOR_INVITED = register_kind(
    "practice_coauthor_invited",
    _("Our cluster is invited to co-author a good practice"),
    area="practices",
).code
PRACTICE_COAUTHOR_ANSWERED = register_kind(
    "practice_coauthor_answered",
    _("A cluster accepts or declines to co-author one of our good practices"),
    area="practices",
).code

# Congresses (congress/services/registration_mail.py, b2b_notify.py)
CONGRESS_REGISTRATION = register_kind(
    "congress_registration",
    _("My congress registration is confirmed, waiting-listed, given a place or cancelled"),
    area="congress",
).code
B2B_REQUEST = register_kind(
    "b2b_request", _("Someone asks me for a B2B meeting, or answers my request"), area="b2b"
).code
B2B_SCHEDULE = register_kind(
    "b2b_schedule", _("My B2B meetings are scheduled or change"), area="b2b"
).code
B2B_FOLLOW_UP = register_kind(
    "b2b_follow_up", _("After a B2B meeting, I am asked what came of it"), area="b2b"
).code

# Alliances (alliance/services/notify.py)
ALLIANCE_MEMBERSHIP = register_kind(
    "alliance_membership",
    _("The membership of a cluster I manage in an alliance changes"),
    area="alliance",
).code
ALLIANCE_APPLICATION = register_kind(
    "alliance_application",
    _("A cluster applies to an alliance whose secretariat I am in"),
    area="alliance",
).code
ALLIANCE_BALLOT = register_kind(
    "alliance_ballot",
    _("A vote opens on an application to an alliance we belong to"),
    area="alliance",
).code
AUTHORITY_TO_CONFIRM = register_kind(
    "authority_to_confirm", _("A signing authority awaits my confirmation"), area="alliance"
).code
AUTHORITY_CONFIRMED = register_kind(
    "authority_confirmed",
    _("A signing authority for me or my organisation is confirmed"),
    area="alliance",
).code
DECLARATION_SIGNED = register_kind(
    "declaration_signed", _("I sign a declaration (with the signature receipt)"), area="alliance"
).code
SIGNATURE_REVOKED = register_kind(
    "signature_revoked", _("A signature by me or for my organisation is revoked"), area="alliance"
).code

# Registry (registry/services/notify.py)
CLAIM_DECIDED = register_kind(
    "claim_decided",
    _("My claim to speak for an organisation is confirmed or rejected"),
    area="registry",
).code
ROLE_INVITATION = register_kind(
    "role_invitation", _("Someone invites me to a role in an organisation"), area="registry"
).code
