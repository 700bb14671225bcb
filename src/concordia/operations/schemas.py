"""Pydantic models of the operational picture: what the API and CLI accept and return."""

import uuid
from datetime import date, datetime, time
from typing import Any, Literal, TypeVar

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, field_validator, model_validator

PostStatus = Literal["open", "restricted", "closed"]
ImpactLevel = Literal["low", "medium", "high", "critical"]
Confidence = Literal["low", "medium", "high", "confirmed"]
EventKind = Literal[
    "irregular_crossing",
    "stranded_group",
    "smuggling",
    "seizure",
    "patrol_sighting",
    "suspicious_aircraft",
    "suspicious_boat",
    "border_marker_damage",
]
NoticeKind = Literal["closure", "suspension", "restriction", "reopening", "emergency"]
PatrolKind = Literal["land", "lake", "maritime"]


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


FIRST_YEAR, LAST_YEAR = 2000, 2100
D = TypeVar("D", date, datetime, None)


def _plausible(moment: D) -> D:
    """Operational dates fall in this century: year 1 or 9999 is a typing error (and
    would overflow date arithmetic)."""
    if moment is not None and not FIRST_YEAR <= moment.year <= LAST_YEAR:
        raise ValueError(f"give a year between {FIRST_YEAR} and {LAST_YEAR}")
    return moment


class _Out(BaseModel):
    model_config = ConfigDict(from_attributes=True)


# --- post status ---------------------------------------------------------------------


class PostStatusIn(_In):
    """Omitted hours or measures stay as they are; explicit nulls mean open 24 hours and
    an explicit empty list clears the measures."""

    status: PostStatus
    opens_at: time | None = None
    closes_at: time | None = None
    measures: list[str] | None = Field(None, max_length=20)
    reason: str = Field(min_length=3, max_length=500)
    notice: bool = Field(True, description="Publish a notice for closures and restrictions.")

    @model_validator(mode="after")
    def _hours_together(self) -> "PostStatusIn":
        given = {"opens_at", "closes_at"} & self.model_fields_set
        if len(given) == 1 or (self.opens_at is None) != (self.closes_at is None):
            raise ValueError("give both opens_at and closes_at (both null: 24 hours), or neither")
        return self


class PostStatusRead(_Out):
    code: str
    name: str
    status: str
    opens_at: time | None
    closes_at: time | None
    measures: list[str]
    emergency_measures: list[str] = Field(default_factory=list)
    latitude: float
    longitude: float


class PostStatusChangeRead(_Out):
    id: uuid.UUID
    status: str
    opens_at: time | None
    closes_at: time | None
    measures: list[str]
    previous: dict[str, Any]
    reason: str
    changed_by: uuid.UUID
    created_at: datetime


# --- emergencies ---------------------------------------------------------------------


class EmergencyIn(_In):
    country: str = Field(min_length=2, max_length=3)
    region: str = Field(min_length=2, max_length=120)
    districts: list[str] = Field(default_factory=list, max_length=50)
    posts: list[str] = Field(min_length=1, max_length=10)
    starts_on: date
    duration_days: int | None = Field(None, ge=1, le=366)
    ends_on: date | None = None
    measures: list[str] = Field(min_length=1, max_length=20)
    legal_reference: str = Field(min_length=3, max_length=300)
    summary: str = Field("", max_length=1000)
    supersedes: uuid.UUID | None = None

    _dates = field_validator("starts_on", "ends_on")(_plausible)

    @model_validator(mode="after")
    def _one_end(self) -> "EmergencyIn":
        if (self.duration_days is None) == (self.ends_on is None):
            raise ValueError("give either duration_days or ends_on")
        if self.ends_on is not None and self.ends_on < self.starts_on:
            raise ValueError("ends_on is before starts_on")
        return self


class EmergencyLiftIn(_In):
    reason: str = Field(min_length=3, max_length=500)
    ends_on: date | None = None

    _when = field_validator("ends_on")(_plausible)


class EmergencyRead(_Out):
    id: uuid.UUID
    country: str
    region: str
    districts: list[str]
    post_codes: list[str]
    measures: list[str]
    starts_on: date
    ends_on: date
    legal_reference: str
    summary: str
    status: str
    supersedes_id: uuid.UUID | None
    superseded_by_id: uuid.UUID | None
    lifted_reason: str
    created_at: datetime


# --- notices -------------------------------------------------------------------------


class NoticeIn(_In):
    kind: NoticeKind
    post: str | None = None
    title: str = Field(min_length=3, max_length=200)
    message: str = Field(min_length=3, max_length=2000)
    effective_from: AwareDatetime | None = None
    effective_until: AwareDatetime | None = None
    public: bool = True

    _dates = field_validator("effective_from", "effective_until")(_plausible)

    @model_validator(mode="after")
    def _window(self) -> "NoticeIn":
        start, end = self.effective_from, self.effective_until
        if start and end and end <= start:
            raise ValueError("effective_until must be after effective_from")
        return self


class NoticeRead(_Out):
    id: uuid.UUID
    kind: str
    post: str | None = None
    title: str
    message: str
    effective_from: datetime
    effective_until: datetime | None
    public: bool
    country: str
    created_at: datetime


# --- sections and events -------------------------------------------------------------


class SectionRead(BaseModel):
    code: str
    name: str
    kind: str
    countries: list[str]
    owner_agency: str
    impact_level: ImpactLevel
    impact_source: Literal["derived", "owner"]
    derived_level: ImpactLevel
    recent_events: int
    response: str
    override_reason: str
    override_until: datetime | None
    length_km: float


class SectionImpactIn(_In):
    level: ImpactLevel | None = Field(description="None clears the override.")
    reason: str = Field(min_length=3, max_length=500)
    until: AwareDatetime | None = None


class EventIn(_In):
    kind: EventKind
    location: dict[str, Any]
    occurred_at: AwareDatetime
    confidence: Confidence
    proposed_impact: ImpactLevel
    description: str = Field("", max_length=4000)
    people_count: int | None = Field(None, ge=0, le=100_000)
    patrol: str | None = None

    _when = field_validator("occurred_at")(_plausible)


class EventImpactIn(_In):
    level: ImpactLevel
    reason: str = Field("", max_length=500)


class EventRead(_Out):
    id: uuid.UUID
    kind: str
    geometry: dict[str, Any]
    longitude: float
    latitude: float
    occurred_at: datetime
    confidence: str
    description: str
    people_count: int | None
    proposed_impact: str
    impact: str | None
    section: str | None = None
    distance_km: float | None
    reporter_agency: str = ""
    created_at: datetime


# --- patrols -------------------------------------------------------------------------


class CrewMember(_In):
    name: str = Field(min_length=2, max_length=120)
    agency: str = Field(min_length=3, max_length=40)
    role: str = Field("", max_length=60)


class PatrolIn(_In):
    code: str = Field(min_length=3, max_length=60, pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]+$")
    kind: PatrolKind
    agencies: list[str] = Field(min_length=2, max_length=10)
    sections: list[str] = Field(min_length=1, max_length=10)
    starts_at: AwareDatetime
    ends_at: AwareDatetime
    crew: list[CrewMember] = Field(default_factory=list, max_length=60)

    _dates = field_validator("starts_at", "ends_at")(_plausible)

    @model_validator(mode="after")
    def _window(self) -> "PatrolIn":
        if self.ends_at <= self.starts_at:
            raise ValueError("ends_at must be after starts_at")
        return self


class TrackPoint(_In):
    longitude: float
    latitude: float
    at: AwareDatetime


class PatrolTrackIn(_In):
    """Either a GeoJSON LineString or timed points (a device's log), not both."""

    track: dict[str, Any] | None = None
    points: list[TrackPoint] | None = Field(None, max_length=100_000)
    findings: str = Field("", max_length=4000)
    events: list[uuid.UUID] = Field(default_factory=list, max_length=200)

    @model_validator(mode="after")
    def _one_track(self) -> "PatrolTrackIn":
        if (self.track is None) == (self.points is None):
            raise ValueError("give either track (GeoJSON LineString) or points")
        return self


class PatrolRead(_Out):
    id: uuid.UUID
    code: str
    kind: str
    agencies: list[str]
    section_codes: list[str]
    starts_at: datetime
    ends_at: datetime
    crew: list[dict[str, str]]
    status: str
    track: dict[str, Any] | None
    findings: str
    created_at: datetime


class SectionCoverage(BaseModel):
    section: str
    name: str
    length_km: float
    covered_km: float
    fraction: float
    patrols: list[str]


class CoverageReport(BaseModel):
    since: datetime
    until: datetime
    buffer_km: float
    sections: list[SectionCoverage]
    unpatrolled: list[str]
