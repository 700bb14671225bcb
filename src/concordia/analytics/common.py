"""Helpers shared by the analytics services: posts, local time windows, service times."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from concordia.errors import ValidationFailed
from concordia.models import BorderPost

# Mean minutes a booth takes per traveller (both countries' checks in one stop);
# cargo includes the driver's vehicle papers. Planning figures, per flow.
SERVICE_MIN = {"pedestrian": 1.0, "car": 1.5, "bus": 1.2, "cargo": 5.0}


def zone(post: BorderPost) -> ZoneInfo:
    return ZoneInfo(post.timezone_a)


def local_window(post: BorderPost, start: date, end: date) -> tuple[datetime, datetime]:
    """UTC bounds of the local days start..end (inclusive) on side A's clock."""
    if end < start:
        raise ValidationFailed("end is before start", field="end")
    z = zone(post)
    lo = datetime.combine(start, time(), z).astimezone(UTC)
    hi = datetime.combine(end + timedelta(days=1), time(), z).astimezone(UTC)
    return lo, hi


def direction_of(post: BorderPost, from_country: str) -> str:
    return "a_to_b" if from_country == post.country_a else "b_to_a"


def require_aware(at: datetime, field: str = "at") -> datetime:
    if at.tzinfo is None:
        raise ValidationFailed("give a time with its UTC offset", field=field)
    return at.astimezone(UTC)
