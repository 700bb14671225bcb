"""Watch lists: alerts on persons, documents and vehicles; hits and notifications."""

import uuid
from datetime import date, datetime

from sqlalchemy import (
    JSON,
    BigInteger,
    Date,
    Float,
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


class WatchList(RecordMixin, Base):
    """A list owned by one agency of one country (e.g. PNP requisitorias)."""

    __tablename__ = "watch_list"

    code: Mapped[str] = mapped_column(String(60), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    owner_agency_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("agency.id"))
    country: Mapped[str] = mapped_column(String(3))
    kind: Mapped[str] = mapped_column(String(10))
    category: Mapped[str] = mapped_column(String(30))
    action: Mapped[str] = mapped_column(String(20))
    legal_reference: Mapped[str] = mapped_column(String(300), default="")
    shared_with: Mapped[list[str]] = mapped_column(JSON, default=list)


class Alert(RecordMixin, Base):
    """One watched person, document or vehicle; `external_id` is the source's entity id."""

    __tablename__ = "alert"
    __table_args__ = (
        UniqueConstraint("list_id", "external_id"),
        Index("ix_alert_status_kind", "status", "kind"),
    )

    list_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("watch_list.id"), index=True)
    external_id: Mapped[str] = mapped_column(String(120))
    kind: Mapped[str] = mapped_column(String(10))
    category: Mapped[str] = mapped_column(String(30))
    action: Mapped[str] = mapped_column(String(20))
    owner_agency_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("agency.id"))
    country: Mapped[str] = mapped_column(String(3))
    status: Mapped[str] = mapped_column(String(10), default="active")
    valid_from: Mapped[date | None] = mapped_column(Date)
    valid_until: Mapped[date | None] = mapped_column(Date)
    legal_reference: Mapped[str] = mapped_column(String(300), default="")
    shared_with: Mapped[list[str]] = mapped_column(JSON, default=list)
    names: Mapped[list[str]] = mapped_column(JSON, default=list)
    first_names: Mapped[list[str]] = mapped_column(JSON, default=list)
    middle_names: Mapped[list[str]] = mapped_column(JSON, default=list)
    last_names: Mapped[list[str]] = mapped_column(JSON, default=list)
    birth_dates: Mapped[list[str]] = mapped_column(JSON, default=list)
    nationalities: Mapped[list[str]] = mapped_column(JSON, default=list)
    gender: Mapped[str | None] = mapped_column(String(10))
    document_numbers: Mapped[list[str]] = mapped_column(JSON, default=list)
    document_type: Mapped[str | None] = mapped_column(String(20))
    issuing_state: Mapped[str | None] = mapped_column(String(3))
    reported_on: Mapped[date | None] = mapped_column(Date)
    plate: Mapped[str | None] = mapped_column(String(20), index=True)
    vin: Mapped[str | None] = mapped_column(String(17))
    content_hash: Mapped[str] = mapped_column(String(64))
    updated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class Hit(RecordMixin, Base):
    """A screening result above threshold, waiting for an officer's review.

    status: open, confirmed, false_positive. A false positive for the same alert and the
    same traveller data (`subject_hash`) is not raised again.
    """

    __tablename__ = "hit"
    __table_args__ = (
        Index("ix_hit_review", "status", "due_at"),
        Index("ix_hit_suppression", "alert_id", "traveller_id", "status"),
    )

    alert_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("alert.id"))
    crossing_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("crossing.id"), index=True
    )
    traveller_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("traveller.id"))
    source: Mapped[str] = mapped_column(String(20))
    subject: Mapped[dict[str, object]] = mapped_column(JSON, default=dict)
    subject_hash: Mapped[str] = mapped_column(String(64))
    score: Mapped[float] = mapped_column(Float)
    explanation: Mapped[list[dict[str, object]]] = mapped_column(JSON, default=list)
    status: Mapped[str] = mapped_column(String(16), default="open")
    due_at: Mapped[datetime] = mapped_column(UTCDateTime)
    reviewed_by: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("app_user.id"))
    reviewed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    reason: Mapped[str] = mapped_column(String(500), default="")


class Notification(RecordMixin, Base):
    """A message to an agency, e.g. the owner of an alert told of a confirmed hit."""

    __tablename__ = "notification"

    agency_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("agency.id"), index=True)
    hit_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("hit.id"))
    kind: Mapped[str] = mapped_column(String(30))
    message: Mapped[str] = mapped_column(String(1000))
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class WatchlistState(Base):
    """One row whose version changes with every alert change, so screening processes
    know when to rebuild their in-memory index without counting the alert table."""

    __tablename__ = "watchlist_state"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version: Mapped[int] = mapped_column(BigInteger, default=0)
