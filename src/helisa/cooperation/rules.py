"""Who may do what with cooperation profiles. A profile is managed by whoever may change its
organisation in the registry (registry.change_organisation)."""

import rules

from helisa.registry.rules import can_change_organisation, is_secretariat

from .models import ProfileStatus, ProgrammeKind


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

from . import rules_practices  # noqa: E402, F401  (good practices register their own rules)


@rules.predicate
def can_manage_project(user, project):
    """The coordinator's representatives manage a project (and the secretariat, as with any
    organisation)."""
    if project is None:
        return False
    from .services.projects import coordinator_of

    coordinator = coordinator_of(project)
    return coordinator is not None and can_change_organisation(user, coordinator)


@rules.predicate
def is_in_consortium(user, project):
    """The project's creator and the people of any of its partners: its consortium."""
    if project is None or not (user.is_authenticated and user.is_active):
        return False
    if project.created_by_id == user.pk:
        return True
    from .queries import organisations_represented_by

    mine = organisations_represented_by(user).values("pk")
    return project.partners.filter(organisation__in=mine).exists()


@rules.predicate
def can_see_project(user, project):
    if project is None:
        return False
    return project.is_public or can_manage_project(user, project) or is_in_consortium(user, project)


# The object is the organisation that would coordinate.
rules.add_perm("cooperation.build_consortium", can_change_organisation)
# The object is the organisation of the person recording a project, one of its partners.
rules.add_perm("cooperation.add_project", can_change_organisation)
rules.add_perm("cooperation.change_project", can_manage_project)
rules.add_perm("cooperation.view_project", can_see_project)


@rules.predicate
def can_create_call(user, kind):
    """The secretariat creates calls of every programme; a signed-in user custom calls."""
    if not user.is_authenticated or not user.is_active:
        return False
    return is_secretariat(user) or kind == ProgrammeKind.CUSTOM


@rules.predicate
def can_change_call(user, call):
    if call is None or not user.is_authenticated or not user.is_active:
        return False
    if is_secretariat(user):
        return True
    return call.kind == ProgrammeKind.CUSTOM and call.created_by_id == user.pk


@rules.predicate
def can_see_call(user, call):
    return call is not None and (call.is_public or can_change_call(user, call))


# The object is the programme kind of the call to create.
rules.add_perm("cooperation.add_call", can_create_call)
rules.add_perm("cooperation.change_call", can_change_call)
rules.add_perm("cooperation.view_call", can_see_call)
