"""Saved searches and their digest emails of new matching profiles."""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from helisa.cooperation import notification_kinds as kinds
from helisa.cooperation.models import SavedSearch
from helisa.cooperation.queries import clean_params, filter_profiles

from .notifications import absolute_url, notify

DIGEST_LIMIT = 50


def save_search(*, user, name, params):
    params = clean_params(params)
    if not params:
        raise ValidationError(_("Choose at least one filter before saving the search."))
    return SavedSearch.objects.create(
        user=user, name=(name or "").strip()[:100] or _("My search"), params=params
    )


def delete_search(*, search, user):
    SavedSearch.objects.filter(pk=search.pk, user=user).delete()


def _new(search, now):
    since = search.last_sent_at or search.created_at
    return filter_profiles(search.params, today=timezone.localdate(now)).filter(
        published_at__gt=since, published_at__lte=now
    )


def new_matches(search, *, now):
    """Profiles first published after the last digest (or the saving) up to now, the first
    DIGEST_LIMIT of them."""
    return list(_new(search, now).order_by("published_at", "pk")[:DIGEST_LIMIT])


def search_url(search):
    return absolute_url("cooperation:list") + "?" + urlencode(search.params, doseq=True)


def send_saved_search_digests(now=None):
    """One email per person listing each saved search's new matches. Returns emails sent."""
    now = now or timezone.now()
    searches = SavedSearch.objects.select_related("user").order_by("user_id", "name")
    by_user = {}
    for search in searches:
        by_user.setdefault(search.user, []).append(search)
    sent = 0
    for user, user_searches in by_user.items():
        sections = []
        for search in user_searches:
            matches = new_matches(search, now=now)
            if matches:
                more = (
                    _new(search, now).count() - len(matches) if len(matches) == DIGEST_LIMIT else 0
                )
                sections.append(
                    {
                        "search": search,
                        "more": more,
                        "search_url": search_url(search),
                        "profiles": [
                            (profile, absolute_url("cooperation:profile", profile.pk))
                            for profile in matches
                        ],
                    }
                )
        if sections:
            sent += notify(
                user=user,
                kind=kinds.SAVED_SEARCH_DIGEST,
                template="digest",
                context={"sections": sections, "list_url": absolute_url("cooperation:list")},
            )
        # Moved on even when the person stopped digests, so switching them back on does not
        # send everything published meanwhile.
        SavedSearch.objects.filter(pk__in=[search.pk for search in user_searches]).update(
            last_sent_at=now
        )
    return sent
