"""Saved searches, notification preferences and the one-click unsubscribe."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from helisa.cooperation.forms import PreferencesForm, SavedSearchForm
from helisa.cooperation.models import SavedSearch
from helisa.cooperation.notification_kinds import KINDS
from helisa.cooperation.services import digests
from helisa.cooperation.services import notifications as preferences


@login_required
def saved_searches(request):
    searches = [
        (search, reverse("cooperation:list") + "?" + urlencode(search.params))
        for search in SavedSearch.objects.filter(user=request.user)
    ]
    return render(request, "cooperation/saved_searches.html", {"searches": searches})


@require_POST
@login_required
def saved_search_create(request):
    form = SavedSearchForm(request.POST)
    if form.is_valid():
        try:
            digests.save_search(
                user=request.user, name=form.cleaned_data["name"], params=request.POST
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Search saved: new matches will be emailed to you."))
            return redirect("cooperation:saved_searches")
    else:
        messages.error(request, _("Give the search a name."))
    return redirect("cooperation:list")


@require_POST
@login_required
def saved_search_delete(request, pk):
    search = get_object_or_404(SavedSearch, pk=pk, user=request.user)
    digests.delete_search(search=search, user=request.user)
    messages.success(request, _("The saved search is deleted."))
    return redirect("cooperation:saved_searches")


@login_required
def preferences_page(request):
    form = PreferencesForm(request.POST or None, current=preferences.current_choices(request.user))
    if request.method == "POST" and form.is_valid():
        preferences.set_preferences(user=request.user, choices=form.cleaned_data)
        messages.success(request, _("Your notification preferences are saved."))
        return redirect("cooperation:preferences")
    return render(request, "cooperation/preferences.html", {"form": form})


# Mail clients post here with no cookie and no CSRF token (RFC 8058 one-click unsubscribe);
# the signed token is the authorisation, and the only effect is stopping emails. A GET only asks:
# link checkers and mail scanners open links, and must not stop anyone's emails.
@csrf_exempt
def unsubscribe(request, token):
    found = preferences.read_unsubscribe_token(token)
    if found is None:
        raise Http404
    preference, kind = found
    context = {"kind": KINDS[kind], "token": token}
    if request.method != "POST":
        return render(request, "cooperation/unsubscribe_confirm.html", context)
    if request.POST.get("undo") == "1":
        preferences.set_preferences(user=preference.user, choices={kind: True})
        return render(request, "cooperation/unsubscribed.html", context | {"resubscribed": True})
    preferences.unsubscribe(preference=preference, kind=kind)
    if request.POST.get("List-Unsubscribe") == "One-Click":
        return HttpResponse(status=204)
    return render(request, "cooperation/unsubscribed.html", context | {"resubscribed": False})


urlpatterns = [
    path("searches/", saved_searches, name="saved_searches"),
    path("searches/new/", saved_search_create, name="saved_search_create"),
    path("searches/<int:pk>/delete/", saved_search_delete, name="saved_search_delete"),
    path("notifications/", preferences_page, name="preferences"),
    path("unsubscribe/<str:token>/", unsubscribe, name="unsubscribe"),
]
