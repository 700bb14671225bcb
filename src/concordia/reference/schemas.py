"""Shapes of reference data: seeds read from the YAML files, and what the API returns.

Seeds are strict (unknown keys, bad kinds and unquoted times are refused) because a
typo in a data file should stop `concordia reference load`, not reach the database.
Read schemas are lenient strings: operations may introduce statuses the seeds never use.
"""

import uuid
from datetime import time
from typing import Literal, Self, get_args
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from concordia.models import BorderPost, Lane

AgencyKind = Literal[
    "migration", "customs", "police", "agriculture", "health", "armed_forces", "humanitarian"
]
Control = Literal["integrated", "sequential"]
PostStatus = Literal["open", "restricted", "closed"]
Flow = Literal["pedestrian", "car", "bus", "cargo"]
Direction = Literal["a_to_b", "b_to_a", "both"]

AGENCY_KINDS: tuple[str, ...] = get_args(AgencyKind)
FLOWS: tuple[str, ...] = get_args(Flow)
DIRECTIONS: tuple[str, ...] = get_args(Direction)

_CODE = r"^[a-z0-9]+(-[a-z0-9]+)*$"
_ALPHA3 = r"^[A-Z]{3}$"


def check_timezone(value: str) -> str:
    """An IANA zone known to zoneinfo; a wrong zone would shift every displayed time."""
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(f"unknown IANA time zone {value!r}") from exc
    return value


class _Seed(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class CountrySeed(_Seed):
    alpha3: str = Field(pattern=_ALPHA3)
    alpha2: str = Field(pattern=r"^[A-Z]{2}$")
    numeric: str = Field(pattern=r"^[0-9]{3}$")
    name_en: str = Field(min_length=1, max_length=120)
    name_es: str = Field(min_length=1, max_length=120)
    timezone: str | None = None

    @field_validator("timezone")
    @classmethod
    def _zone(cls, value: str | None) -> str | None:
        return None if value is None else check_timezone(value)


class AgencySeed(_Seed):
    code: str = Field(pattern=r"^[A-Z]{3}(-[A-Z0-9]+)+$", max_length=40)
    country: str = Field(pattern=_ALPHA3)
    kind: AgencyKind
    name: str = Field(min_length=1, max_length=200)
    acronym: str = Field(min_length=1, max_length=30)

    @model_validator(mode="after")
    def _code_names_country(self) -> Self:
        if not self.code.startswith(f"{self.country}-"):
            raise ValueError(f"code {self.code} must start with its country {self.country}-")
        return self


class LaneSeed(_Seed):
    code: str = Field(pattern=_CODE, max_length=40)
    flow: Flow
    direction: Direction
    booths: int = Field(ge=1, le=100)


class PostSeed(_Seed):
    code: str = Field(pattern=_CODE, max_length=40)
    name: str = Field(min_length=1, max_length=200)
    country_a: str = Field(pattern=_ALPHA3)
    country_b: str = Field(pattern=_ALPHA3)
    name_a: str = Field(min_length=1, max_length=120)
    name_b: str = Field(min_length=1, max_length=120)
    control: Control
    latitude: float = Field(ge=-90, le=90)
    longitude: float = Field(ge=-180, le=180)
    timezone_a: str
    timezone_b: str
    opens_at: time | None
    closes_at: time | None
    status: PostStatus = "open"
    measures: list[str] = Field(default_factory=list)
    notes: str = ""
    lanes: list[LaneSeed] = Field(min_length=1)

    @field_validator("timezone_a", "timezone_b")
    @classmethod
    def _zones(cls, value: str) -> str:
        return check_timezone(value)

    @field_validator("opens_at", "closes_at", mode="before")
    @classmethod
    def _quoted_time(cls, value: object) -> object:
        """YAML 1.1 reads an unquoted 07:00 as the integer 420; refuse it instead of guessing."""
        if value is not None and not isinstance(value, str | time):
            raise ValueError("write times quoted, like '07:00'")
        return value

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if self.country_a == self.country_b:
            raise ValueError("a post joins two different countries")
        if (self.opens_at is None) != (self.closes_at is None):
            raise ValueError("give both opens_at and closes_at, or neither for 24 hours")
        codes = [lane.code for lane in self.lanes]
        if len(codes) != len(set(codes)):
            raise ValueError(f"lane codes repeat in post {self.code}")
        return self

    def columns(self) -> dict[str, object]:
        """Values for the BorderPost row; notes and lanes live elsewhere."""
        return self.model_dump(exclude={"notes", "lanes"})


class CountryRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    alpha3: str
    alpha2: str
    numeric: str
    name_en: str
    name_es: str
    timezone: str | None


class AgencyRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    code: str
    country_code: str
    kind: str
    name: str
    acronym: str


class LaneRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    code: str
    flow: str
    direction: str = Field(description="a_to_b, b_to_a or both, relative to the post's sides")
    booths: int


class PostRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    code: str
    name: str
    country_a: str
    country_b: str
    name_a: str
    name_b: str
    control: str
    latitude: float
    longitude: float
    timezone_a: str = Field(description="IANA zone of side A; opening hours are in this zone")
    timezone_b: str
    opens_at: time | None = Field(description="local time at side A; null with closes_at: 24 h")
    closes_at: time | None = Field(description="local time at side A; 00:00 means midnight")
    status: str
    measures: list[str]
    lanes: list[LaneRead] = Field(default_factory=list)

    @classmethod
    def of(cls, post: BorderPost, lanes: list[Lane]) -> "PostRead":
        """The post and its lanes; the model has no relationship, so lanes come separately."""
        read = cls.model_validate(post)
        return read.model_copy(update={"lanes": [LaneRead.model_validate(x) for x in lanes]})
