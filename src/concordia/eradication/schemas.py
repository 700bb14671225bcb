"""Eradication campaigns, progress, joint operations, fields, estimates for API and CLI."""

import uuid
from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

_STRICT = ConfigDict(extra="forbid", str_strip_whitespace=True)
Hectares = Field(ge=0, le=1_000_000)
Code = Field(min_length=3, max_length=60, pattern=r"^[A-Z0-9][A-Z0-9-]+$")


class CampaignCreate(BaseModel):
    model_config = _STRICT

    code: str = Code
    name: str = Field(min_length=3, max_length=200)
    agency: str = Field(min_length=3, max_length=40)
    executing_body: str = Field(default="", max_length=120)
    starts_on: date
    ends_on: date
    target_ha: float = Field(gt=0, le=1_000_000)
    partner_countries: list[str] = Field(default_factory=list, max_length=5)
    source: str = Field(default="", max_length=300)

    @model_validator(mode="after")
    def _dates(self) -> "CampaignCreate":
        if self.ends_on < self.starts_on:
            raise ValueError("ends_on is before starts_on")
        return self


class CampaignRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    code: str
    name: str
    country: str
    executing_body: str
    starts_on: date
    ends_on: date
    target_ha: float
    partner_countries: list[str]
    source: str


class ProgressIn(BaseModel):
    model_config = _STRICT

    province: str = Field(min_length=2, max_length=120)
    period_start: date
    period_end: date
    target_ha: float | None = Field(default=None, ge=0, le=1_000_000)
    achieved_ha: float = Hectares

    @model_validator(mode="after")
    def _dates(self) -> "ProgressIn":
        if self.period_end < self.period_start:
            raise ValueError("period_end is before period_start")
        return self


class OperationCreate(BaseModel):
    model_config = _STRICT

    code: str = Code
    partner_agency: str = Field(min_length=3, max_length=40)
    zone: str = Field(min_length=2, max_length=200)
    starts_on: date
    ends_on: date | None = None
    eradicated_ha: float = Hectares
    notes: str = Field(default="", max_length=1000)


class FieldCreate(BaseModel):
    model_config = _STRICT

    province: str = Field(min_length=2, max_length=120)
    geometry: dict[str, Any]
    status: Literal["detected", "eradicated", "replanted"] = "detected"
    eradicated_on: date | None = None
    operation: str | None = Field(default=None, max_length=60)


class FieldRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    province: str
    area_ha: float
    status: str
    eradicated_on: date | None
    geometry: dict[str, Any]


class EstimateIn(BaseModel):
    model_config = _STRICT

    country: str = Field(min_length=2, max_length=3)
    year: int = Field(ge=1990, le=2100)
    zone: str = Field(min_length=2, max_length=120)
    parent_zone: str | None = Field(default=None, max_length=120)
    hectares: float = Hectares
    source: str = Field(min_length=2, max_length=120)


class AltDevelopmentIn(BaseModel):
    model_config = _STRICT

    country: str = Field(min_length=2, max_length=3)
    year: int = Field(ge=1990, le=2100)
    zone: str = Field(min_length=2, max_length=120)
    families: int = Field(ge=0, le=10_000_000)
    coffee_ha: float = Hectares
    cacao_ha: float = Hectares
    source: str = Field(min_length=2, max_length=120)
