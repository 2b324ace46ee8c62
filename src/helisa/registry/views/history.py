"""The history of an organisation's record. (Owned by the editing work.)"""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, render
from django.urls import path

from helisa.registry.history_display import describe
from helisa.registry.models import ChangeRecord, Organisation

CHANGES_PER_PAGE = 25


def changes_of(organisation):
    """Changes to the organisation, its cluster profile and its memberships, newest first.

    A membership's change is filed under the cluster; the member sees it too.
    """
    own_memberships = [str(pk) for pk in organisation.memberships.values_list("pk", flat=True)]
    return (
        ChangeRecord.objects.filter(
            Q(organisation=organisation)
            | Q(record_type="membership", record_id__in=own_memberships)
        )
        .select_related("by")
        .order_by("-at", "-id")
    )


@login_required
def record_history(request, pk):
    organisation = get_object_or_404(Organisation, pk=pk)
    if not request.user.has_perm("registry.view_history", organisation):
        raise PermissionDenied
    page = Paginator(changes_of(organisation), CHANGES_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "registry/editing/history.html",
        {"organisation": organisation, "page": page, "entries": describe(page.object_list)},
    )


urlpatterns = [
    path("organisations/<int:pk>/history/", record_history, name="record_history"),
]
