"""All SQLAlchemy models; importing this package registers every table on Base.metadata."""

from concordia.models.agreements import SharingAgreement
from concordia.models.analytics import QueueArrival, Scenario
from concordia.models.audit import AuditEntry
from concordia.models.aviation import AnalysedFlight, FlightRoute, LandingSite, TrackBatch
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
from concordia.models.humanitarian import (
    CensusSequence,
    GroupCount,
    Referral,
    ReferralEvent,
    StrandedDocument,
    StrandedPerson,
)
from concordia.models.intel import IntelEntity, IntelLink, IntelMessage, Seizure
from concordia.models.operations import (
    BorderSection,
    EmergencyDeclaration,
    Notice,
    OpsEvent,
    Patrol,
    PostStatusChange,
)
from concordia.models.people import TravelDocument, Traveller, Vehicle
from concordia.models.reference import Agency, BorderPost, Country, Lane
from concordia.models.users import ApiToken, LoginSession, User
from concordia.models.watchlists import Alert, Hit, Notification, WatchList, WatchlistState

__all__ = [
    "Agency",
    "Alert",
    "AlternativeDevelopment",
    "AnalysedFlight",
    "ApiToken",
    "AuditEntry",
    "BorderPost",
    "BorderSection",
    "CampaignProgress",
    "CensusSequence",
    "CocaField",
    "Country",
    "CountryCheck",
    "Crossing",
    "CultivationEstimate",
    "EmergencyDeclaration",
    "EradicationCampaign",
    "FlightRoute",
    "GroupCount",
    "Hit",
    "IntelEntity",
    "IntelLink",
    "IntelMessage",
    "JointOperation",
    "LandingSite",
    "Lane",
    "LoginSession",
    "MovementRecord",
    "Notice",
    "Notification",
    "OpsEvent",
    "Patrol",
    "PostStatusChange",
    "QueueArrival",
    "Referral",
    "ReferralEvent",
    "Scenario",
    "Seizure",
    "SharingAgreement",
    "Stay",
    "StrandedDocument",
    "StrandedPerson",
    "TrackBatch",
    "TravelDocument",
    "Traveller",
    "User",
    "Vehicle",
    "VehicleAdmission",
    "WatchList",
    "WatchlistState",
]
