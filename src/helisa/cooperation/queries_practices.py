"""Reads of good practices shared by the pages and the API.

filter_practices takes a dict or QueryDict (q, sector, topic, country, cluster) and returns the
published cases; unknown values are ignored.
"""

from django.db.models import Prefetch, Q, TextField
from django.db.models.functions import Cast

from helisa.core.folding import fold_words
from helisa.registry.models import Cluster, Country, Organisation, Role, RoleKind
from helisa.registry.queries import _sectors_under, _topics_under, filter_options

from .models import (
    AdoptionFeedback,
    AttachmentStatus,
    CoAuthorInvitation,
    CoAuthorStatus,
    GoodPractice,
    PracticeAttachment,
    PracticeStatus,
)

FILTER_NAMES = ("q", "sector", "topic", "country", "cluster")


def _value(params, name):
    value = params.get(name) if params else None
    return str(value).strip() if value not in (None, "") else ""


def _with_authors(qs):
    return qs.prefetch_related(
        Prefetch("authors", queryset=Cluster.objects.select_related("organisation"))
    )


def published_practices():
    return _with_authors(GoodPractice.objects.filter(status=PracticeStatus.PUBLISHED))


def filter_practices(params, *, qs=None):
    qs = published_practices() if qs is None else qs
    for word in fold_words(_value(params, "q")):
        qs = qs.filter(search_text__contains=word)
    if sector := _value(params, "sector"):
        through = GoodPractice.sectors.through.objects
        qs = qs.filter(
            pk__in=through.filter(nacesector_id__in=_sectors_under(sector)).values(
                "goodpractice_id"
            )
        )
    if topic := _value(params, "topic"):
        through = GoodPractice.topics.through.objects
        qs = qs.filter(
            pk__in=through.filter(topic_id__in=_topics_under(topic)).values("goodpractice_id")
        )
    if (country := _value(params, "country").upper()) and len(country) == 2:
        # JSON containment is not portable to SQLite; the list's text holds each code quoted.
        qs = qs.alias(_countries=Cast("countries", TextField())).filter(
            _countries__contains=f'"{country}"'
        )
    if (cluster := _value(params, "cluster")).isdigit():
        through = GoodPractice.authors.through.objects
        qs = qs.filter(pk__in=through.filter(cluster_id=int(cluster)).values("goodpractice_id"))
    return qs


def filter_choices(params):
    options = filter_options(params, kind="clusters")
    authors = GoodPractice.authors.through.objects.filter(
        goodpractice__status=PracticeStatus.PUBLISHED
    ).values("cluster_id")
    return {
        "sectors": options["sectors"],
        "topics": options["topics"],
        "countries": list(Country.objects.order_by("name_en").values_list("code", "name_en")),
        "clusters": list(Cluster.objects.filter(pk__in=authors).values_list("pk", "name")),
    }


def practice_for_page(pk):
    """One case with everything its page shows, in a fixed number of queries."""
    return (
        _with_authors(GoodPractice.objects.all())
        .prefetch_related(
            "sectors",
            "topics",
            "attachments",
            Prefetch(
                "adoption_feedback",
                queryset=AdoptionFeedback.objects.select_related("organisation"),
            ),
        )
        .filter(pk=pk)
        .first()
    )


def clusters_managed_by(user):
    """Clusters whose good practices a user may write: owned, managed or edited."""
    if not user.is_authenticated:
        return Cluster.objects.none()
    if user.is_secretariat:
        return Cluster.objects.all()
    held = Role.objects.filter(
        user=user, kind__in=[RoleKind.CLUSTER_MANAGER, RoleKind.CLUSTER_EDITOR]
    ).values("organisation_id")
    return Cluster.objects.filter(Q(organisation__owner=user) | Q(organisation__in=held))


def practices_managed_by(user):
    clusters = clusters_managed_by(user).values("pk")
    through = GoodPractice.authors.through.objects.filter(cluster_id__in=clusters)
    return _with_authors(
        GoodPractice.objects.filter(pk__in=through.values("goodpractice_id")).order_by(
            "-updated_at"
        )
    )


def review_queue():
    return _with_authors(
        GoodPractice.objects.filter(status=PracticeStatus.IN_REVIEW).order_by("submitted_at", "pk")
    )


def attachments_awaiting_review():
    """Files authors added to, or asked to remove from, cases in review or published."""
    return (
        PracticeAttachment.objects.exclude(status=AttachmentStatus.APPROVED)
        .select_related("practice")
        .order_by("created_at", "pk")
    )


def visible_attachments(practice, *, manages):
    """The case's attachments a reader sees: those awaiting approval only for who manages it."""
    return [item for item in practice.attachments.all() if manages or item.is_public]


def _managers(organisations):
    """Active owners and cluster managers of the organisations (a queryset of their pks)."""
    from django.contrib.auth import get_user_model

    managers = Role.objects.filter(
        organisation__in=organisations, kind=RoleKind.CLUSTER_MANAGER
    ).values("user_id")
    owners = Organisation.objects.filter(pk__in=organisations).values("owner_id")
    return (
        get_user_model()
        .objects.filter(Q(pk__in=managers) | Q(pk__in=owners), is_active=True)
        .order_by("pk")
    )


def author_managers(practice):
    """Active users who speak for the authors: owners and cluster managers of each author."""
    return _managers(practice.authors.values("organisation_id"))


def cluster_managers(cluster):
    return _managers(Organisation.objects.filter(pk=cluster.organisation_id).values("pk"))


def clusters_led_by(user):
    """Clusters for which a user may give consent: owned or managed (not merely edited)."""
    if not user.is_authenticated:
        return Cluster.objects.none()
    held = Role.objects.filter(user=user, kind=RoleKind.CLUSTER_MANAGER).values("organisation_id")
    return Cluster.objects.filter(Q(organisation__owner=user) | Q(organisation__in=held))


def coauthor_invitations_for(user, *, practice=None):
    """Invitations awaiting the user's answer, for the clusters they lead."""
    invitations = CoAuthorInvitation.objects.filter(
        status=CoAuthorStatus.PENDING, cluster__in=clusters_led_by(user)
    )
    if practice is not None:
        invitations = invitations.filter(practice=practice)
    return invitations.select_related("practice", "cluster", "invited_by").order_by(
        "created_at", "pk"
    )


def pending_coauthors(practice):
    return practice.coauthor_invitations.filter(status=CoAuthorStatus.PENDING).select_related(
        "cluster"
    )
