"""All SQLAlchemy models; importing this package registers every table on Base.metadata."""

from concordia.models.agreements import SharingAgreement
from concordia.models.analytics import QueueArrival, Scenario
from concordia.models.audit import AuditEntry
from concordia.models.crossings import (
    CountryCheck,
    Crossing,
    MovementRecord,
    Stay,
    VehicleAdmission,
)
from concordia.models.people import TravelDocument, Traveller, Vehicle
from concordia.models.reference import Agency, BorderPost, Country, Lane
from concordia.models.users import ApiToken, LoginSession, User
from concordia.models.watchlists import Alert, Hit, Notification, WatchList, WatchlistState

__all__ = [
    "Agency",
    "Alert",
    "ApiToken",
    "AuditEntry",
    "BorderPost",
    "Country",
    "CountryCheck",
    "Crossing",
    "Hit",
    "Lane",
    "LoginSession",
    "MovementRecord",
    "Notification",
    "QueueArrival",
    "Scenario",
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
