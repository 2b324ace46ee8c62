"""International projects: the public list of cross-border projects, a project's page, its
status changes by the coordinator's representatives, and recording a project that exists."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from helisa.core.paging import paginate

from ..forms_projects import ROWS, NewProjectForm, ProjectForm, rows_wanted
from ..models import Project, ProjectStatus
from ..queries import organisations_represented_by
from ..queries_projects import (
    PROJECT_FILTERS,
    my_projects,
    open_calls,
    project_filter_choices,
    project_with_partners,
    public_projects,
)
from ..services.projects import TRANSITIONS, change_project, change_status, create_project


def project_list(request):
    context = {
        "page": paginate(public_projects(request.GET), request.GET.get("page")),
        "options": project_filter_choices(),
        "current": {name: request.GET.get(name, "") for name in PROJECT_FILTERS},
    }
    return render(request, "cooperation/projects/list.html", context)


def _project(request, pk):
    try:
        project = project_with_partners(pk)
    except Project.DoesNotExist:
        raise Http404 from None
    if not request.user.has_perm("cooperation.view_project", project):
        raise Http404
    return project


def project_detail(request, pk):
    project = _project(request, pk)
    can_change = request.user.has_perm("cooperation.change_project", project)
    next_statuses = [ProjectStatus(s) for s in TRANSITIONS[ProjectStatus(project.status)]]
    context = {
        "project": project,
        "partners": list(project.partners.all()),
        "can_change": can_change,
        "next_statuses": next_statuses if can_change else [],
    }
    return render(request, "cooperation/projects/detail.html", context)


@login_required
@require_POST
def project_status(request, pk):
    project = _project(request, pk)
    if not request.user.has_perm("cooperation.change_project", project):
        raise PermissionDenied
    try:
        change_status(project=project, to=request.POST.get("status", ""), by=request.user)
    except (ValidationError, ValueError) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    else:
        messages.success(request, _("The project's status has been changed."))
    return redirect(project)


@login_required
def my_project_list(request):
    projects = my_projects(request.user).select_related("call")
    page = paginate(projects, request.GET.get("page"))
    return render(request, "cooperation/projects/mine.html", {"page": page})


@login_required
def project_edit(request, pk):
    project = _project(request, pk)
    if not request.user.has_perm("cooperation.change_project", project):
        raise PermissionDenied
    form = ProjectForm(request.POST or None, project=project)
    if request.method == "POST" and form.is_valid():
        try:
            change_project(project=project, by=request.user, **form.values())
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("The project has been saved."))
            return redirect(project)
    return render(request, "cooperation/projects/edit.html", {"project": project, "form": form})


def _new_project_form(request, organisations):
    kwargs = {"organisations": organisations, "calls": open_calls(request.user)}
    if request.method != "POST":
        return NewProjectForm(rows=ROWS, **kwargs)
    rows = rows_wanted(request.POST)
    if "more" in request.POST:  # more rows for partners: what was typed, nothing checked yet
        return NewProjectForm(initial=request.POST.dict(), rows=rows, **kwargs)
    return NewProjectForm(request.POST, rows=rows, **kwargs)


@login_required
def project_new(request):
    organisations = organisations_represented_by(request.user)
    if not organisations.exists():
        return render(request, "cooperation/projects/new.html", {"form": None}, status=403)
    form = _new_project_form(request, organisations)
    if form.is_bound and form.is_valid():
        values = form.values()
        own = values["partners"][0][0]
        if not request.user.has_perm("cooperation.add_project", own):
            raise PermissionDenied
        try:
            project = create_project(by=request.user, **values)
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("The project has been recorded."))
            return redirect(project)
    return render(request, "cooperation/projects/new.html", {"form": form})


urlpatterns = [
    path("projects/", project_list, name="projects"),
    path("projects/mine/", my_project_list, name="my_projects"),
    path("projects/new/", project_new, name="project_new"),
    path("projects/<int:pk>/edit/", project_edit, name="project_edit"),
    path("projects/<int:pk>/", project_detail, name="project"),
    path("projects/<int:pk>/status/", project_status, name="project_status"),
]
