"""All SQLAlchemy models; importing this package registers every table on Base.metadata."""

from concordia.models.crossings import (
    CountryCheck,
    Crossing,
    MovementRecord,
    Stay,
    VehicleAdmission,
)
from concordia.models.people import TravelDocument, Traveller, Vehicle
from concordia.models.reference import Agency, BorderPost, Country, Lane
from concordia.models.users import User

__all__ = [
    "Agency",
    "BorderPost",
    "Country",
    "CountryCheck",
    "Crossing",
    "Lane",
    "MovementRecord",
    "Stay",
    "TravelDocument",
    "Traveller",
    "User",
    "Vehicle",
    "VehicleAdmission",
]
