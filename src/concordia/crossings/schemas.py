"""Request and response models of the crossing API and CLI."""

import uuid
from datetime import date, datetime
from typing import Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, model_validator

from concordia.vehicles.schemas import VehicleIn

Mode = Literal["foot", "car", "bus", "truck"]
Decision = Literal["clear", "refer", "refuse"]
Sex = Literal["M", "F", "X"]
Alpha3 = Field(min_length=2, max_length=3, pattern=r"^[A-Za-z]{2,3}$")


class TypedDocument(BaseModel):
    """A document typed by the officer when it has no readable MRZ (e.g. an old ID card)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    document_code: str = Field(min_length=1, max_length=2, pattern=r"^[A-Z][A-Z<]?$")
    issuing_state: str = Alpha3
    number: str = Field(min_length=1, max_length=30, pattern=r"^[A-Za-z0-9]+$")
    expiry_date: date | None = None
    surnames: str = Field(min_length=1, max_length=120)
    given_names: str = Field(default="", max_length=120)
    birth_date: date | None = None
    sex: Sex = "X"
    nationality: str = Alpha3


class DocumentIn(BaseModel):
    """Either the MRZ as read by the scanner, or the typed fields; never both."""

    model_config = ConfigDict(extra="forbid")

    mrz: str | None = Field(default=None, max_length=200)
    typed: TypedDocument | None = None

    @model_validator(mode="after")
    def _one_source(self) -> "DocumentIn":
        if (self.mrz is None) == (self.typed is None):
            raise ValueError("give exactly one of document.mrz or document.typed")
        return self


class CrossingCreate(BaseModel):
    """One traveller presented at a post, heading from one country to the other."""

    model_config = ConfigDict(extra="forbid")

    post: str = Field(min_length=1, max_length=40)
    from_country: str = Alpha3
    to_country: str = Alpha3
    mode: Mode
    document: DocumentIn
    occurred_at: AwareDatetime | None = None
    idempotency_key: str | None = Field(default=None, min_length=8, max_length=80)
    control_country: str | None = Field(default=None, min_length=2, max_length=3)
    vehicle: VehicleIn | None = None
    vehicle_role: Literal["driver", "passenger"] | None = None
    minor_accompaniment: Literal["both_parents", "one_parent", "unaccompanied"] | None = None
    has_minor_authorisation: bool = False
    has_visa: bool = False

    @model_validator(mode="after")
    def _vehicle_consistent(self) -> "CrossingCreate":
        if self.vehicle is not None and self.vehicle_role is None:
            raise ValueError("vehicle_role is required when a vehicle is given")
        if self.vehicle is None and self.vehicle_role is not None:
            raise ValueError("vehicle is required when vehicle_role is given")
        return self


class DecisionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    country: str = Alpha3
    decision: Decision
    note: str = Field(default="", max_length=500)


class FiredRuleRead(BaseModel):
    id: str
    text: str
    outcome: str


class CheckRead(BaseModel):
    country: str
    movement: Literal["exit", "entry"]
    ruleset: str
    recommendation: Decision
    fired_rules: list[FiredRuleRead]
    stay_days: int | None
    decision: Decision | None
    decided_by: str | None
    decided_at: datetime | None
    note: str


class RecordRead(BaseModel):
    id: uuid.UUID
    country: str
    movement: Literal["exit", "entry"]
    recorded_at: datetime
    recorded_at_local: str
    officer: str | None


class TravellerRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    surnames: str
    given_names: str
    birth_date: date | None
    sex: str
    nationality: str


class DocumentRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    kind: str
    document_code: str
    issuing_state: str
    number: str
    expiry_date: date | None
    linked_by: str


class CrossingRead(BaseModel):
    id: uuid.UUID
    post: str
    from_country: str
    to_country: str
    control: str
    mode: str
    status: Literal["pending", "referred", "completed", "refused"]
    outcome: str
    occurred_at: datetime
    occurred_at_local: dict[str, str]
    completed_at: datetime | None
    traveller: TravellerRead
    document: DocumentRead
    vehicle_plate: str | None
    vehicle_role: str | None
    group_id: uuid.UUID | None
    checks: list[CheckRead]
    records: list[RecordRead]
    replayed: bool = False


class PersonIn(BaseModel):
    """A driver or passenger of a vehicle crossing, with what the rules need to know."""

    model_config = ConfigDict(extra="forbid")

    document: DocumentIn
    minor_accompaniment: Literal["both_parents", "one_parent", "unaccompanied"] | None = None
    has_minor_authorisation: bool = False
    has_visa: bool = False


class GroupCreate(BaseModel):
    """A vehicle with its driver and passengers, inspected together (car, bus or truck)."""

    model_config = ConfigDict(extra="forbid")

    post: str = Field(min_length=1, max_length=40)
    from_country: str = Alpha3
    to_country: str = Alpha3
    mode: Literal["car", "bus", "truck"]
    vehicle: VehicleIn
    driver: PersonIn
    passengers: list[PersonIn] = Field(default_factory=list, max_length=80)
    occurred_at: AwareDatetime | None = None
    idempotency_key: str | None = Field(default=None, min_length=8, max_length=70)
    control_country: str | None = Field(default=None, min_length=2, max_length=3)


class GroupDecisionResult(BaseModel):
    decided: list[uuid.UUID]
    left_for_individual_decision: list[uuid.UUID]
