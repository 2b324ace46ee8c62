"""Files of good practices: served to who may see them, attached and removed by the authors, and
the secretariat's decisions on the changes that await it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from helisa.cooperation.forms_practices import AttachmentForm
from helisa.cooperation.models import AttachmentStatus, PracticeAttachment
from helisa.cooperation.services import practice_attachments as services

from .practices import practice_for
from .redirects import safe_next

_ATTACHED = {
    AttachmentStatus.APPROVED: gettext_lazy("The file is attached."),
    AttachmentStatus.PENDING: gettext_lazy(
        "The file is attached; readers will see it once the secretariat approves it."
    ),
}


def attachment(request, pk):
    item = get_object_or_404(PracticeAttachment.objects.select_related("practice"), pk=pk)
    user = request.user
    if not user.has_perm("cooperation.view_practice", item.practice) or not (
        item.is_public or user.has_perm("cooperation.manage_practice", item.practice)
    ):
        raise Http404
    response = FileResponse(
        item.file.open("rb"),
        content_type=item.content_type,
        as_attachment=False,
        filename=item.name if "." in item.name else item.file.name.rsplit("/", 1)[-1],
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_POST
@login_required
def attachment_add(request, pk):
    practice = practice_for(request, pk, "cooperation.manage_practice")
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            item = services.add_attachment(
                practice=practice,
                file=form.cleaned_data["file"],
                name=form.cleaned_data["name"],
                by=request.user,
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _ATTACHED[item.status])
    else:
        messages.error(request, _("Choose a file to attach."))
    return redirect(practice)


def _attachment_for(request, pk, permission):
    item = get_object_or_404(PracticeAttachment.objects.select_related("practice"), pk=pk)
    if not request.user.has_perm(permission, item.practice):
        raise PermissionDenied
    return item


@require_POST
@login_required
def attachment_delete(request, pk):
    item = _attachment_for(request, pk, "cooperation.manage_practice")
    if services.delete_attachment(attachment=item, by=request.user) is None:
        messages.success(request, _("The attachment is removed."))
    else:
        messages.success(
            request, _("The secretariat is asked to remove the attachment; it stays until then.")
        )
    return redirect(item.practice)


@require_POST
@login_required
def attachment_review(request, pk):
    item = _attachment_for(request, pk, "cooperation.moderate_practice")
    try:
        services.review_attachment(
            attachment=item, by=request.user, approve=request.POST.get("approve") == "1"
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Done: the authors have been told."))
    return redirect(safe_next(request, item.practice.get_absolute_url()))


urlpatterns = [
    path("practices/<int:pk>/attachments/", attachment_add, name="practice_attachment_add"),
    path("practices/attachments/<int:pk>/", attachment, name="practice_attachment"),
    path(
        "practices/attachments/<int:pk>/delete/",
        attachment_delete,
        name="practice_attachment_delete",
    ),
    path(
        "practices/attachments/<int:pk>/review/",
        attachment_review,
        name="practice_attachment_review",
    ),
]
