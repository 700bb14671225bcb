"""All SQLAlchemy models; importing this package registers every table on Base.metadata."""

from concordia.models.agreements import SharingAgreement
from concordia.models.audit import AuditEntry
from concordia.models.crossings import (
    CountryCheck,
    Crossing,
    MovementRecord,
    Stay,
    VehicleAdmission,
)
from concordia.models.eradication import (
    AlternativeDevelopment,
    CampaignProgress,
    CocaField,
    CultivationEstimate,
    EradicationCampaign,
    JointOperation,
)
from concordia.models.intel import IntelEntity, IntelLink, IntelMessage, Seizure
from concordia.models.people import TravelDocument, Traveller, Vehicle
from concordia.models.reference import Agency, BorderPost, Country, Lane
from concordia.models.users import ApiToken, LoginSession, User
from concordia.models.watchlists import Alert, Hit, Notification, WatchList, WatchlistState

__all__ = [
    "Agency",
    "Alert",
    "AlternativeDevelopment",
    "ApiToken",
    "AuditEntry",
    "BorderPost",
    "CampaignProgress",
    "CocaField",
    "Country",
    "CountryCheck",
    "Crossing",
    "CultivationEstimate",
    "EradicationCampaign",
    "Hit",
    "IntelEntity",
    "IntelLink",
    "IntelMessage",
    "JointOperation",
    "Lane",
    "LoginSession",
    "MovementRecord",
    "Notification",
    "Seizure",
    "SharingAgreement",
    "Stay",
    "TravelDocument",
    "Traveller",
    "User",
    "Vehicle",
    "VehicleAdmission",
    "WatchList",
    "WatchlistState",
]
