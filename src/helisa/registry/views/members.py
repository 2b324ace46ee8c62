"""A cluster manager keeps the list of members. (Owned by the editing work.)"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, path, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from helisa.core.folding import fold
from helisa.registry.forms import AddMemberForm, MembershipStatusForm, NewMemberForm
from helisa.registry.matching import find_similar_organisations
from helisa.registry.models import Cluster, Membership, Organisation
from helisa.registry.services.cluster_profiles import (
    add_new_member,
    remove_member,
    set_membership_status,
)
from helisa.registry.services.clusters import add_member, membership_refusal, validation_report

MEMBERS_PER_PAGE = 50
SUGGESTIONS = 10


def managed_cluster(request, pk):
    cluster = get_object_or_404(Cluster.objects.select_related("organisation"), pk=pk)
    if not request.user.has_perm("registry.add_members", cluster):
        raise PermissionDenied
    return cluster


def suggestions_for(cluster, query):
    """Organisations whose folded names contain the query and that are not yet members."""
    folded = fold(query)
    if len(folded) < 2:
        return []
    return list(
        Organisation.objects.filter(search_text__contains=folded)
        .exclude(pk=cluster.pk)
        .exclude(memberships__cluster=cluster)
        .select_related("country")
        .order_by("legal_name")[:SUGGESTIONS]
    )


def import_url(cluster):
    try:
        url = reverse("registry:import_upload")
    except NoReverseMatch:
        return None
    return f"{url}?{urlencode({'kind': 'memberships', 'cluster': cluster.pk})}"


@login_required
def cluster_members(request, pk):
    cluster = managed_cluster(request, pk)
    query = request.GET.get("q", "").strip()
    new_member_form = NewMemberForm(
        initial={"country": cluster.organisation.country_id}, prefix="new"
    )
    similar = []
    if request.method == "POST":
        response, new_member_form, similar = _change_members(request, cluster)
        if response is not None:
            return response
    memberships = cluster.memberships.select_related("member", "member__country").order_by(
        "member__legal_name"
    )
    page = Paginator(memberships, MEMBERS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "registry/editing/members.html",
        {
            "cluster": cluster,
            "page": page,
            "query": query,
            "suggestions": suggestions_for(cluster, query) if query else [],
            "new_member_form": new_member_form,
            "similar": similar,
            "report": validation_report(cluster),
            "import_url": import_url(cluster),
            "status_choices": MembershipStatusForm.base_fields["status"].choices,
        },
    )


def _change_members(request, cluster):
    """Apply one change; returns (redirect or None, new-member form, similar organisations)."""
    action = request.POST.get("action")
    new_member_form = NewMemberForm(
        initial={"country": cluster.organisation.country_id}, prefix="new"
    )
    back = redirect("registry:cluster_members", pk=cluster.pk)
    if action == "add":
        form = AddMemberForm(request.POST)
        if not form.is_valid():
            messages.error(request, " ".join(form.errors.get("member", [])))
            return back, new_member_form, []
        member = form.cleaned_data["member"]
        refusal = membership_refusal(cluster, member)
        if refusal:
            messages.error(request, refusal)
        else:
            add_member(cluster=cluster, member=member, by=request.user)
            messages.success(request, _("%(name)s is a member now.") % {"name": member})
        return back, new_member_form, []
    if action == "create":
        return _create_member(request, cluster, back)
    if action in ("status", "remove"):
        membership = get_object_or_404(
            Membership.objects.select_related("cluster", "member"),
            pk=request.POST.get("membership"),
            cluster=cluster,
        )
        if action == "remove":
            remove_member(membership=membership, by=request.user)
            messages.success(
                request, _("%(name)s is no longer a member.") % {"name": membership.member}
            )
            return back, new_member_form, []
        form = MembershipStatusForm(request.POST)
        if form.is_valid():
            set_membership_status(
                membership=membership, status=form.cleaned_data["status"], by=request.user
            )
            messages.success(request, _("The membership's status is changed."))
        else:
            messages.error(request, _("Choose a status from the list."))
        return back, new_member_form, []
    messages.error(request, _("Nothing was changed."))
    return back, new_member_form, []


def _create_member(request, cluster, back):
    form = NewMemberForm(request.POST, prefix="new")
    if not form.is_valid():
        return None, form, []
    if not form.cleaned_data["not_a_duplicate"]:
        similar = find_similar_organisations(
            name=form.cleaned_data["legal_name"], country=form.cleaned_data["country"].pk
        )
        if similar:
            return None, form, similar
    try:
        membership = add_new_member(cluster=cluster, by=request.user, **form.organisation_fields())
    except ValidationError as error:
        form.add_error(None, error)
        return None, form, []
    messages.success(request, _("%(name)s is a member now.") % {"name": membership.member})
    return back, form, []


@login_required
def member_suggestions(request, pk):
    cluster = managed_cluster(request, pk)
    return render(
        request,
        "registry/editing/_member_suggestions.html",
        {
            "cluster": cluster,
            "query": request.GET.get("q", "").strip(),
            "suggestions": suggestions_for(cluster, request.GET.get("q", "")),
        },
    )


urlpatterns = [
    path("clusters/<int:pk>/members/", cluster_members, name="cluster_members"),
    path(
        "clusters/<int:pk>/members/suggestions/",
        member_suggestions,
        name="cluster_member_suggestions",
    ),
]
