"""Operational picture: post status history, emergencies, notices, border sections,
events and joint patrols.

Countries that share a record are kept as a comma-separated list of alpha-3 codes
(`countries`, e.g. "CHL,PER"): alpha-3 codes never contain one another, so a LIKE test
is exact and works the same on SQLite and PostgreSQL.
"""

import uuid
from datetime import date, datetime, time

from sqlalchemy import JSON, Date, Float, ForeignKey, Index, Integer, String, Text, Time, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from concordia.db import Base
from concordia.models.base import RecordMixin, UTCDateTime


class PostStatusChange(RecordMixin, Base):
    """One change of a post's status, hours or declared measures: who, when, why, and
    what it was before. The post row holds the current state; these rows are never
    updated."""

    __tablename__ = "ops_post_status_change"
    __table_args__ = (Index("ix_ops_post_status_change_post", "post_id", "created_at"),)

    post_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("border_post.id"))
    status: Mapped[str] = mapped_column(String(12))
    opens_at: Mapped[time | None] = mapped_column(Time)
    closes_at: Mapped[time | None] = mapped_column(Time)
    measures: Mapped[list[str]] = mapped_column(JSON, default=list)
    previous: Mapped[dict[str, object]] = mapped_column(JSON, default=dict)
    reason: Mapped[str] = mapped_column(String(500))
    changed_by: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("app_user.id"))
    agency_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("agency.id"))
    countries: Mapped[str] = mapped_column(String(40))


class EmergencyDeclaration(RecordMixin, Base):
    """A state of emergency of one country over a region; its measures feed the rules
    evaluation at the affected posts between `starts_on` and `ends_on` (local dates,
    inclusive). status: active, superseded, lifted."""

    __tablename__ = "ops_emergency"
    __table_args__ = (Index("ix_ops_emergency_country_dates", "country", "starts_on"),)

    country: Mapped[str] = mapped_column(String(3))
    region: Mapped[str] = mapped_column(String(120))
    districts: Mapped[list[str]] = mapped_column(JSON, default=list)
    post_codes: Mapped[list[str]] = mapped_column(JSON, default=list)
    measures: Mapped[list[str]] = mapped_column(JSON, default=list)
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)
    legal_reference: Mapped[str] = mapped_column(String(300))
    summary: Mapped[str] = mapped_column(String(1000), default="")
    status: Mapped[str] = mapped_column(String(12), default="active")
    supersedes_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("ops_emergency.id"))
    superseded_by_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    lifted_reason: Mapped[str] = mapped_column(String(500), default="")
    declared_by: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("app_user.id"))
    agency_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("agency.id"))
    countries: Mapped[str] = mapped_column(String(40))


class Notice(RecordMixin, Base):
    """A closure, suspension, restriction or reopening notice; public ones go to the feed
    for transport companies, and every one is sent to the partner countries' agencies."""

    __tablename__ = "ops_notice"
    __table_args__ = (Index("ix_ops_notice_public", "public", "created_at"),)

    kind: Mapped[str] = mapped_column(String(20))
    post_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("border_post.id"))
    emergency_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("ops_emergency.id"))
    title: Mapped[str] = mapped_column(String(200))
    message: Mapped[str] = mapped_column(String(2000))
    effective_from: Mapped[datetime] = mapped_column(UTCDateTime)
    effective_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    public: Mapped[bool] = mapped_column(default=True)
    issued_by: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("app_user.id"))
    agency_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("agency.id"))
    country: Mapped[str] = mapped_column(String(3))
    countries: Mapped[str] = mapped_column(String(40))


class BorderSection(RecordMixin, Base):
    """A stretch of the border (land, maritime or lake) with the agency that owns its
    impact level. The geometry comes from a reference file; the override is the owner's."""

    __tablename__ = "ops_border_section"

    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(10))
    countries: Mapped[str] = mapped_column(String(40))
    owner_agency_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("agency.id"))
    geometry: Mapped[dict[str, object]] = mapped_column(JSON)
    impact_override: Mapped[str | None] = mapped_column(String(10))
    override_reason: Mapped[str] = mapped_column(String(500), default="")
    override_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    override_by: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("app_user.id"))


class OpsEvent(RecordMixin, Base):
    """Something seen at the border. The reporter proposes an impact level; the owner of
    the section it falls in sets it (EUROSUR)."""

    __tablename__ = "ops_event"
    __table_args__ = (
        Index("ix_ops_event_time", "occurred_at"),
        Index("ix_ops_event_section_time", "section_id", "occurred_at"),
    )

    kind: Mapped[str] = mapped_column(String(30))
    geometry: Mapped[dict[str, object]] = mapped_column(JSON)
    longitude: Mapped[float] = mapped_column(Float)
    latitude: Mapped[float] = mapped_column(Float)
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime)
    confidence: Mapped[str] = mapped_column(String(10))
    description: Mapped[str] = mapped_column(Text, default="")
    people_count: Mapped[int | None] = mapped_column(Integer)
    proposed_impact: Mapped[str] = mapped_column(String(10))
    impact: Mapped[str | None] = mapped_column(String(10))
    impact_set_by: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("app_user.id"))
    section_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("ops_border_section.id"))
    distance_km: Mapped[float | None] = mapped_column(Float)
    patrol_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("ops_patrol.id"))
    reporter_agency_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("agency.id"))
    reported_by: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("app_user.id"))
    countries: Mapped[str] = mapped_column(String(40))


class Patrol(RecordMixin, Base):
    """A joint patrol (land or lake) of agencies of two countries over border sections in
    a time window; its track is a GeoJSON LineString, with times when the device gave them."""

    __tablename__ = "ops_patrol"
    __table_args__ = (Index("ix_ops_patrol_window", "starts_at", "ends_at"),)

    code: Mapped[str] = mapped_column(String(60), unique=True)
    kind: Mapped[str] = mapped_column(String(10))
    agencies: Mapped[list[str]] = mapped_column(JSON, default=list)
    section_codes: Mapped[list[str]] = mapped_column(JSON, default=list)
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    crew: Mapped[list[dict[str, str]]] = mapped_column(JSON, default=list)
    status: Mapped[str] = mapped_column(String(12), default="planned")
    track: Mapped[dict[str, object] | None] = mapped_column(JSON)
    track_times: Mapped[list[str]] = mapped_column(JSON, default=list)
    findings: Mapped[str] = mapped_column(Text, default="")
    planned_by: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("app_user.id"))
    countries: Mapped[str] = mapped_column(String(40))
