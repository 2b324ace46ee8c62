"""Creating and changing calls: a new call starts from its programme's ready rules."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _

from ..forms_calls import CallForm
from ..models import Call, ProgrammeKind
from ..services import calls as services


def _kinds(user):
    return [kind for kind in ProgrammeKind if user.has_perm("cooperation.add_call", kind)]


def _save(request, form, save, template_context):
    if form.is_valid():
        try:
            call = save(form.values())
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("The call has been saved."))
            return redirect(call)
    return render(
        request, "cooperation/consortia/call_form.html", {"form": form, **template_context}
    )


@login_required
def call_create(request):
    kinds = _kinds(request.user)
    if not kinds:
        raise PermissionDenied
    kind = request.POST.get("kind") or request.GET.get("kind") or kinds[0].value
    if kind not in {k.value for k in kinds}:
        raise PermissionDenied
    form = CallForm(
        request.POST or None, kinds=kinds, initial_values={"kind": kind, **services.preset(kind)}
    )
    context = {"kinds": kinds, "chosen": kind, "call": None, "title": _("New call")}
    if request.method != "POST":
        return render(request, "cooperation/consortia/call_form.html", {"form": form, **context})

    def save(values):
        return services.create_call(by=request.user, **values)

    return _save(request, form, save, context)


@login_required
def call_edit(request, pk):
    call = get_object_or_404(Call, pk=pk)
    if not request.user.has_perm("cooperation.change_call", call):
        raise PermissionDenied
    kinds = _kinds(request.user)
    if ProgrammeKind(call.kind) not in kinds:
        kinds.append(ProgrammeKind(call.kind))
    current = {
        name: getattr(call, name) for name in (*services.RULE_FIELDS, *services.OTHER_FIELDS)
    }
    form = CallForm(
        request.POST or None, kinds=kinds, initial_values={"kind": call.kind, **current}
    )
    context = {"kinds": (), "chosen": call.kind, "call": call, "title": _("Change the call")}
    if request.method != "POST":
        return render(request, "cooperation/consortia/call_form.html", {"form": form, **context})

    def save(values):
        return services.change_call(call=call, by=request.user, **values)

    return _save(request, form, save, context)


urlpatterns = [
    path("calls/new/", call_create, name="call_create"),
    path("calls/<int:pk>/edit/", call_edit, name="call_edit"),
]
