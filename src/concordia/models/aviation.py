"""Narco-flight detection: imported track batches and what the detector found in them.

The plots themselves are not kept: the batch file is the source, and each flight keeps a
thinned path (at most a few hundred points) for the map. Sites, flights and routes are
per batch, so a re-import never rewrites an earlier analysis.
"""

import uuid
from datetime import datetime

from sqlalchemy import JSON, Boolean, Float, ForeignKey, Integer, String, UniqueConstraint, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from concordia.db import Base
from concordia.models.base import RecordMixin, UTCDateTime


class TrackBatch(RecordMixin, Base):
    """One imported tracks file, owned by the importing agency."""

    __tablename__ = "aviation_batch"

    name: Mapped[str] = mapped_column(String(200))
    owner_agency_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("agency.id"), index=True)
    country: Mapped[str] = mapped_column(String(3))
    created_by: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("app_user.id"))
    file_format: Mapped[str] = mapped_column(String(10))
    flights: Mapped[int] = mapped_column(Integer)
    plots: Mapped[int] = mapped_column(Integer)
    with_flight_plans: Mapped[bool] = mapped_column(Boolean, default=False)


class LandingSite(RecordMixin, Base):
    """A cluster of take-offs and landings: a known aerodrome or a candidate strip."""

    __tablename__ = "aviation_site"
    __table_args__ = (UniqueConstraint("batch_id", "code"),)

    batch_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("aviation_batch.id"))
    code: Mapped[str] = mapped_column(String(10))
    latitude: Mapped[float] = mapped_column(Float)
    longitude: Mapped[float] = mapped_column(Float)
    registered: Mapped[bool] = mapped_column(Boolean)
    nearest_aerodrome: Mapped[str | None] = mapped_column(String(200))
    distance_km: Mapped[float | None] = mapped_column(Float)
    flights: Mapped[list[str]] = mapped_column(JSON, default=list)


class AnalysedFlight(RecordMixin, Base):
    """One flight of a batch with its score and reasons (score 0: nothing suspect)."""

    __tablename__ = "aviation_flight"
    __table_args__ = (UniqueConstraint("batch_id", "flight_id"),)

    batch_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("aviation_batch.id"))
    flight_id: Mapped[str] = mapped_column(String(100))
    icao24: Mapped[str | None] = mapped_column(String(10))
    callsign: Mapped[str | None] = mapped_column(String(20))
    first_seen: Mapped[datetime] = mapped_column(UTCDateTime)
    last_seen: Mapped[datetime] = mapped_column(UTCDateTime)
    plots: Mapped[int] = mapped_column(Integer)
    path: Mapped[list[list[float]]] = mapped_column(JSON, default=list)  # [lon, lat]
    origin_site: Mapped[str | None] = mapped_column(String(10))
    destination_site: Mapped[str | None] = mapped_column(String(10))
    borders_crossed: Mapped[list[str]] = mapped_column(JSON, default=list)
    score: Mapped[float] = mapped_column(Float, default=0.0)
    reasons: Mapped[list[str]] = mapped_column(JSON, default=list)
    reason_codes: Mapped[list[str]] = mapped_column(JSON, default=list)
    suspect: Mapped[bool] = mapped_column(Boolean, default=False, index=True)


class FlightRoute(RecordMixin, Base):
    """Flights of a batch between the same two sites."""

    __tablename__ = "aviation_route"

    batch_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("aviation_batch.id"), index=True)
    origin_site: Mapped[str] = mapped_column(String(10))
    destination_site: Mapped[str] = mapped_column(String(10))
    flights: Mapped[list[str]] = mapped_column(JSON, default=list)
    recurrent: Mapped[bool] = mapped_column(Boolean, default=False)
