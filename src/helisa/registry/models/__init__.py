from .clusters import Cluster, ClusterKind, EscaLabel, Membership, MembershipStatus
from .history import ChangeRecord
from .imports import ImportBatch, ImportKind, ImportStatus
from .organisations import BusinessSize, HelixRole, Organisation
from .people import Affiliation, Person, Visibility
from .reference import Country, NaceSector, NutsRegion, Topic, TopicScheme
from .roles import Claim, ClaimStatus, Invitation, Role, RoleKind

__all__ = [
    "Affiliation",
    "BusinessSize",
    "ChangeRecord",
    "Claim",
    "ClaimStatus",
    "Cluster",
    "ClusterKind",
    "Country",
    "EscaLabel",
    "HelixRole",
    "ImportBatch",
    "ImportKind",
    "ImportStatus",
    "Invitation",
    "Membership",
    "MembershipStatus",
    "NaceSector",
    "NutsRegion",
    "Organisation",
    "Person",
    "Role",
    "RoleKind",
    "Topic",
    "TopicScheme",
    "Visibility",
]
