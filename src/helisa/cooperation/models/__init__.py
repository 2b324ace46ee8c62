from .interest import ExpressionOfInterest, Follow, InterestStatus
from .preferences import NotificationPreference
from .profiles import CooperationProfile, Direction, ProfileKind, ProfileStatus
from .searches import SavedSearch

__all__ = [
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
