"""The library of good practices: list, case page, writing, moderation, adoption and feedback."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from helisa.cooperation import queries_practices as queries
from helisa.cooperation.forms_practices import (
    AdoptForm,
    AttachmentForm,
    FeedbackForm,
    PracticeForm,
    ReturnForm,
)
from helisa.cooperation.models import CoAuthorInvitation, GoodPractice, PracticeStatus
from helisa.cooperation.queries import organisations_represented_by
from helisa.cooperation.services import practice_coauthors as coauthors
from helisa.cooperation.services import practices as services
from helisa.core.paging import paginate

from .redirects import safe_next


def practice_list(request):
    context = {
        "page": paginate(queries.filter_practices(request.GET), request.GET.get("page")),
        "options": queries.filter_choices(request.GET),
        "current": {name: request.GET.get(name, "") for name in queries.FILTER_NAMES},
    }
    return render(request, "cooperation/practices/list.html", context)


def _visible_practice(request, pk):
    practice = queries.practice_for_page(pk)
    if practice is None or not request.user.has_perm("cooperation.view_practice", practice):
        raise Http404
    return practice


def _responders(practice, user, answered):
    """Organisations the user speaks for that may still answer the case this way."""
    authors = [cluster.organisation_id for cluster in practice.authors.all()]
    return organisations_represented_by(user).exclude(pk__in=authors).exclude(pk__in=answered)


def practice_detail(request, pk):
    practice = _visible_practice(request, pk)
    user = request.user
    can_manage = user.has_perm("cooperation.manage_practice", practice)
    context = {
        "practice": practice,
        "attachments": queries.visible_attachments(practice, manages=can_manage),
        "can_manage": can_manage,
        "can_change": user.has_perm("cooperation.change_practice", practice),
        "can_submit": user.has_perm("cooperation.submit_practice", practice),
        "can_moderate": user.has_perm("cooperation.moderate_practice", practice),
    }
    if practice.status == PracticeStatus.PUBLISHED and user.is_authenticated:
        adopt = _responders(practice, user, practice.adoption_interests.values("organisation_id"))
        if adopt.exists():
            context["adopt_form"] = AdoptForm(organisations=adopt)
        feedback = _responders(practice, user, practice.adoption_feedback.values("organisation_id"))
        if feedback.exists():
            context["feedback_form"] = FeedbackForm(organisations=feedback)
    if context["can_manage"]:
        context["attachment_form"] = AttachmentForm()
        context["interests"] = list(practice.adoption_interests.select_related("organisation"))
    if context["can_moderate"]:
        context["return_form"] = ReturnForm()
    if can_manage:
        context["pending_coauthors"] = list(queries.pending_coauthors(practice))
    context["invitations"] = list(queries.coauthor_invitations_for(user, practice=practice))
    return render(request, "cooperation/practices/detail.html", context)


@login_required
def practice_create(request):
    managed = queries.clusters_managed_by(request.user)
    if not managed.exists():
        raise PermissionDenied
    form = PracticeForm(request.POST or None, initial={"authors": list(managed[:1])})
    if request.method == "POST" and form.is_valid():
        try:
            practice = services.create_practice(by=request.user, **form.values())
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request, _("The good practice is saved as a draft. Send it for review when ready.")
            )
            return redirect(practice)
    return render(
        request,
        "cooperation/practices/form.html",
        {"form": form, "title": _("New good practice")},
    )


def practice_for(request, pk, permission):
    practice = get_object_or_404(GoodPractice, pk=pk)
    if not request.user.has_perm(permission, practice):
        raise PermissionDenied
    return practice


@login_required
def practice_edit(request, pk):
    practice = practice_for(request, pk, "cooperation.change_practice")
    form = PracticeForm(request.POST or None, practice=practice)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_practice(practice=practice, by=request.user, **form.values())
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The good practice is saved."))
            return redirect(practice)
    return render(
        request,
        "cooperation/practices/form.html",
        {"form": form, "practice": practice, "title": _("Change the good practice")},
    )


def _transition(request, practice, action, done, **kwargs):
    try:
        services.transition(practice=practice, action=action, by=request.user, **kwargs)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, done)


@require_POST
@login_required
def practice_submit(request, pk):
    practice = practice_for(request, pk, "cooperation.manage_practice")
    _transition(
        request, practice, "submit", _("Sent for review: the secretariat will publish it or reply.")
    )
    return redirect(practice)


@require_POST
@login_required
def practice_publish(request, pk):
    practice = practice_for(request, pk, "cooperation.moderate_practice")
    _transition(request, practice, "publish", _("The good practice is published."))
    return redirect(safe_next(request, practice.get_absolute_url()))


@require_POST
@login_required
def practice_return(request, pk):
    practice = practice_for(request, pk, "cooperation.moderate_practice")
    form = ReturnForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Tell the authors why."))
        return redirect(practice)
    action = "reject" if "reject" in request.POST else "return"
    done = _("Rejected.") if action == "reject" else _("Sent back to the authors.")
    _transition(request, practice, action, done, reason=form.cleaned_data["reason"])
    return redirect(safe_next(request, practice.get_absolute_url()))


@login_required
def review_queue(request):
    if not request.user.has_perm("cooperation.moderate_practice"):
        raise PermissionDenied
    return render(
        request,
        "cooperation/practices/queue.html",
        {
            "practices": list(queries.review_queue()),
            "attachments": list(queries.attachments_awaiting_review()),
            "return_form": ReturnForm(),
        },
    )


@login_required
def my_practices(request):
    context = {
        "practices": list(queries.practices_managed_by(request.user)),
        "invitations": list(queries.coauthor_invitations_for(request.user)),
    }
    return render(request, "cooperation/practices/mine.html", context)


@require_POST
@login_required
def coauthor_answer(request, pk):
    invitation = get_object_or_404(CoAuthorInvitation.objects.select_related("cluster"), pk=pk)
    if not request.user.has_perm("cooperation.answer_coauthor_invitation", invitation):
        raise PermissionDenied
    accept = request.POST.get("accept") == "1"
    try:
        coauthors.answer_invitation(invitation=invitation, by=request.user, accept=accept)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("cooperation:my_practices")
    if accept:
        messages.success(request, _("Your cluster is now among the authors."))
        return redirect("cooperation:practice", invitation.practice_id)
    messages.success(request, _("Declined: the case does not name your cluster."))
    return redirect("cooperation:my_practices")


# Adoption


def _respond(request, pk, form_class, action, done):
    practice = _visible_practice(request, pk)
    form = form_class(request.POST, organisations=organisations_represented_by(request.user))
    if not form.is_valid():
        messages.error(request, _("Choose your organisation and write a few words."))
        return redirect(practice)
    try:
        action(practice=practice, by=request.user, **form.cleaned_data)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, done)
    return redirect(practice)


@require_POST
@login_required
def adopt(request, pk):
    return _respond(
        request,
        pk,
        AdoptForm,
        services.want_to_adopt,
        _("The authors have been told and will write back to you."),
    )


@require_POST
@login_required
def feedback(request, pk):
    return _respond(
        request, pk, FeedbackForm, services.give_feedback, _("Thank you: your feedback is shown.")
    )


urlpatterns = [
    path("practices/", practice_list, name="practices"),
    path("practices/new/", practice_create, name="practice_create"),
    path("practices/mine/", my_practices, name="my_practices"),
    path("practices/review/", review_queue, name="practice_queue"),
    path("practices/<int:pk>/", practice_detail, name="practice"),
    path("practices/invitations/<int:pk>/", coauthor_answer, name="practice_coauthor_answer"),
    path("practices/<int:pk>/edit/", practice_edit, name="practice_edit"),
    path("practices/<int:pk>/submit/", practice_submit, name="practice_submit"),
    path("practices/<int:pk>/publish/", practice_publish, name="practice_publish"),
    path("practices/<int:pk>/return/", practice_return, name="practice_return"),
    path("practices/<int:pk>/adopt/", adopt, name="practice_adopt"),
    path("practices/<int:pk>/feedback/", feedback, name="practice_feedback"),
]
