from .calls import Call, CountryList, ProgrammeKind
from .interest import ExpressionOfInterest, Follow, InterestStatus
from .practices import (
    AdoptionFeedback,
    AdoptionInterest,
    AttachmentKind,
    AttachmentStatus,
    CoAuthorInvitation,
    CoAuthorStatus,
    GoodPractice,
    PracticeAttachment,
    PracticeStatus,
)
from .preferences import NotificationPreference
from .profiles import CooperationProfile, Direction, ProfileKind, ProfileStatus
from .projects import PUBLIC_STATUSES, PartnerRole, Project, ProjectPartner, ProjectStatus
from .searches import SavedSearch

__all__ = [
    "PUBLIC_STATUSES",
    "Call",
    "CountryList",
    "PartnerRole",
    "ProgrammeKind",
    "Project",
    "ProjectPartner",
    "ProjectStatus",
    "AdoptionFeedback",
    "AdoptionInterest",
    "AttachmentKind",
    "AttachmentStatus",
    "CoAuthorInvitation",
    "CoAuthorStatus",
    "GoodPractice",
    "PracticeAttachment",
    "PracticeStatus",
    "CooperationProfile",
    "Direction",
    "ExpressionOfInterest",
    "Follow",
    "InterestStatus",
    "NotificationPreference",
    "ProfileKind",
    "ProfileStatus",
    "SavedSearch",
]
