from .alliances import Alliance, AllianceDocument, DocumentKind, NewsItem
from .declarations import (
    Declaration,
    DeclarationVersion,
    Signature,
    SigningAuthority,
    SigningKey,
    VersionStatus,
)
from .membership import (
    AllianceMember,
    Ballot,
    MemberCategory,
    MembershipEvent,
    MemberState,
    Vote,
    VoteChoice,
)

__all__ = [
    "Alliance",
    "AllianceDocument",
    "AllianceMember",
    "Ballot",
    "Declaration",
    "DeclarationVersion",
    "DocumentKind",
    "MemberCategory",
    "MemberState",
    "MembershipEvent",
    "NewsItem",
    "Signature",
    "SigningAuthority",
    "SigningKey",
    "VersionStatus",
    "Vote",
    "VoteChoice",
]
