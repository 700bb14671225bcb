"""Read models for stays and overstayers."""

import uuid
from datetime import date, datetime

from pydantic import BaseModel


class StayRead(BaseModel):
    id: uuid.UUID
    country: str
    entry_post: str
    entered_at: datetime
    authorised_until: date | None
    exited_at: datetime | None
    days_present: int


class StaySummary(BaseModel):
    """One person in one country: what an officer needs to judge a new entry."""

    traveller_id: uuid.UUID
    country: str
    entries: int
    exits: int
    days_present: int
    present: bool
    authorised_until: date | None
    overstay_days: int
    stays: list[StayRead]


class OverstayerRead(BaseModel):
    traveller_id: uuid.UUID
    surnames: str
    given_names: str
    nationality: str
    country: str
    entry_post: str
    entered_at: datetime
    authorised_until: date
    overstay_days: int
