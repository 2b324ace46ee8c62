"""Reads of calls and projects shared by pages, the API and the congress programme."""

from django.db.models import Q

from helisa.registry.models import Country

from .models import PUBLIC_STATUSES, Call, Project, ProjectStatus

PROJECT_FILTERS = ("q", "country", "theme", "status")


def public_projects(params=None):
    """Cross-border projects (partners from two countries or more) anyone may see, filtered by
    a partner's country, the theme (the call's family), the status and a text."""
    params = params or {}
    projects = Project.objects.filter(status__in=PUBLIC_STATUSES, country_count__gte=2)
    if q := (params.get("q") or "").strip():
        projects = projects.filter(
            Q(acronym__icontains=q) | Q(title__icontains=q) | Q(call_topic__icontains=q)
        )
    if country := (params.get("country") or "").strip().upper():
        projects = projects.filter(partners__organisation__country_id=country).distinct()
    if theme := (params.get("theme") or "").strip():
        projects = projects.filter(theme__iexact=theme)
    if (status := params.get("status")) in PUBLIC_STATUSES:
        projects = projects.filter(status=status)
    return projects.order_by("acronym", "pk")


def my_projects(user):
    """Projects of the organisations a user acts for, and those the user created, of any status."""
    if not user.is_authenticated:
        return Project.objects.none()
    from .queries import organisations_represented_by

    mine = organisations_represented_by(user).values("pk")
    return (
        Project.objects.filter(Q(partners__organisation__in=mine) | Q(created_by=user))
        .distinct()
        .order_by("-updated_at", "pk")
    )


def project_filter_choices():
    public = Project.objects.filter(status__in=PUBLIC_STATUSES, country_count__gte=2)
    codes = public.values_list("partners__organisation__country_id", flat=True).distinct()
    return {
        "countries": sorted(
            ((c.code, c.name) for c in Country.objects.filter(code__in=codes)),
            key=lambda pair: pair[1],
        ),
        "themes": sorted(set(public.exclude(theme="").values_list("theme", flat=True))),
        "statuses": [(s.value, s.label) for s in ProjectStatus if s in PUBLIC_STATUSES],
    }


def project_with_partners(pk):
    return (
        Project.objects.select_related("call")
        .prefetch_related("partners__organisation__country")
        .get(pk=pk)
    )


def open_calls(user=None):
    """The calls listed for everyone, and the custom calls of the user's own."""
    calls = Call.objects.all()
    if user is None or not user.is_authenticated:
        calls = calls.filter(is_public=True)
    elif not user.is_secretariat:
        calls = calls.filter(Q(is_public=True) | Q(created_by=user))
    return calls.order_by("deadline", "pk")
