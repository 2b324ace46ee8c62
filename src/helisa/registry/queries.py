"""Reads shared by the directory pages, the API and the exports.

Filters take a dict or QueryDict (q, country, region, helix_role, sector, topic, validated, kind)
and return a queryset; unknown or empty values are ignored, so a hand-written URL never fails.
Related filters go through `pk IN (subquery)` rather than joins, so no DISTINCT is needed and
the database can start from whichever index is most selective. Region, sector and topic codes are
read first and passed as lists: both planners estimate a list of values from their statistics,
where a `LIKE 'FR10%'` subquery looks like a single row to PostgreSQL.
"""

from django.core.cache import cache
from django.db import connections
from django.db.models import BigIntegerField, BooleanField, Count, F, Func, Q, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Concat
from django.utils.text import Truncator
from django.utils.translation import get_language

from helisa.core.countries import country_name
from helisa.core.folding import fold_words
from helisa.core.paging import paginate
from helisa.core.translated import in_language
from helisa.registry.control import control_of
from helisa.registry.models import (
    Cluster,
    ClusterKind,
    HelixRole,
    MembershipStatus,
    NaceSector,
    NutsRegion,
    Organisation,
    Topic,
    TopicScheme,
)

OPTIONS_CACHE_SECONDS = 300
MEMBERS_PER_PAGE = 50
SECTOR_LABEL_CHARS = 70
# Above this many matches, a search walks the name index instead of sorting the matches.
COMMON_WORD_HITS = 1000
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


def directory_overview():
    return {
        "organisations": Organisation.objects.count(),
        "clusters": Cluster.objects.count(),
        "validated_clusters": Cluster.objects.filter(is_validated=True).count(),
        "countries": Organisation.objects.values("country").distinct().count(),
        "clusters_by_country": list(
            Cluster.objects.values("organisation__country")
            .annotate(count=Count("pk"))
            .order_by("-count")
        ),
    }


# Search


def _tsquery(words):
    # Folded words are [a-z0-9]+ only, so they need no quoting beyond what is written here.
    return " & ".join(f"{word}:*" for word in words)


def _matching_organisation_ids(words, using):
    """A subquery of the ids of organisations whose search_text has every word as a prefix."""
    if connections[using].vendor == "postgresql":
        return RawSQL(
            "SELECT id FROM registry_organisation WHERE search_vector @@ to_tsquery('simple', %s)",
            [_tsquery(words)],
        )
    return RawSQL(
        "SELECT rowid FROM registry_organisation_fts WHERE registry_organisation_fts MATCH %s",
        [" ".join(f'"{word}"*' for word in words)],
    )


class _SearchVectorMatches(Func):
    """search_vector @@ query, on the organisation row of the query (PostgreSQL only).

    search_vector is not a model field, so it is named next to the alias of search_text, which
    Django resolves and relabels when the queryset becomes a subquery.
    """

    output_field = BooleanField()

    def __init__(self, tsquery):
        super().__init__(F("search_text"), Value(tsquery))

    def as_sql(self, compiler, connection, **extra_context):
        column, tsquery = self.get_source_expressions()
        sql, params = compiler.compile(tsquery)
        alias = compiler.quote_name_unless_alias(column.alias)
        return f"{alias}.search_vector @@ to_tsquery('simple', {sql})", params


class _NotIndexed(Func):
    """The column behind a unary plus, which SQLite will not look up through an index."""

    template = "(+%(expressions)s)"
    output_field = BigIntegerField()


def search_organisations(qs, text):
    """Organisations (or clusters: their pk is the organisation's) matching every word of text.

    On SQLite, a word that many organisations share ("hydrogen") is answered fastest by walking
    the name index and keeping the matches, a rare one by sorting its few matches: one capped
    count of the matches decides which, since SQLite's planner cannot see into the FTS table.
    PostgreSQL has statistics on search_vector and chooses itself, provided the condition is on
    the organisation row and not behind `id IN (SELECT id ...)` of the same table. search_vector
    is a stored generated column of PostgreSQL only (migration 0004): testing it reads a ready
    tsvector, where to_tsvector(search_text) would parse the text again for every row tested.
    """
    words = fold_words(text)
    if not words:
        return qs
    vendor = connections[qs.db].vendor
    if vendor == "postgresql" and qs.model is Organisation:
        return qs.filter(_SearchVectorMatches(_tsquery(words)))
    ids = _matching_organisation_ids(words, qs.db)
    if vendor == "sqlite" and _is_common(ids, qs.db):
        return qs.alias(_matching_pk=_NotIndexed(F("pk"))).filter(_matching_pk__in=ids)
    return qs.filter(pk__in=ids)


def _is_common(ids, using):
    sql, params = ids.sql, ids.params
    # The SQL is our own constant text; the searched words travel as parameters.
    query = f"SELECT count(*) FROM ({sql} LIMIT {COMMON_WORD_HITS}) AS matches"  # noqa: S608
    with connections[using].cursor() as cursor:
        cursor.execute(query, params)
        return cursor.fetchone()[0] >= COMMON_WORD_HITS


# Filters


def _value(params, name):
    value = params.get(name) if params else None
    return str(value).strip() if value not in (None, "") else ""


def _flag(params, name):
    value = _value(params, name).lower()
    return True if value in _TRUE else False if value in _FALSE else None


def _regions_under(code):
    """Codes of the region and every region nested in it (NUTS codes nest by prefix)."""
    return list(
        NutsRegion.objects.filter(code__startswith=code.upper())
        .order_by()
        .values_list("code", flat=True)
    )


def _sectors_under(code):
    code = code.upper()
    if code.isalpha():
        # Divisions do not start with their section's letter: follow the parent links.
        sectors = NaceSector.objects.filter(
            Q(code=code)
            | Q(parent_id=code)
            | Q(parent__parent_id=code)
            | Q(parent__parent__parent_id=code)
        )
    else:
        sectors = NaceSector.objects.filter(code__startswith=code)
    return list(sectors.order_by().values_list("code", flat=True))


def _topics_under(value):
    lookup = {"pk": int(value)} if value.isdigit() else {"code": value}
    topic = Topic.objects.filter(**lookup).only("pk", "scheme", "path").first()
    if topic is None:
        return []
    if topic.scheme == TopicScheme.EUROSCIVOC and topic.path:
        return list(
            Topic.objects.filter(
                Q(pk=topic.pk) | Q(scheme=TopicScheme.EUROSCIVOC, path__startswith=f"{topic.path}/")
            ).values_list("pk", flat=True)
        )
    return [topic.pk]


def _with_members(qs, ids, *, checked):
    """Rows whose pk is in the subquery ids.

    When checked, another filter (a region) already narrows the rows through an index, and
    SQLite is told to test each of them against the ids rather than look up every id: a
    common sector holds tens of thousands of organisations, a region a few thousand. Without
    statistics on the values, SQLite cannot tell which of the two is smaller.
    """
    if checked and connections[qs.db].vendor == "sqlite":
        return qs.alias(_checked_pk=_NotIndexed(F("pk"))).filter(_checked_pk__in=ids)
    return qs.filter(pk__in=ids)


def filter_organisations(params):
    qs = Organisation.objects.select_related("region").defer(
        "search_text", "description", "region__boundary"
    )
    qs = search_organisations(qs, _value(params, "q"))
    if country := _value(params, "country"):
        qs = qs.filter(country_id=country.upper())
    if region := _value(params, "region"):
        qs = qs.filter(region_id__in=_regions_under(region))
    if (role := _value(params, "helix_role")) in HelixRole.values:
        qs = qs.filter(helix_role=role)
    if sector := _value(params, "sector"):
        qs = _with_members(
            qs,
            Organisation.sectors.through.objects.filter(
                nacesector_id__in=_sectors_under(sector)
            ).values("organisation_id"),
            checked=bool(region),
        )
    if topic := _value(params, "topic"):
        qs = _with_members(
            qs,
            Organisation.topics.through.objects.filter(topic_id__in=_topics_under(topic)).values(
                "organisation_id"
            ),
            checked=bool(region),
        )
    return qs.order_by(_name_order(_value(params, "q"), qs.db), "pk")


def _name_order(text, using):
    """legal_name, or on PostgreSQL for a word few organisations share, an equal expression.

    PostgreSQL's estimate of how many organisations match is right, but it takes them as spread
    evenly over the names: for 577 matches clustered late in the alphabet ("sofia") it walks the
    name index through 12,000 rows (40 ms) where sorting the matches takes 1 ms. An expression
    the index does not serve makes it sort; a common word still walks the index.
    """
    words = fold_words(text)
    if (
        words
        and connections[using].vendor == "postgresql"
        and not _is_common(_matching_organisation_ids(words, using), using)
    ):
        return Concat(F("legal_name"), Value("")).asc()
    return F("legal_name").asc()


def filter_clusters(params):
    """Clusters; a region matches the cluster organisation's region or any region it covers."""
    qs = Cluster.objects.select_related("organisation__region").defer(
        "organisation__search_text",
        "organisation__description",
        "organisation__region__boundary",
    )
    qs = search_organisations(qs, _value(params, "q"))
    if country := _value(params, "country"):
        qs = qs.filter(organisation__country_id=country.upper())
    if region := _value(params, "region"):
        regions = _regions_under(region)
        qs = qs.filter(
            Q(organisation__region_id__in=regions)
            | Q(
                pk__in=Cluster.regions.through.objects.filter(nutsregion_id__in=regions).values(
                    "cluster_id"
                )
            )
        )
    if (validated := _flag(params, "validated")) is not None:
        qs = qs.filter(is_validated=validated)
    if (kind := _value(params, "kind")) in ClusterKind.values:
        qs = qs.filter(kind=kind)
    if sector := _value(params, "sector"):
        qs = qs.filter(
            pk__in=Cluster.focus_sectors.through.objects.filter(
                nacesector_id__in=_sectors_under(sector)
            ).values("cluster_id")
        )
    if topic := _value(params, "topic"):
        qs = qs.filter(
            pk__in=Cluster.focus_topics.through.objects.filter(
                topic_id__in=_topics_under(topic)
            ).values("cluster_id")
        )
    return qs.order_by("name", "pk")


# Options for the filter form


def _countries_present(kind):
    key = f"registry:directory:countries:{kind}"
    codes = cache.get(key)
    if codes is None:
        if kind == "clusters":
            rows = Cluster.objects.values_list("organisation__country_id", flat=True)
        else:
            rows = Organisation.objects.values_list("country_id", flat=True)
        codes = sorted(set(rows.order_by().distinct()))
        cache.set(key, codes, OPTIONS_CACHE_SECONDS)
    return sorted(((code, country_name(code)) for code in codes), key=lambda item: item[1])


def _sector_options():
    # Truncated here, once per cached list, not by the template on every page.
    return [
        (code, Truncator(f"{code} · {in_language(label).text}").chars(SECTOR_LABEL_CHARS), level)
        for code, label, level in NaceSector.objects.filter(level__lte=2)
        .order_by("code")
        .values_list("code", "label", "level")
    ]


def _ordered_sectors(sectors):
    """Each section followed by its divisions (codes alone would put the letters last)."""
    sections = [sector for sector in sectors if sector[2] == 1]
    divisions = [sector for sector in sectors if sector[2] == 2]
    parents = dict(NaceSector.objects.filter(level=2).values_list("code", "parent_id"))
    ordered = []
    for section in sections:
        ordered.append(section)
        ordered += [d for d in divisions if parents.get(d[0]) == section[0]]
    return ordered


def filter_options(params, *, kind):
    """Choices for the directory's filter form; kind is "organisations" or "clusters"."""
    country = _value(params, "country").upper()
    regions = []
    if country:
        regions = list(
            NutsRegion.objects.filter(country_id=country, level=2)
            .order_by("code")
            .values_list("code", "name_latin")
        )
    region = _value(params, "region").upper()
    if region and region not in {code for code, _name in regions}:
        regions += list(NutsRegion.objects.filter(code=region).values_list("code", "name_latin"))
    return {
        "countries": _countries_present(kind),
        "regions": regions,
        "helix_roles": HelixRole.choices,
        "kinds": ClusterKind.choices,
        "sectors": _cached_sector_options(),
        "topics": _cached_topic_options(),
    }


def _cached_topic_options():
    key = f"registry:directory:topics:{get_language()}"
    options = cache.get(key)
    if options is None:
        options = [
            (str(pk), in_language(label).text, level)
            for pk, label, level in Topic.objects.filter(
                scheme=TopicScheme.EUROSCIVOC, level__lte=2
            )
            .order_by("path")
            .values_list("pk", "label", "level")
        ]
        cache.set(key, options, OPTIONS_CACHE_SECONDS)
    return options


def _cached_sector_options():
    key = f"registry:directory:sectors:{get_language()}"
    options = cache.get(key)
    if options is None:
        options = _ordered_sectors(_sector_options())
        cache.set(key, options, OPTIONS_CACHE_SECONDS)
    return options


# Detail pages

_NO_BOUNDARIES = ("region__boundary", "region__parent__boundary")


def organisation_detail(pk):
    """The organisation with its region, sectors, topics and clusters, or None."""
    organisation = (
        Organisation.objects.select_related("region__parent")
        .defer("search_text", *_NO_BOUNDARIES)
        .filter(pk=pk)
        .first()
    )
    if organisation is None:
        return None
    return {
        "organisation": organisation,
        "sectors": list(organisation.sectors.order_by("code")),
        "topics": list(organisation.topics.order_by("scheme", "path", "code")),
        "memberships": list(
            organisation.memberships.select_related("cluster").order_by("cluster__name")
        ),
        "own_cluster": Cluster.objects.filter(organisation=organisation).only("pk", "name").first(),
        **control_of(organisation),
    }


def cluster_detail(pk, *, members_page=1):
    """The cluster with its focus, a page of its members and the members-by-helix-role summary,
    or None."""
    cluster = (
        Cluster.objects.select_related("organisation__region__parent")
        .defer(
            "organisation__search_text",
            "organisation__region__boundary",
            "organisation__region__parent__boundary",
        )
        .filter(pk=pk)
        .first()
    )
    if cluster is None:
        return None
    tally = list(
        cluster.memberships.values("status", "member__helix_role").annotate(count=Count("pk"))
    )
    roles = dict(HelixRole.choices)
    by_role = {}
    for row in tally:
        if row["status"] == MembershipStatus.ACTIVE:
            role = row["member__helix_role"]
            by_role[role] = by_role.get(role, 0) + row["count"]
    total = sum(row["count"] for row in tally)
    members = paginate(
        cluster.memberships.select_related("member")
        .defer("member__search_text", "member__description")
        .order_by("member__legal_name", "pk"),
        members_page,
        per_page=MEMBERS_PER_PAGE,
        count=total,
        count_cap=total,
    )
    return {
        "cluster": cluster,
        "focus_sectors": list(cluster.focus_sectors.order_by("code")),
        "focus_topics": list(cluster.focus_topics.order_by("scheme", "path", "code")),
        "regions": list(cluster.regions.defer("boundary").order_by("code")),
        "members": members,
        "members_by_role": [
            (roles.get(role, role), count)
            for role, count in sorted(by_role.items(), key=lambda item: -item[1])
        ],
    }


def people_listed_for(user, organisation, *, can_manage):
    """The organisation's people whom `user` may see: only those who consented to be listed,
    and each as far as their own visibility choice reaches."""
    from helisa.registry.models import Affiliation, Visibility

    visible = [Visibility.PUBLIC]
    if user.is_authenticated:
        visible.append(Visibility.MEMBERS)
    if can_manage:
        visible.append(Visibility.PRIVATE)
    return (
        Affiliation.objects.filter(
            organisation=organisation,
            person__consent_given_at__isnull=False,
            person__visibility__in=visible,
        )
        .select_related("person")
        .order_by("person__last_name", "person__first_name", "pk")
    )
