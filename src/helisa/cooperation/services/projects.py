"""International projects: saving a consortium as an idea, and the one path of status changes."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from ..candidates import CooperationSource, add_cooperation_source
from ..models import PartnerRole, Project, ProjectPartner, ProjectStatus
from ..recommend import Topic

# Where each status may go. A proposal that is not funded goes back to being an idea.
TRANSITIONS = {
    ProjectStatus.IDEA: (ProjectStatus.PROPOSAL,),
    ProjectStatus.PROPOSAL: (ProjectStatus.FUNDED, ProjectStatus.IDEA),
    ProjectStatus.FUNDED: (ProjectStatus.RUNNING,),
    ProjectStatus.RUNNING: (ProjectStatus.COMPLETED,),
    ProjectStatus.COMPLETED: (),
}


def theme_of(call_topic):
    """The call's family ("SC5-10-2016" -> "SC5"), by which the public list groups projects."""
    return Topic(call_topic).programme[:40] if call_topic else ""


@transaction.atomic
def create_project(
    *,
    title,
    partners,
    by=None,
    acronym="",
    call=None,
    call_topic="",
    status=ProjectStatus.IDEA,
    budget=None,
    start_date=None,
    end_date=None,
    is_demo=False,
    source_id="",
    now=None,
):
    """A new project at any status: an idea from the consortium builder, or a project that
    already exists recorded as it stands. `partners` is a list of (organisation, role,
    contribution), exactly one coordinator among them; refused with every wrong value."""
    acronym = (acronym or "").strip()[:40]
    title = (title or "").strip()[:300] or acronym
    errors = _fact_errors(title=title, budget=budget, start=start_date, end=end_date)
    errors |= _partner_errors(partners)
    if status not in ProjectStatus.values:
        errors["status"] = _("This is not a status of a project.")
    if errors:
        raise ValidationError(errors)
    call_topic = (call_topic or "").strip()[:120] or (call.topic_code if call else "")
    # A project recorded past its idea says who put it at that status, and when.
    recorded = status != ProjectStatus.IDEA
    project = Project.objects.create(
        title=title,
        acronym=acronym,
        call=call,
        call_topic=call_topic,
        theme=theme_of(call_topic),
        status=status,
        budget=budget,
        start_date=start_date,
        end_date=end_date,
        is_demo=is_demo,
        source_id=source_id,
        created_by=by,
        status_changed_at=(now or timezone.now()) if recorded else None,
        status_changed_by=by if recorded else None,
        country_count=len({organisation.country_id for organisation, _r, _c in partners}),
    )
    ProjectPartner.objects.bulk_create(
        ProjectPartner(project=project, organisation=o, role=r, contribution=c)
        for o, r, c in partners
    )
    return project


def _partner_errors(partners):
    errors = []
    if sum(role == PartnerRole.COORDINATOR for _o, role, _c in partners) != 1:
        errors.append(_("A project has exactly one coordinator."))
    if len({organisation.pk for organisation, _role, _c in partners}) != len(partners):
        errors.append(_("An organisation is a partner of a project only once."))
    return {"partners": errors} if errors else {}


def _fact_errors(*, title, budget, start, end):
    errors = {}
    if not title:
        errors["title"] = [_("A project needs a title or an acronym.")]
    if budget is not None and budget < 0:
        errors["budget"] = [_("A budget cannot be negative.")]
    if start and end and end < start:
        errors["end_date"] = [_("A project cannot end before it starts.")]
    return errors


EDITABLE = ("title", "acronym", "budget", "start_date", "end_date")


@transaction.atomic
def change_project(*, project, by, partners=None, **values):
    """Change a project's title, acronym, budget, dates and, given `partners` as a list of
    (organisation, role, contribution), its partners. Its status changes only through
    change_status."""
    unknown = set(values) - set(EDITABLE)
    if unknown:
        raise TypeError(f"not editable here: {sorted(unknown)}")
    project = Project.objects.select_for_update().get(pk=project.pk)
    title = values.get("title", project.title)
    acronym = values.get("acronym", project.acronym)
    values["acronym"] = (acronym or "").strip()[:40]
    values["title"] = (title or "").strip()[:300] or values["acronym"]
    errors = _fact_errors(
        title=values["title"],
        budget=values.get("budget"),
        start=values.get("start_date", project.start_date),
        end=values.get("end_date", project.end_date),
    )
    if partners is not None:
        errors |= _partner_errors(partners)
    if errors:
        raise ValidationError(errors)
    for name, value in values.items():
        setattr(project, name, value)
    if partners is not None:
        project.partners.all().delete()
        ProjectPartner.objects.bulk_create(
            ProjectPartner(project=project, organisation=o, role=r, contribution=c)
            for o, r, c in partners
        )
        project.country_count = len({o.country_id for o, _r, _c in partners})
    project.save()
    return project


def coordinator_of(project):
    partner = project.partners.filter(role=PartnerRole.COORDINATOR).select_related("organisation")
    found = partner.first()
    return found.organisation if found else None


@transaction.atomic
def change_status(*, project, to, by, now=None):
    """The only way a project's status changes: allowed transitions only, recorded with who and
    when."""
    project = Project.objects.select_for_update().get(pk=project.pk)
    if to not in TRANSITIONS[ProjectStatus(project.status)]:
        raise ValidationError(
            _("A project cannot go from %(current)s to %(new)s.")
            % {
                "current": ProjectStatus(project.status).label,
                "new": ProjectStatus(to).label,
            },
            code="transition",
        )
    project.status = to
    project.status_changed_at = now or timezone.now()
    project.status_changed_by = by
    project.save(update_fields=["status", "status_changed_at", "status_changed_by", "updated_at"])
    return project


def _project_groups():
    groups = {}
    for project_id, organisation_id in ProjectPartner.objects.values_list(
        "project_id", "organisation_id"
    ):
        groups.setdefault(project_id, set()).add(organisation_id)
    return [groups[key] for key in sorted(groups)]


def _project_version():
    return tuple(ProjectPartner.objects.aggregate(count=Count("pk"), last=Max("pk")).values())


add_cooperation_source(CooperationSource("projects", _project_groups, _project_version))
