"""Pydantic shapes of the analytics API: flows, waits, staffing, scenarios, forecasts."""

import uuid
from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

Flow = Literal["pedestrian", "car", "bus", "cargo"]
Direction = Literal["a_to_b", "b_to_a"]
Basis = Literal["measured", "estimated", "predicted"]


class FlowPoint(BaseModel):
    start: datetime  # local time of side A
    count: int
    last_week: int
    last_year: int


class FlowSeries(BaseModel):
    key: dict[str, str]
    points: list[FlowPoint]


class FlowReport(BaseModel):
    post: str
    measure: Literal["arrivals", "processed"]
    granularity: Literal["15min", "hour", "day"]
    basis: Basis = "measured"
    series: list[FlowSeries]


class LaneWait(BaseModel):
    """One lane's current wait, labelled by how it was obtained."""

    flow: Flow
    direction: Direction
    delay_minutes: float | None
    basis: Basis | None  # measured from queue tickets, or estimated by Erlang C
    booths_open: int
    travellers_last_hour: int
    measured_sample: int  # decided travellers with a queue ticket in the last hour
    update_time: datetime


class PostWaits(BaseModel):
    post: str
    name: str
    status: str
    local_time: datetime
    lanes: list[LaneWait]


class WaitFeed(BaseModel):
    """Public feed, after the US CBP border wait-time feed: one entry per post."""

    generated_at: datetime
    notice: str
    posts: list[PostWaits]


class StaffingHour(BaseModel):
    hour: int
    arrivals: float  # predicted travellers in the hour (mean of past same weekdays)
    booths: int
    erlang_wait_min: float
    erlang_service_level: float
    simulated_wait_min: float
    simulated_service_level: float
    simulated_booths: int  # fewest booths meeting the level in simulation (sizing.py)


class StaffingPlan(BaseModel):
    post: str
    flow: Flow
    direction: Direction
    day: date
    target_min: float
    level: float
    service_min: float
    group_size: int
    basis: Basis = "predicted"
    hours: list[StaffingHour]


class Window(BaseModel):
    model_config = ConfigDict(extra="forbid")
    start_hour: float = Field(ge=0)
    hours: float = Field(gt=0)


class FactorWindow(Window):
    factor: float = Field(gt=0, le=20)


class ScenarioCreate(BaseModel):
    """A what-if run: a base day of arrivals repeated over `days`, with events."""

    model_config = ConfigDict(extra="forbid")
    name: str = Field(min_length=1, max_length=120)
    post: str
    flow: Flow
    direction: Direction = "a_to_b"
    days: int = Field(1, ge=1, le=90)
    hourly_arrivals: list[float] | None = Field(None, min_length=24, max_length=24)
    booths: list[int] | None = Field(None, min_length=24, max_length=24)
    service_min: float | None = Field(None, gt=0, le=120)
    group_size: int = Field(1, ge=1, le=60)
    booths_closed: list[FactorWindow] = Field(default_factory=list)  # factor = booths shut
    outages: list[Window] = Field(default_factory=list)
    extra_checks: list[FactorWindow] = Field(default_factory=list)
    surges: list[FactorWindow] = Field(default_factory=list)
    target_min: float = Field(15, gt=0, le=600)
    seed: int = 0

    @field_validator("hourly_arrivals")
    @classmethod
    def _arrivals(cls, value: list[float] | None) -> list[float] | None:
        if value and min(value) < 0:
            raise ValueError("hourly_arrivals must be >= 0")
        return value

    @field_validator("booths")
    @classmethod
    def _booths(cls, value: list[int] | None) -> list[int] | None:
        if value and (min(value) < 0 or max(value) < 1):
            raise ValueError("booths must be >= 0 with at least one open")
        return value


class ScenarioRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: uuid.UUID
    name: str
    post: str
    flow: str
    country: str
    created_at: datetime
    params: dict[str, object]
    results: dict[str, object]


class Comparison(BaseModel):
    """Scenarios side by side: one summary each and hourly series for a chart."""

    scenarios: list[dict[str, object]]
    hours: list[int]
    series: dict[str, dict[str, list[float]]]  # metric -> scenario name -> values


class ForecastPoint(BaseModel):
    start: datetime
    mean: float
    lo80: float
    hi80: float
    lo95: float
    hi95: float
    holidays: list[str]


class ForecastReport(BaseModel):
    post: str
    series: Literal["arrivals", "stranded"]
    granularity: Literal["day", "hour"]
    basis: Basis = "predicted"
    history: list[tuple[datetime, float]]
    points: list[ForecastPoint]


class DiversionShare(BaseModel):
    destination: str
    share: float
    per_day: float
    lo80: float
    hi80: float
    lo95: float
    hi95: float


class DiversionReport(BaseModel):
    post: str
    basis: Basis = "estimated"
    closures_in_history: int
    daily_volume_mean: float
    routes: list[str]
    shares: list[DiversionShare]
