"""The secretariat's activity log: membership changes and declaration events, merged.

Both kinds of event are read through one UNION of (kind, id, time), newest first, so a page
costs the same few queries however long the log is: the union's slice, then each kind's events
on the page with what they show.
"""

from dataclasses import dataclass

from django.db.models import CharField, Q, Value

from helisa.alliance.models import MembershipEvent
from helisa.alliance.models.declarations import DeclarationEvent

MEMBERSHIP, DECLARATION = "membership", "declaration"


@dataclass(frozen=True)
class Entry:
    kind: str  # MEMBERSHIP or DECLARATION
    event: object

    @property
    def at(self):
        return self.event.at


def membership_events(alliance):
    return MembershipEvent.objects.filter(member__alliance=alliance)


def declaration_events(alliance):
    """Events of the alliance's declarations, and the signing authorities of organisations that
    are (or were) in the alliance."""
    return DeclarationEvent.objects.filter(
        Q(version__declaration__alliance=alliance)
        | Q(version=None, organisation__cluster__alliance_memberships__alliance=alliance)
    )


class ActivityFeed:
    """Sliced and counted like a queryset (what core.paging.paginate and the API's pages use),
    so it pages like any list."""

    def __init__(self, alliance):
        self.alliance = alliance

    def _union(self):
        tagged = (
            (MEMBERSHIP, membership_events(self.alliance)),
            (DECLARATION, declaration_events(self.alliance)),
        )
        first, *rest = (
            events.order_by()
            .annotate(source=Value(kind, output_field=CharField()))
            .values_list("source", "pk", "at")
            for kind, events in tagged
        )
        return first.union(*rest, all=True).order_by("-at", "-pk")

    def order_by(self, *fields):
        return self

    def values(self, *fields):
        """The bare union, for counting (a page beyond the first counts the whole log)."""
        return self._union().order_by()

    def count(self):
        return membership_events(self.alliance).count() + declaration_events(self.alliance).count()

    def __len__(self):
        return self.count()

    def __getitem__(self, window):
        if not isinstance(window, slice):
            return self[window : window + 1][0]
        rows = list(self._union()[window])
        ids = {
            kind: [pk for source, pk, _at in rows if source == kind]
            for kind in (MEMBERSHIP, DECLARATION)
        }
        loaded = {
            MEMBERSHIP: MembershipEvent.objects.filter(pk__in=ids[MEMBERSHIP])
            .select_related("member__cluster", "by")
            .in_bulk()
            if ids[MEMBERSHIP]
            else {},
            DECLARATION: DeclarationEvent.objects.filter(pk__in=ids[DECLARATION])
            .select_related("version__declaration__alliance", "organisation", "by")
            .in_bulk()
            if ids[DECLARATION]
            else {},
        }
        return [Entry(kind=source, event=loaded[source][pk]) for source, pk, _at in rows]


def activity_of(alliance):
    return ActivityFeed(alliance)
