"""Counter-narcotics police data: seizures, intelligence messages, and the link graph."""

import uuid
from datetime import datetime

from sqlalchemy import JSON, Float, ForeignKey, Index, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from concordia.db import Base
from concordia.models.base import RecordMixin, UTCDateTime


class Seizure(RecordMixin, Base):
    """One seizure by one agency: what, how much, where, hidden how, going where.

    Shared with other forces only through a "seizures" sharing agreement.
    """

    __tablename__ = "seizure"
    __table_args__ = (
        Index("ix_seizure_owner_time", "owner_agency_id", "occurred_at"),
        Index("ix_seizure_country_time", "country", "occurred_at"),
    )

    reference: Mapped[str] = mapped_column(String(60), unique=True)
    owner_agency_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("agency.id"))
    country: Mapped[str] = mapped_column(String(3))
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime)
    place_kind: Mapped[str] = mapped_column(String(12))
    place_name: Mapped[str] = mapped_column(String(200))
    post_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("border_post.id"))
    latitude: Mapped[float] = mapped_column(Float)
    longitude: Mapped[float] = mapped_column(Float)
    substance: Mapped[str] = mapped_column(String(30))
    quantity: Mapped[float] = mapped_column(Float)
    unit: Mapped[str] = mapped_column(String(8))
    concealment: Mapped[str] = mapped_column(String(300), default="")
    route_origin: Mapped[str] = mapped_column(String(120), default="")
    route_destination: Mapped[str] = mapped_column(String(120), default="")
    notes: Mapped[str] = mapped_column(String(2000), default="")
    created_by: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("app_user.id"))


class IntelEntity(RecordMixin, Base):
    """A node of the link graph, unique by `key` ("phone:+51987654321", "person:<uuid>").

    Persons, vehicles and crossings point at the existing rows by id; phones, companies,
    boats and aircraft exist only here, keyed by their normalised identifier.
    """

    __tablename__ = "intel_entity"

    key: Mapped[str] = mapped_column(String(120), unique=True)
    kind: Mapped[str] = mapped_column(String(12))
    label: Mapped[str] = mapped_column(String(200))


class IntelLink(RecordMixin, Base):
    """An edge between two entity keys, owned by the agency that recorded it.

    `category` ("seizures" or "intelligence") is the agreement category that lets other
    agencies see it; a link recorded with a seizure carries the seizure's id.
    """

    __tablename__ = "intel_link"
    __table_args__ = (Index("ix_intel_link_owner", "owner_agency_id", "category"),)

    source_key: Mapped[str] = mapped_column(String(120), index=True)
    target_key: Mapped[str] = mapped_column(String(120), index=True)
    relation: Mapped[str] = mapped_column(String(60))
    category: Mapped[str] = mapped_column(String(20))
    owner_agency_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("agency.id"))
    country: Mapped[str] = mapped_column(String(3))
    seizure_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("seizure.id"), index=True)
    created_by: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("app_user.id"))


class IntelMessage(RecordMixin, Base):
    """An intelligence report or request from one force to a partner force.

    status: draft, sent, acknowledged, answered, closed, overdue (a request past its
    deadline, escalated). An answer is the `answer` text of the request itself.
    """

    __tablename__ = "intel_message"
    __table_args__ = (
        Index("ix_intel_message_due", "status", "due_at"),
        Index("ix_intel_message_to", "to_agency_id", "status"),
    )

    reference: Mapped[str] = mapped_column(String(60), unique=True)
    kind: Mapped[str] = mapped_column(String(10))
    from_agency_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("agency.id"), index=True)
    to_agency_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("agency.id"))
    from_country: Mapped[str] = mapped_column(String(3))
    to_country: Mapped[str] = mapped_column(String(3))
    subject: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    handling: Mapped[str] = mapped_column(String(20))
    grading: Mapped[str | None] = mapped_column(String(2))
    priority: Mapped[str] = mapped_column(String(8))
    status: Mapped[str] = mapped_column(String(14), default="draft")
    seizure_ids: Mapped[list[str]] = mapped_column(JSON, default=list)
    due_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    acknowledged_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    escalated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    answer: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("app_user.id"))
