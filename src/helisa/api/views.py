"""The page where a signed-in user keeps their personal API tokens."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from helisa.core.models import ApiToken

from .forms import TokenForm


@login_required
def tokens(request):
    new_token = None
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        _record, new_token = ApiToken.issue(user=request.user, name=form.cleaned_data["name"])
        form = TokenForm()
    # The new token is rendered once, never stored: only its digest is kept.
    return render(
        request,
        "api/tokens.html",
        {"form": form, "tokens": request.user.api_tokens.all(), "new_token": new_token},
    )


@login_required
@require_POST
def revoke_token(request, pk):
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    token.delete()
    messages.success(request, _("The token “%(name)s” was revoked.") % {"name": token.name})
    return redirect("api_tokens")
