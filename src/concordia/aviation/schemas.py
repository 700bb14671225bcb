"""Track batches as the API and CLI show them; map layers are GeoJSON dictionaries."""

import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict


class BatchRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    name: str
    country: str
    file_format: str
    flights: int
    plots: int
    with_flight_plans: bool
    created_at: datetime
    sites: int = 0
    candidate_sites: int = 0
    suspect_flights: int = 0
