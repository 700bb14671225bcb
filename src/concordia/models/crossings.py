"""Inspections at a post, each country's check, and the movement records they produce."""

import uuid
from datetime import date, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
    Uuid,
)
from sqlalchemy.orm import Mapped, mapped_column

from concordia.db import Base
from concordia.models.base import RecordMixin, UTCDateTime


class Crossing(RecordMixin, Base):
    """One traveller's inspection at a post, from one country towards the other.

    status: pending (a check awaits its officer), completed (exit and entry written),
    referred (sent to secondary inspection), refused (did not leave / not admitted).
    """

    __tablename__ = "crossing"
    __table_args__ = (
        Index("ix_crossing_post_time", "post_id", "occurred_at"),
        Index("ix_crossing_traveller_time", "traveller_id", "occurred_at"),
    )

    idempotency_key: Mapped[str | None] = mapped_column(String(80), unique=True)
    request_hash: Mapped[str | None] = mapped_column(String(64))
    post_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("border_post.id"))
    from_country: Mapped[str] = mapped_column(String(3))
    to_country: Mapped[str] = mapped_column(String(3))
    control: Mapped[str] = mapped_column(String(12))
    mode: Mapped[str] = mapped_column(String(12))
    traveller_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("traveller.id"))
    document_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("travel_document.id"))
    vehicle_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("vehicle.id"))
    vehicle_role: Mapped[str | None] = mapped_column(String(12))
    group_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, index=True)
    facts: Mapped[dict[str, object]] = mapped_column(JSON, default=dict)
    status: Mapped[str] = mapped_column(String(12), default="pending")
    outcome: Mapped[str] = mapped_column(String(300), default="")
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime)
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_by: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("app_user.id"))


class CountryCheck(RecordMixin, Base):
    """One country's part of an inspection: what its rules say and what its officer decided."""

    __tablename__ = "country_check"
    __table_args__ = (UniqueConstraint("crossing_id", "country"),)

    crossing_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("crossing.id"), index=True)
    country: Mapped[str] = mapped_column(String(3))
    movement: Mapped[str] = mapped_column(String(5))
    ruleset: Mapped[str] = mapped_column(String(60))
    recommendation: Mapped[str] = mapped_column(String(6))
    fired_rules: Mapped[list[dict[str, str]]] = mapped_column(JSON, default=list)
    stay_days: Mapped[int | None] = mapped_column(Integer)
    decision: Mapped[str | None] = mapped_column(String(6))
    decided_by: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("app_user.id"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    note: Mapped[str] = mapped_column(String(500), default="")


class MovementRecord(RecordMixin, Base):
    """A country's exit or entry record, signed by that country's officer."""

    __tablename__ = "movement_record"
    __table_args__ = (
        UniqueConstraint("crossing_id", "country"),
        Index("ix_movement_traveller_country", "traveller_id", "country", "recorded_at"),
    )

    crossing_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("crossing.id"))
    country: Mapped[str] = mapped_column(String(3))
    movement: Mapped[str] = mapped_column(String(5))
    traveller_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("traveller.id"))
    document_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("travel_document.id"))
    post_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("border_post.id"))
    officer_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("app_user.id"))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Stay(RecordMixin, Base):
    """A person's presence in a country between an entry and (later) an exit, as in EES."""

    __tablename__ = "stay"
    __table_args__ = (
        Index("ix_stay_open", "country", "exited_at", "authorised_until"),
        Index("ix_stay_traveller", "traveller_id", "country", "exited_at"),
    )

    traveller_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("traveller.id"))
    country: Mapped[str] = mapped_column(String(3))
    nationality: Mapped[str] = mapped_column(String(3))
    entry_post_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("border_post.id"))
    entry_record_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("movement_record.id")
    )
    entered_at: Mapped[datetime] = mapped_column(UTCDateTime)
    authorised_until: Mapped[date | None] = mapped_column(Date)
    exit_record_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("movement_record.id"))
    exited_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class VehicleAdmission(RecordMixin, Base):
    """Temporary admission of a foreign vehicle, tied to its driver's authorised stay."""

    __tablename__ = "vehicle_admission"
    __table_args__ = (Index("ix_vehicle_admission_open", "vehicle_id", "country", "returned_at"),)

    vehicle_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("vehicle.id"))
    country: Mapped[str] = mapped_column(String(3))
    driver_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("traveller.id"))
    crossing_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("crossing.id"))
    admitted_at: Mapped[datetime] = mapped_column(UTCDateTime)
    valid_until: Mapped[date] = mapped_column(Date)
    returned_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    return_crossing_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("crossing.id"))
    returned_late: Mapped[bool] = mapped_column(Boolean, default=False)
