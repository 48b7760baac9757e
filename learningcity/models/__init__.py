"""The core's tables: people, the city and its reference lists, the outbox, notifications and the
audit trail.

No action area has a table here (DESIGN.md §2); every area may point at these.
"""

from learningcity.models.audit import AuditEntry
from learningcity.models.base import (
    LATITUDE,
    LONG_TEXT,
    LONGITUDE,
    SHORT_TEXT,
    BilingualName,
    BilingualNameModel,
    localised,
    new_token,
)
from learningcity.models.city import (
    AccessibilityFeature,
    CityProfile,
    CityProfileManager,
    District,
    Sector,
    TargetGroup,
)
from learningcity.models.notifications import (
    Frequency,
    Notification,
    NotificationDigest,
    NotificationPreference,
)
from learningcity.models.outbox import OutgoingEmail
from learningcity.models.people import User, UserManager

__all__ = [
    "LATITUDE",
    "LONGITUDE",
    "LONG_TEXT",
    "SHORT_TEXT",
    "AccessibilityFeature",
    "AuditEntry",
    "BilingualName",
    "BilingualNameModel",
    "CityProfile",
    "CityProfileManager",
    "District",
    "Frequency",
    "Notification",
    "NotificationDigest",
    "NotificationPreference",
    "OutgoingEmail",
    "Sector",
    "TargetGroup",
    "User",
    "UserManager",
    "localised",
    "new_token",
]
