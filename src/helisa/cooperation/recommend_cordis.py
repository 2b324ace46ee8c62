"""Recommender input built from the CORDIS demo files, as plain data (no ORM).

Used by the benchmark and the tests; the ids are the registry's source ids ("cordis:<id>").
`without` leaves one project out of everything derived (topics, activity, co-participation), so
that a benchmark hiding that project's partners cannot see them through any feature.
"""

import csv
from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

from helisa.cooperation.recommend import Candidate, Topic

DEMO_DATA_DIR = Path(__file__).resolve().parent.parent / "registry" / "demo_data"
ORGANISATIONS_FILE = DEMO_DATA_DIR / "h2020_organizations_subset.csv"
TOPICS_FILE = DEMO_DATA_DIR / "h2020_project_topics_subset.csv"
HELIX_OF_ACTIVITY = {
    "PRC": "business",
    "HES": "university",
    "REC": "research",
    "PUB": "public",
    "OTH": "other",
}
# Third parties and associated partners ("partner") take part through a full partner.
FULL_PARTNER = ("coordinator", "participant")
# CORDIS writes Greece and the United Kingdom the EU way.
_ISO = {"EL": "GR", "UK": "GB"}


@dataclass(frozen=True)
class Participation:
    project: str
    organisation: str  # "cordis:<organisationID>"
    role: str


@dataclass
class Cordis:
    organisations: dict  # id -> {"helix_role", "country", "name"}
    participations: list  # Participation
    topics: dict  # project id -> Topic

    def projects(self):
        members = defaultdict(list)
        for participation in self.participations:
            members[participation.project].append(participation)
        return dict(members)

    def candidates(self, *, without=None):
        """(candidates, graph) from every project but `without`."""
        projects, graph, candidates = self._full()
        hidden = {p.organisation for p in self.participations if p.project == without}
        if not hidden:
            return list(candidates), graph
        projects = {**projects}
        graph = {**graph}
        for organisation in hidden:
            projects[organisation] = projects[organisation] - {without}
            partners = Counter(graph.get(organisation, {}))
            partners.subtract(hidden - {organisation})
            graph[organisation] = {key: value for key, value in partners.items() if value > 0}
        # Only the hidden project's organisations change; every other candidate is kept.
        return [
            self._candidate(candidate.id, projects) if candidate.id in hidden else candidate
            for candidate in candidates
        ], graph

    def _candidate(self, organisation, projects):
        facts = self.organisations[organisation]
        own = projects.get(organisation, ())
        topics = sorted(
            {self.topics[project] for project in own if project in self.topics},
            key=lambda topic: topic.code,
        )
        full = sum(self._roles()[project, organisation] in FULL_PARTNER for project in own)
        return Candidate(
            id=organisation,
            helix_role=facts["helix_role"],
            country=facts["country"],
            topics=tuple(topics),
            activity=len(own),
            full_partner_share=full / len(own) if own else 1.0,
        )

    def _roles(self):
        if not hasattr(self, "_roles_cache"):
            self._roles_cache = {(p.project, p.organisation): p.role for p in self.participations}
        return self._roles_cache

    def _full(self):
        if not hasattr(self, "_full_cache"):
            projects = defaultdict(set)
            for participation in self.participations:
                projects[participation.organisation].add(participation.project)
            projects = dict(projects)
            graph = {
                key: dict(value) for key, value in co_participation(self.participations).items()
            }
            candidates = [
                self._candidate(organisation, projects) for organisation in self.organisations
            ]
            self._full_cache = (projects, graph, candidates)
        return self._full_cache


def co_participation(participations, *, without=None):
    """{organisation: {partner: projects together}} over every project but `without`."""
    members = defaultdict(set)
    for participation in participations:
        if participation.project != without:
            members[participation.project].add(participation.organisation)
    graph = defaultdict(Counter)
    for organisations in members.values():
        for first, second in combinations(sorted(organisations), 2):
            graph[first][second] += 1
            graph[second][first] += 1
    return graph


def load_cordis(*, organisations_file=ORGANISATIONS_FILE, topics_file=TOPICS_FILE):
    with open(organisations_file, encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    with open(topics_file, encoding="utf-8", newline="") as file:
        topics = {
            row["projectID"]: Topic(code=row["topic"], title=row["title"])
            for row in csv.DictReader(file)
        }
    organisations, participations = {}, []
    for row in rows:
        organisation = f"cordis:{row['organisationID']}"
        organisations.setdefault(
            organisation,
            {
                "helix_role": HELIX_OF_ACTIVITY.get(row["activityType"], "other"),
                "country": _ISO.get(row["country"], row["country"]),
                "name": row["name"],
            },
        )
        participations.append(Participation(row["projectID"], organisation, row["role"]))
    return Cordis(organisations=organisations, participations=participations, topics=topics)
