"""Watch-list and alert models for the API and CLI."""

import uuid
from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

Kind = Literal["person", "document", "vehicle"]
Category = Literal[
    "wanted_person",
    "entry_ban",
    "expulsion_order",
    "missing_person",
    "missing_minor",
    "person_of_interest",
    "lost_document",
    "stolen_document",
    "stolen_vehicle",
    "wanted_vehicle",
]
Action = Literal[
    "arrest",
    "refuse_entry",
    "protect_minor",
    "discreet_check",
    "seize_document",
    "seize_vehicle",
]
KIND_OF_CATEGORY: dict[str, str] = {
    "lost_document": "document",
    "stolen_document": "document",
    "stolen_vehicle": "vehicle",
    "wanted_vehicle": "vehicle",
}
Name = Field(default="", max_length=200)


class ListCreate(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    code: str = Field(min_length=3, max_length=60, pattern=r"^[A-Z0-9][A-Z0-9-]+$")
    name: str = Field(min_length=3, max_length=200)
    owner_agency: str = Field(min_length=3, max_length=40)
    category: Category
    action: Action
    legal_reference: str = Field(default="", max_length=300)
    shared_with: list[str] = Field(default_factory=list, max_length=50)


class ListRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    code: str
    name: str
    country: str
    kind: str
    category: str
    action: str
    legal_reference: str
    shared_with: list[str]


class AlertCreate(BaseModel):
    """One alert; which fields matter depends on the list's kind."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    list_code: str = Field(min_length=3, max_length=60)
    external_id: str | None = Field(default=None, min_length=1, max_length=120)
    category: Category | None = None
    action: Action | None = None
    valid_from: date | None = None
    valid_until: date | None = None
    legal_reference: str = Field(default="", max_length=300)
    names: list[str] = Field(default_factory=list, max_length=20)
    first_names: list[str] = Field(default_factory=list, max_length=10)
    middle_names: list[str] = Field(default_factory=list, max_length=10)
    last_names: list[str] = Field(default_factory=list, max_length=10)
    birth_dates: list[str] = Field(default_factory=list, max_length=10)
    nationalities: list[str] = Field(default_factory=list, max_length=10)
    gender: Literal["male", "female"] | None = None
    document_numbers: list[str] = Field(default_factory=list, max_length=20)
    document_type: str | None = Field(default=None, max_length=20)
    issuing_state: str | None = Field(default=None, min_length=2, max_length=3)
    reported_on: date | None = None
    plate: str | None = Field(default=None, min_length=2, max_length=20)
    vin: str | None = Field(default=None, min_length=11, max_length=17)

    @model_validator(mode="after")
    def _dates_in_order(self) -> "AlertCreate":
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            raise ValueError("valid_until is before valid_from")
        return self


class AlertRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    list_id: uuid.UUID
    external_id: str
    kind: str
    category: str
    action: str
    country: str
    status: str
    valid_from: date | None
    valid_until: date | None
    legal_reference: str
    names: list[str]
    first_names: list[str]
    last_names: list[str]
    birth_dates: list[str]
    nationalities: list[str]
    gender: str | None
    document_numbers: list[str]
    issuing_state: str | None
    plate: str | None


class ImportReport(BaseModel):
    """What an import did; `errors` lists every bad row with its line number."""

    list_code: str
    read: int
    created: int
    updated: int
    unchanged: int
    withdrawn: int
    errors: list[dict[str, object]]
