"""Checking rows of each kind: from named cells to the values a service takes, with problems.

The same checkers run when a file is validated and again, row by row, when it is applied, so
that what is written is exactly what the preview promised (and a change in the registry
between preview and confirm stops the import instead of writing something else).
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from helisa.core.folding import fold
from helisa.registry.control import control_links, would_make_cycle
from helisa.registry.models import Cluster, HelixRole, Membership, Organisation
from helisa.registry.services.clusters import membership_refusal

from .columns import CellError, columns_for
from .permissions import can_change_organisation, can_import_memberships

CREATE, UPDATE, SKIP = "create", "update", "skip"
ERROR, WARNING = "error", "warning"
# Comparing every new name with every name of its country is quadratic; beyond this many rows
# the preview says the similar-name check stopped.
SIMILARITY_CHECK_ROWS = 2000


def problem(row, column, message, level=ERROR):
    return {"row": row, "column": column, "message": str(message), "level": level}


@dataclass
class Checked:
    number: int
    action: str = CREATE
    values: dict = field(default_factory=dict)
    problems: list = field(default_factory=list)
    target: object = None

    @property
    def has_errors(self):
        return any(item["level"] == ERROR for item in self.problems)

    def error(self, column, message):
        self.problems.append(problem(self.number, column, message))

    def warn(self, column, message):
        self.problems.append(problem(self.number, column, message, WARNING))


class RowChecker:
    def __init__(self, *, batch, reference):
        self.batch = batch
        self.user = batch.created_by
        self.reference = reference
        self.columns = columns_for(batch.kind)
        self.seen = {}

    @property
    def aliases(self):
        return {alias: column.name for column in self.columns for alias in column.aliases}

    def header_problems(self, headers):
        known = {column.name for column in self.columns}
        problems = []
        for name in headers:
            if name and name not in known:
                problems.append(
                    problem(
                        1,
                        name,
                        _("Column '%(name)s' is not used; Helisa ignores it") % {"name": name},
                        WARNING,
                    )
                )
        for name in {name for name in headers if name and headers.count(name) > 1}:
            problems.append(problem(1, name, _("Column '%(name)s' appears twice") % {"name": name}))
        for column in self.columns:
            if column.required and column.name not in headers:
                problems.append(
                    problem(
                        1,
                        column.name,
                        _("The column '%(name)s' is missing") % {"name": column.name},
                    )
                )
        problems += self.extra_header_problems(headers)
        return problems

    def extra_header_problems(self, headers):
        return []

    def prefetch(self, rows):
        """Load in a few queries what the rows of one chunk refer to."""

    def parse(self, row):
        checked = Checked(number=row.number)
        for column in self.columns:
            value = row.cells.get(column.name, "")
            if not value:
                if column.required:
                    checked.error(column.name, _("A value is required"))
                continue
            try:
                checked.values[column.name] = column.parse(value, self.reference)
            except CellError as error:
                checked.error(column.name, error)
        return checked

    def check(self, row):
        checked = self.parse(row)
        self.check_values(checked, row)
        return checked

    def check_values(self, checked, row):
        raise NotImplementedError

    def first_seen(self, key, number):
        """The row that had this key before, if any; else remembers this row."""
        earlier = self.seen.get(key)
        if earlier is None:
            self.seen[key] = number
        return earlier


def _name_key(name):
    return fold(name).strip()


class OrganisationRows(RowChecker):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.similar_checked = 0
        self._names_by_country = {}
        # Control as it will be once the rows checked so far are written, so that a loop
        # closed by two rows of the file is found on the second, as applying would find it.
        self.links = None

    def prefetch(self, rows):
        if self.links is None:
            self.links = control_links()
        ids = {
            int(row.cells[name])
            for row in rows
            for name in ("id", "controlled_by")
            if row.cells.get(name, "").isdigit()
        }
        self.by_id = Organisation.objects.in_bulk(ids)
        names = {row.cells.get("legal_name", "") for row in rows} - {""}
        self.by_name = {}
        for pk, legal_name, country in Organisation.objects.filter(
            legal_name__in=names
        ).values_list("pk", "legal_name", "country_id"):
            self.by_name.setdefault((_name_key(legal_name), country), pk)

    def check_values(self, checked, row):
        values = checked.values
        if "id" in values:
            organisation = self.by_id.get(values["id"])
            if organisation is None:
                checked.error("id", _("No organisation has the id %(id)s") % {"id": values["id"]})
            elif not can_change_organisation(self.user, organisation):
                checked.error(
                    "id",
                    _("You may not change organisation %(id)s; ask its representative")
                    % {"id": values["id"]},
                )
            else:
                checked.action, checked.target = UPDATE, organisation
        if "controlled_by" in values:
            self._check_control(checked)
        if bool(row.cells.get("latitude")) != bool(row.cells.get("longitude")):
            column = "longitude" if row.cells.get("latitude") else "latitude"
            checked.error(column, _("Give both latitude and longitude, or neither"))
        region = values.get("region")
        if region and values.get("country"):
            region_country = self.reference.nuts[region][1]
            if region_country != values["country"]:
                checked.error(
                    "region",
                    _("Region '%(region)s' is in %(region_country)s, not in %(country)s")
                    % {
                        "region": region,
                        "region_country": region_country,
                        "country": values["country"],
                    },
                )
        if values.get("business_size") and values.get("helix_role") not in (
            None,
            HelixRole.BUSINESS,
        ):
            checked.error("business_size", _("Business size is only given for a business"))
        if "legal_name" in values and "country" in values:
            self._check_duplicates(checked)

    def _check_control(self, checked):
        controller = checked.values["controlled_by"]
        pk = checked.target.pk if checked.action == UPDATE else None
        if controller not in self.by_id:
            checked.error(
                "controlled_by", _("No organisation has the id %(id)s") % {"id": controller}
            )
        elif controller == pk:
            checked.error("controlled_by", _("An organisation cannot be controlled by itself."))
        elif would_make_cycle(pk, controller, self.links):
            checked.error(
                "controlled_by",
                _(
                    "Organisation %(id)s is controlled by this one, directly or through others, "
                    "in Helisa or in an earlier row of this file; it cannot control it"
                )
                % {"id": controller},
            )
        elif pk is not None:
            self.links[pk] = controller

    def _check_duplicates(self, checked):
        key = (_name_key(checked.values["legal_name"]), checked.values["country"])
        earlier = self.first_seen(key, checked.number)
        if earlier is not None:
            checked.error(
                "legal_name",
                _("Same legal name and country as row %(row)s") % {"row": earlier},
            )
            return
        if checked.action == UPDATE:
            return
        existing = self.by_name.get(key)
        if existing is not None:
            checked.warn(
                "legal_name",
                _(
                    "Organisation %(id)s already has this legal name in %(country)s; give its "
                    "id in the id column to update it instead of adding it again"
                )
                % {"id": existing, "country": key[1]},
            )
            return
        self._check_similar(checked, key[1])

    def _check_similar(self, checked, country):
        from helisa.registry import matching

        if self.similar_checked >= SIMILARITY_CHECK_ROWS:
            if self.similar_checked == SIMILARITY_CHECK_ROWS:
                self.similar_checked += 1
                checked.warn(
                    "legal_name",
                    _(
                        "Similar names are looked for in the first %(count)s new organisations "
                        "of a file only: from this row on they were not compared"
                    )
                    % {"count": SIMILARITY_CHECK_ROWS},
                )
            return
        self.similar_checked += 1
        if country not in self._names_by_country:
            self._names_by_country[country] = {
                pk: matching.normalise_name(name)
                for pk, name in Organisation.objects.filter(country=country).values_list(
                    "pk", "legal_name"
                )
            }
        choices = self._names_by_country[country]
        query = matching.normalise_name(checked.values["legal_name"])
        for pk, score in matching.similar_names(query, choices, limit=3):
            checked.warn(
                "legal_name",
                _(
                    "Similar to organisation %(id)s, '%(name)s' (%(score)s%% alike): is it the "
                    "same? Then give its id instead"
                )
                % {"id": pk, "name": self._legal_name(pk), "score": round(score)},
            )

    def _legal_name(self, pk):
        return Organisation.objects.filter(pk=pk).values_list("legal_name", flat=True).first()


class _ReferencesOrganisations(RowChecker):
    """Rows that name an organisation by id, or by exact legal name with the country column."""

    reference_column = "organisation"

    def prefetch(self, rows):
        values = [row.cells.get(self.reference_column, "") for row in rows]
        ids = {int(value) for value in values if value.isdigit()}
        names = {value for value in values if value and not value.isdigit()}
        found = Organisation.objects.filter(pk__in=ids) | Organisation.objects.filter(
            legal_name__in=names
        )
        self.by_id, self.by_name = {}, {}
        for organisation in found.select_related("cluster"):
            self.by_id[organisation.pk] = organisation
            key = (_name_key(organisation.legal_name), organisation.country_id)
            self.by_name.setdefault(key, []).append(organisation)

    def organisation(self, checked, raw):
        column = self.reference_column
        if raw.isdigit():
            found = self.by_id.get(int(raw))
            if found is None:
                checked.error(column, _("No organisation has the id %(id)s") % {"id": raw})
            return found
        country = checked.values.get("country")
        if not country:
            checked.error(
                "country", _("Give the country of '%(name)s', or its id instead") % {"name": raw}
            )
            return None
        matches = self.by_name.get((_name_key(raw), country), [])
        if not matches:
            checked.error(
                column,
                _("No organisation in %(country)s has the legal name '%(name)s'")
                % {"country": country, "name": raw},
            )
            return None
        if len(matches) > 1:
            checked.error(
                column,
                _(
                    "%(count)s organisations in %(country)s have the legal name '%(name)s'; "
                    "give the id instead"
                )
                % {"count": len(matches), "country": country, "name": raw},
            )
            return None
        return matches[0]


class ClusterRows(_ReferencesOrganisations):
    def check_values(self, checked, row):
        if "organisation" not in checked.values:
            return
        organisation = self.organisation(checked, checked.values.pop("organisation"))
        checked.values.pop("country", None)
        if organisation is None:
            return
        if getattr(organisation, "cluster", None) is not None:
            checked.error(
                "organisation",
                _("Organisation %(id)s already has a cluster profile") % {"id": organisation.pk},
            )
        elif not can_change_organisation(self.user, organisation):
            checked.error(
                "organisation",
                _(
                    "You may not add a cluster profile to organisation %(id)s: only its "
                    "representative may; claim it first if it is yours"
                )
                % {"id": organisation.pk},
            )
        earlier = self.first_seen(organisation.pk, checked.number)
        if earlier is not None:
            checked.error("organisation", _("Same organisation as row %(row)s") % {"row": earlier})
        if checked.values.get("esca_valid_until") and not checked.values.get("esca_label"):
            checked.error("esca_valid_until", _("A validity date needs an ESCA label"))
        checked.target = organisation


class MembershipRows(_ReferencesOrganisations):
    reference_column = "member"

    def extra_header_problems(self, headers):
        if self.batch.cluster_id is None and "cluster" not in headers:
            return [
                problem(
                    1,
                    "cluster",
                    _(
                        "The column 'cluster' is missing: choose the "
                        "cluster on upload or give its id in each row"
                    ),
                )
            ]
        return []

    def prefetch(self, rows):
        super().prefetch(rows)
        ids = {int(row.cells["cluster"]) for row in rows if row.cells.get("cluster", "").isdigit()}
        ids.add(self.batch.cluster_id)
        self.clusters = Cluster.objects.select_related("organisation").in_bulk(ids - {None})
        pairs = Membership.objects.filter(
            cluster__in=self.clusters, member__in=self.by_id
        ).values_list("cluster_id", "member_id")
        self.existing = set(pairs)
        self.allowed = {}

    def check_values(self, checked, row):
        cluster = self._cluster(checked)
        if "member" not in checked.values:
            return
        member = self.organisation(checked, checked.values.pop("member"))
        checked.values.pop("country", None)
        if member is None or cluster is None:
            return
        refusal = membership_refusal(cluster, member)
        if refusal:
            checked.error("member", refusal)
            return
        earlier = self.first_seen((cluster.pk, member.pk), checked.number)
        if earlier is not None:
            checked.error("member", _("Same member as row %(row)s") % {"row": earlier})
        elif (cluster.pk, member.pk) in self.existing:
            checked.warn(
                "member",
                _("%(member)s is already a member of %(cluster)s; the row will be skipped")
                % {"member": member.legal_name, "cluster": cluster.name},
            )
            checked.action = SKIP
        checked.target = (cluster, member)

    def _cluster(self, checked):
        cluster_id = checked.values.pop("cluster", None) or self.batch.cluster_id
        cluster = self.clusters.get(cluster_id)
        if cluster is None:
            checked.error("cluster", _("No cluster has the id %(id)s") % {"id": cluster_id})
            return None
        if cluster_id not in self.allowed:
            self.allowed[cluster_id] = cluster_id == self.batch.cluster_id or (
                can_import_memberships(self.user, cluster)
            )
        if not self.allowed[cluster_id]:
            checked.error(
                "cluster",
                _("You do not manage cluster %(id)s, so you cannot add its members")
                % {"id": cluster_id},
            )
            return None
        return cluster


CHECKERS = {
    "organisations": OrganisationRows,
    "clusters": ClusterRows,
    "memberships": MembershipRows,
}


def checker_for(*, batch, reference):
    return CHECKERS[batch.kind](batch=batch, reference=reference)
