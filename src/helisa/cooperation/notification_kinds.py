"""The kinds of email a person can tune or stop. Any app registers its own with register_kind()
at import time (e.g. in its AppConfig.ready); the preference model stores only deviations."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class NotificationKind:
    code: str
    label: str
    default: bool = True


KINDS: dict[str, NotificationKind] = {}


def register_kind(code, label, default=True):
    KINDS[code] = NotificationKind(code, label, default)
    return KINDS[code]


INTEREST_RECEIVED = register_kind(
    "interest_received", _("Someone expresses interest in one of my profiles")
).code
INTEREST_ANSWERED = register_kind(
    "interest_answered", _("My expression of interest is accepted or declined")
).code
FOLLOWED_PROFILE_CHANGED = register_kind(
    "followed_profile_changed", _("A profile I follow changes or is withdrawn")
).code
SAVED_SEARCH_DIGEST = register_kind(
    "saved_search_digest", _("New profiles matching my saved searches")
).code
RENEWAL_REMINDER = register_kind(
    "renewal_reminder", _("One of my profiles is about to expire")
).code
PRACTICE_ADOPTION_INTEREST = register_kind(
    "practice_adoption_interest", _("Someone wants to adopt one of our good practices")
).code
PRACTICE_REVIEWED = register_kind(
    "practice_reviewed", _("The secretariat publishes or sends back one of our good practices")
).code
PRACTICE_COAUTHOR_INVITED = register_kind(
    "practice_coauthor_invited", _("Our cluster is invited to co-author a good practice")
).code
PRACTICE_COAUTHOR_ANSWERED = register_kind(
    "practice_coauthor_answered",
    _("A cluster accepts or declines to co-author one of our good practices"),
).code
