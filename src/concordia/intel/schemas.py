"""Seizures, links and intelligence messages for the API and CLI."""

import uuid
from datetime import datetime
from typing import Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, field_validator

Substance = Literal[
    "cocaine_hydrochloride",
    "cocaine_paste",
    "marijuana",
    "precursor_chemicals",
    "fuel",
    "cash",
    "contraband_goods",
]
PlaceKind = Literal["post", "road", "lake", "airstrip", "port", "other"]
EntityKind = Literal["person", "vehicle", "boat", "aircraft", "phone", "company", "crossing"]
# Traffic Light Protocol 2.0 (FIRST): who the recipient may pass the message on to.
Handling = Literal["TLP:CLEAR", "TLP:GREEN", "TLP:AMBER", "TLP:AMBER+STRICT", "TLP:RED"]
_STRICT = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Point(BaseModel):
    """A GeoJSON Point: [longitude, latitude] in WGS 84."""

    model_config = _STRICT

    type: Literal["Point"]
    coordinates: tuple[float, float]

    @field_validator("coordinates")
    @classmethod
    def _in_range(cls, value: tuple[float, float]) -> tuple[float, float]:
        lon, lat = value
        if not (-180 <= lon <= 180 and -90 <= lat <= 90):
            raise ValueError("coordinates are [longitude, latitude] within ±180 and ±90")
        return value


class EntityRef(BaseModel):
    """An entity by kind and reference: an id for persons, vehicles and crossings (or
    COUNTRY:PLATE for a vehicle, e.g. "PER:V7K-482"); the number, name or registration
    for phones, companies, boats and aircraft."""

    model_config = _STRICT

    kind: EntityKind
    ref: str = Field(min_length=1, max_length=120)
    label: str = Field(default="", max_length=200)


class SeizureLinkIn(EntityRef):
    role: str = Field(default="vinculado", min_length=2, max_length=60)


class SeizureCreate(BaseModel):
    model_config = _STRICT

    reference: str | None = Field(default=None, max_length=60, pattern=r"^[A-Z0-9][A-Z0-9/-]+$")
    agency: str | None = Field(default=None, max_length=40)
    occurred_at: AwareDatetime
    place_kind: PlaceKind
    place_name: str = Field(min_length=2, max_length=200)
    post: str | None = Field(default=None, max_length=40)
    location: Point | None = None
    substance: Substance
    quantity: float = Field(gt=0, le=1e10)
    unit: str = Field(min_length=1, max_length=8)
    concealment: str = Field(default="", max_length=300)
    route_origin: str = Field(default="", max_length=120)
    route_destination: str = Field(default="", max_length=120)
    notes: str = Field(default="", max_length=2000)
    links: list[SeizureLinkIn] = Field(default_factory=list, max_length=100)


class SeizureRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    reference: str
    country: str
    agency: str = ""
    occurred_at: datetime
    place_kind: str
    place_name: str
    latitude: float
    longitude: float
    substance: str
    quantity: float
    unit: str
    concealment: str
    route_origin: str
    route_destination: str
    notes: str
    links: list[dict[str, str]] = Field(default_factory=list)


class LinkCreate(BaseModel):
    model_config = _STRICT

    source: EntityRef
    target: EntityRef
    relation: str = Field(min_length=2, max_length=60)
    category: Literal["intelligence", "seizures"] = "intelligence"


class MessageCreate(BaseModel):
    model_config = _STRICT

    kind: Literal["report", "request"]
    to_agency: str = Field(min_length=3, max_length=40)
    reference: str | None = Field(default=None, max_length=60, pattern=r"^[A-Z0-9][A-Z0-9/-]+$")
    subject: str = Field(min_length=3, max_length=300)
    body: str = Field(min_length=1, max_length=20000)
    handling: Handling = "TLP:AMBER"
    grading: str | None = Field(default=None, pattern=r"^[A-F][1-6]$")
    priority: Literal["urgent", "normal"] = "normal"
    seizure_ids: list[uuid.UUID] = Field(default_factory=list, max_length=50)


class MessageRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    reference: str
    kind: str
    from_agency: str = ""
    to_agency: str = ""
    from_country: str
    to_country: str
    subject: str
    body: str
    handling: str
    grading: str | None
    priority: str
    status: str
    seizure_ids: list[str]
    due_at: datetime | None
    sent_at: datetime | None
    acknowledged_at: datetime | None
    answered_at: datetime | None
    closed_at: datetime | None
    escalated_at: datetime | None
    answer: str


class AnswerIn(BaseModel):
    model_config = _STRICT

    answer: str = Field(min_length=1, max_length=20000)
