"""The organiser's pages of the programme: create and edit a congress, its organisers, rooms,
tracks, registration categories, sessions and speakers; and the hub that links them all."""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from helisa.congress import organise_queries as queries
from helisa.congress import rules as _rules  # noqa: F401  (registers the permissions)
from helisa.congress.forms_programme import (
    AppearanceForm,
    CategoryForm,
    CongressForm,
    OrganiserForm,
    RoomForm,
    SessionForm,
    SpeakerForm,
    TrackForm,
)
from helisa.congress.models import (
    RegistrationCategory,
    Room,
    Session,
    SessionSpeaker,
    Speaker,
    Track,
)
from helisa.congress.queries import congress_by_slug
from helisa.congress.services import programme_admin as services
from helisa.registry.models import Organisation
from helisa.registry.queries import search_organisations

ORGANISATION_MATCHES = 20


def _organised(request, slug):
    congress = congress_by_slug(slug)
    if not request.user.has_perm("congress.organise", congress):
        raise PermissionDenied
    return congress


def _failed(form, error):
    """Put a service's refusal on the fields it names, or above the form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


@login_required
def congress_create(request):
    if not request.user.has_perm("congress.create"):
        raise PermissionDenied
    form = CongressForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            congress = services.create_congress(by=request.user, **form.congress_fields())
        except ValidationError as error:
            _failed(form, error)
        else:
            messages.success(request, _("The congress is created; you are its organiser."))
            return redirect("congress:organise", congress.slug)
    return render(request, "congress/organise/congress_form.html", {"form": form})


@login_required
def hub(request, slug):
    congress = _organised(request, slug)
    return render(
        request,
        "congress/organise/hub.html",
        {
            "congress": congress,
            "counts": {
                "rooms": congress.rooms.count(),
                "tracks": congress.tracks.count(),
                "categories": congress.categories.count(),
                "sessions": congress.sessions.count(),
                "speakers": congress.speakers.count(),
                "organisers": congress.organisers.count(),
            },
        },
    )


@login_required
def congress_edit(request, slug):
    congress = _organised(request, slug)
    form = CongressForm(request.POST or None, congress=congress)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_congress(congress=congress, by=request.user, **form.congress_fields())
        except ValidationError as error:
            _failed(form, error)
        else:
            messages.success(request, _("The congress is saved."))
            return redirect("congress:organise", congress.slug)
    return render(
        request, "congress/organise/congress_form.html", {"form": form, "congress": congress}
    )


@login_required
def organisers(request, slug):
    congress = _organised(request, slug)
    form = OrganiserForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.add_organiser(
                congress=congress, by=request.user, email=form.cleaned_data["email"]
            )
        except ValidationError as error:
            _failed(form, error)
        else:
            messages.success(
                request, _("%(email)s now organises the congress.") % {"email": user.email}
            )
            return redirect("congress:organise_organisers", slug)
    return render(
        request,
        "congress/organise/organisers.html",
        {"congress": congress, "form": form, "organisers": list(queries.organisers_of(congress))},
    )


@login_required
@require_POST
def organiser_remove(request, slug, pk):
    congress = _organised(request, slug)
    user = get_object_or_404(get_user_model(), pk=pk, congresses_organised=congress)
    try:
        services.remove_organiser(congress=congress, by=request.user, user=user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The organiser is removed."))
    if user == request.user and not request.user.has_perm("congress.organise", congress):
        return redirect("congress:detail", slug)
    return redirect("congress:organise_organisers", slug)


@dataclass(frozen=True)
class Kind:
    """Rooms, tracks and registration categories share their list, form and delete pages."""

    name: str
    model: type
    form: type
    items: object
    save: object
    delete: object
    title: str
    add_title: str
    columns: tuple


KINDS = {
    "rooms": Kind(
        "rooms",
        Room,
        RoomForm,
        queries.rooms_of,
        lambda congress, by, item, values: services.save_room(
            congress=congress, by=by, room=item, **values
        ),
        lambda item, by: services.delete_room(room=item, by=by),
        gettext_lazy("Rooms"),
        gettext_lazy("Add a room"),
        (gettext_lazy("Seats"), gettext_lazy("Sessions")),
    ),
    "tracks": Kind(
        "tracks",
        Track,
        TrackForm,
        queries.tracks_of,
        lambda congress, by, item, values: services.save_track(
            congress=congress, by=by, track=item, **values
        ),
        lambda item, by: services.delete_track(track=item, by=by),
        gettext_lazy("Tracks"),
        gettext_lazy("Add a track"),
        (gettext_lazy("Sessions"),),
    ),
    "categories": Kind(
        "categories",
        RegistrationCategory,
        CategoryForm,
        queries.categories_of,
        lambda congress, by, item, values: services.save_category(
            congress=congress, by=by, category=item, **values
        ),
        lambda item, by: services.delete_category(category=item, by=by),
        gettext_lazy("Registration categories"),
        gettext_lazy("Add a category"),
        (gettext_lazy("Kind"), gettext_lazy("Places"), gettext_lazy("Registrations")),
    ),
}


def _save_item(request, congress, kind, item, form):
    try:
        kind.save(congress, request.user, item, form.values())
    except ValidationError as error:
        _failed(form, error)
        return False
    messages.success(request, _("Saved."))
    return True


@login_required
def items(request, slug, kind):
    congress = _organised(request, slug)
    kind = KINDS[kind]
    form = kind.form(request.POST or None)
    saved = (
        request.method == "POST"
        and form.is_valid()
        and _save_item(request, congress, kind, None, form)
    )
    if saved:
        return redirect(f"congress:organise_{kind.name}", slug)
    return render(
        request,
        "congress/organise/items.html",
        {
            "congress": congress,
            "kind": kind,
            "items": list(kind.items(congress)),
            "form": form,
            "edit_url": f"congress:organise_{kind.name}_edit",
            "delete_url": f"congress:organise_{kind.name}_delete",
        },
    )


@login_required
def item_edit(request, slug, kind, pk):
    congress = _organised(request, slug)
    kind = KINDS[kind]
    item = get_object_or_404(kind.model, congress=congress, pk=pk)
    form = kind.form(request.POST or None, instance=item)
    saved = (
        request.method == "POST"
        and form.is_valid()
        and _save_item(request, congress, kind, item, form)
    )
    if saved:
        return redirect(f"congress:organise_{kind.name}", slug)
    return render(
        request,
        "congress/organise/item_form.html",
        {
            "congress": congress,
            "kind": kind,
            "item": item,
            "form": form,
            "delete_url": f"congress:organise_{kind.name}_delete",
        },
    )


@login_required
@require_POST
def item_delete(request, slug, kind, pk):
    congress = _organised(request, slug)
    kind = KINDS[kind]
    item = get_object_or_404(kind.model, congress=congress, pk=pk)
    try:
        kind.delete(item, request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Deleted."))
    return redirect(f"congress:organise_{kind.name}", slug)


@login_required
def sessions(request, slug):
    congress = _organised(request, slug)
    return render(
        request,
        "congress/organise/sessions.html",
        {
            "congress": congress,
            "sessions": list(queries.sessions_of(congress)),
            "zone": congress.time_zone,
        },
    )


def _warn_clashes(request, clashes):
    for clash in clashes:
        messages.warning(
            request,
            _("The room is also booked for “%(title)s” at an overlapping time.") % {"title": clash},
        )


@login_required
def session_edit(request, slug, pk=None):
    congress = _organised(request, slug)
    session = get_object_or_404(Session, congress=congress, pk=pk) if pk else None
    form = SessionForm(
        request.POST or None,
        congress=congress,
        session=session,
        local_times=services.local_times(session) if session else None,
    )
    if request.method == "POST" and form.is_valid():
        try:
            session, clashes = services.save_session(
                congress=congress, by=request.user, session=session, **form.session_fields()
            )
        except ValidationError as error:
            _failed(form, error)
        else:
            messages.success(request, _("The session is saved."))
            _warn_clashes(request, clashes)
            return redirect("congress:organise_session_edit", slug, session.pk)
    return render(
        request,
        "congress/organise/session_form.html",
        {
            "congress": congress,
            "session": session,
            "form": form,
            "appearances": list(queries.appearances_of(session)) if session else [],
            "appearance_form": AppearanceForm(congress=congress) if session else None,
        },
    )


@login_required
@require_POST
def session_delete(request, slug, pk):
    congress = _organised(request, slug)
    session = get_object_or_404(Session, congress=congress, pk=pk)
    services.delete_session(session=session, by=request.user)
    messages.success(request, _("The session is deleted."))
    return redirect("congress:organise_sessions", slug)


@login_required
@require_POST
def appearance_add(request, slug, pk):
    congress = _organised(request, slug)
    session = get_object_or_404(Session, congress=congress, pk=pk)
    form = AppearanceForm(request.POST, congress=congress)
    if form.is_valid():
        try:
            services.add_appearance(session=session, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            _failed(form, error)
    if form.errors:
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
    else:
        messages.success(request, _("The speaker is added to the session."))
    return redirect("congress:organise_session_edit", slug, pk)


@login_required
@require_POST
def appearance_remove(request, slug, pk):
    congress = _organised(request, slug)
    appearance = get_object_or_404(SessionSpeaker, session__congress=congress, pk=pk)
    services.remove_appearance(appearance=appearance, by=request.user)
    messages.success(request, _("The speaker is taken out of the session."))
    return redirect("congress:organise_session_edit", slug, appearance.session_id)


@login_required
def speakers(request, slug):
    congress = _organised(request, slug)
    return render(
        request,
        "congress/organise/speakers.html",
        {"congress": congress, "speakers": list(queries.speakers_of(congress))},
    )


def _organisation_choices(request, speaker):
    """The organisations the select offers: the search's matches and the one already chosen."""
    shown = []
    query = (request.POST.get("organisation_query") or "").strip()
    if query:
        shown = list(
            search_organisations(Organisation.objects.all(), query).order_by("legal_name")[
                :ORGANISATION_MATCHES
            ]
        )
    chosen = request.POST.get("organisation") if request.method == "POST" else None
    chosen = chosen or (speaker.organisation_id if speaker else None)
    if chosen and str(chosen).isdigit() and all(str(o.pk) != str(chosen) for o in shown):
        shown = list(Organisation.objects.filter(pk=chosen)) + shown
    return shown, query


@login_required
def speaker_edit(request, slug, pk=None):
    congress = _organised(request, slug)
    speaker = (
        get_object_or_404(Speaker.objects.select_related("person"), congress=congress, pk=pk)
        if pk
        else None
    )
    organisations, query = _organisation_choices(request, speaker)
    searching = request.method == "POST" and "search" in request.POST
    if searching:
        # Show the matches with everything typed so far, without judging the unfinished form.
        form = SpeakerForm(
            instance=speaker, organisations=organisations, initial=request.POST.dict()
        )
    else:
        form = SpeakerForm(request.POST or None, instance=speaker, organisations=organisations)
    if request.method == "POST" and not searching and form.is_valid():
        try:
            speaker = services.save_speaker(
                congress=congress, by=request.user, speaker=speaker, **form.speaker_fields()
            )
        except ValidationError as error:
            _failed(form, error)
        else:
            messages.success(request, _("The speaker is saved."))
            return redirect("congress:organise_speakers", slug)
    return render(
        request,
        "congress/organise/speaker_form.html",
        {
            "congress": congress,
            "speaker": speaker,
            "form": form,
            "searched": query if searching else "",
            "matches": len(organisations),
        },
    )


@login_required
@require_POST
def speaker_delete(request, slug, pk):
    congress = _organised(request, slug)
    speaker = get_object_or_404(Speaker, congress=congress, pk=pk)
    try:
        services.delete_speaker(speaker=speaker, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("congress:organise_speaker_edit", slug, pk)
    messages.success(request, _("The speaker is deleted."))
    return redirect("congress:organise_speakers", slug)


def _kind_patterns(kind):
    base = f"<slug:slug>/organise/{kind}/"
    return [
        path(base, items, {"kind": kind}, name=f"organise_{kind}"),
        path(f"{base}<int:pk>/", item_edit, {"kind": kind}, name=f"organise_{kind}_edit"),
        path(
            f"{base}<int:pk>/delete/", item_delete, {"kind": kind}, name=f"organise_{kind}_delete"
        ),
    ]


urlpatterns = [
    path("new/", congress_create, name="congress_create"),
    path("<slug:slug>/organise/", hub, name="organise"),
    path("<slug:slug>/organise/congress/", congress_edit, name="congress_edit"),
    path("<slug:slug>/organise/organisers/", organisers, name="organise_organisers"),
    path(
        "<slug:slug>/organise/organisers/<int:pk>/remove/",
        organiser_remove,
        name="organise_organiser_remove",
    ),
    *_kind_patterns("rooms"),
    *_kind_patterns("tracks"),
    *_kind_patterns("categories"),
    path("<slug:slug>/organise/sessions/", sessions, name="organise_sessions"),
    path("<slug:slug>/organise/sessions/new/", session_edit, name="organise_session_add"),
    path("<slug:slug>/organise/sessions/<int:pk>/", session_edit, name="organise_session_edit"),
    path(
        "<slug:slug>/organise/sessions/<int:pk>/delete/",
        session_delete,
        name="organise_session_delete",
    ),
    path(
        "<slug:slug>/organise/sessions/<int:pk>/speakers/",
        appearance_add,
        name="organise_appearance_add",
    ),
    path(
        "<slug:slug>/organise/appearances/<int:pk>/remove/",
        appearance_remove,
        name="organise_appearance_remove",
    ),
    path("<slug:slug>/organise/speakers/", speakers, name="organise_speakers"),
    path("<slug:slug>/organise/speakers/new/", speaker_edit, name="organise_speaker_add"),
    path("<slug:slug>/organise/speakers/<int:pk>/", speaker_edit, name="organise_speaker_edit"),
    path(
        "<slug:slug>/organise/speakers/<int:pk>/delete/",
        speaker_delete,
        name="organise_speaker_delete",
    ),
]
