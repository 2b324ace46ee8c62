"""Calendar files (iCalendar) of the whole programme and of each person's agenda."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils.translation import gettext as _

from helisa.congress import queries
from helisa.congress.ical import calendar, feed_token_matches
from helisa.core.models import User
from helisa.core.translated import in_language


def _ics(text, filename):
    response = HttpResponse(text, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def programme_ical(request, slug):
    congress = queries.congress_by_slug(slug)
    language = request.LANGUAGE_CODE
    text = calendar(
        congress=congress,
        sessions=queries.sessions_of(congress),
        name=in_language(congress.name, language).text,
        language=language,
    )
    return _ics(text, f"{congress.slug}.ics")


def _agenda(congress, user):
    name = in_language(congress.name, user.language).text
    return calendar(
        congress=congress,
        sessions=queries.agenda_of(user, congress),
        name=_("%(congress)s: my agenda") % {"congress": name},
        language=user.language,
    )


@login_required
def agenda_ical(request, slug):
    congress = queries.congress_by_slug(slug)
    return _ics(_agenda(congress, request.user), f"{congress.slug}-my-agenda.ics")


def agenda_feed(request, slug, user, token):
    """The agenda for calendar applications, which cannot sign in: the URL holds a secret."""
    congress = queries.congress_by_slug(slug)
    user = get_object_or_404(User, pk=user, is_active=True)
    if not feed_token_matches(user, token):
        raise Http404
    return _ics(_agenda(congress, user), f"{congress.slug}-my-agenda.ics")


urlpatterns = [
    path("<slug:slug>/programme.ics", programme_ical, name="programme_ical"),
    path("<slug:slug>/my-agenda.ics", agenda_ical, name="agenda_ical"),
    path("<slug:slug>/agenda/<int:user>/<str:token>.ics", agenda_feed, name="agenda_feed"),
]
