"""Vehicle data as submitted with a crossing."""

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class VehicleIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    plate: str = Field(min_length=2, max_length=12, pattern=r"^[A-Za-z0-9 -]+$")
    registration_country: str = Field(min_length=2, max_length=3, pattern=r"^[A-Za-z]{2,3}$")
    kind: Literal["car", "van", "bus", "truck", "motorcycle"] = "car"
    make: str | None = Field(default=None, max_length=60)
