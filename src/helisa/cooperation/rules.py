"""Who may do what with cooperation profiles. A profile is managed by whoever may change its
organisation in the registry (registry.change_organisation)."""

import rules

from helisa.registry.rules import can_change_organisation

from .models import ProfileStatus


@rules.predicate
def can_manage_profile(user, profile):
    return profile is not None and can_change_organisation(user, profile.organisation)


@rules.predicate
def can_see_profile(user, profile):
    if profile is None:
        return False
    if profile.status in (ProfileStatus.PUBLISHED, ProfileStatus.EXPIRED):
        return True
    return can_manage_profile(user, profile)


@rules.predicate
def can_answer_interest(user, interest):
    return interest is not None and can_manage_profile(user, interest.profile)


# The object is the organisation the profile is written for.
rules.add_perm("cooperation.add_profile", can_change_organisation)
rules.add_perm("cooperation.change_profile", can_manage_profile)
rules.add_perm("cooperation.view_profile", can_see_profile)
rules.add_perm("cooperation.answer_interest", can_answer_interest)
