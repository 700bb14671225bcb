"""Coca eradication campaigns, fields, cultivation estimates and alternative development."""

import uuid
from datetime import date

from sqlalchemy import JSON, Date, Float, ForeignKey, Integer, String, UniqueConstraint, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from concordia.db import Base
from concordia.models.base import RecordMixin


class EradicationCampaign(RecordMixin, Base):
    """A country's eradication campaign for one period with its target in hectares."""

    __tablename__ = "eradication_campaign"

    code: Mapped[str] = mapped_column(String(60), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    country: Mapped[str] = mapped_column(String(3), index=True)
    agency_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("agency.id"))
    executing_body: Mapped[str] = mapped_column(String(120), default="")
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)
    target_ha: Mapped[float] = mapped_column(Float)
    partner_countries: Mapped[list[str]] = mapped_column(JSON, default=list)
    source: Mapped[str] = mapped_column(String(300), default="")


class CampaignProgress(RecordMixin, Base):
    """Target and hectares achieved in one province during one period of a campaign."""

    __tablename__ = "campaign_progress"
    __table_args__ = (UniqueConstraint("campaign_id", "province", "period_start"),)

    campaign_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("eradication_campaign.id"), index=True
    )
    province: Mapped[str] = mapped_column(String(120))
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)
    target_ha: Mapped[float | None] = mapped_column(Float)
    achieved_ha: Mapped[float] = mapped_column(Float)


class JointOperation(RecordMixin, Base):
    """An operation of a campaign carried out with a partner country's agency."""

    __tablename__ = "joint_operation"

    campaign_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("eradication_campaign.id"), index=True
    )
    code: Mapped[str] = mapped_column(String(60), unique=True)
    partner_agency_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("agency.id"))
    zone: Mapped[str] = mapped_column(String(200))
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date)
    eradicated_ha: Mapped[float] = mapped_column(Float, default=0.0)
    notes: Mapped[str] = mapped_column(String(1000), default="")


class CocaField(RecordMixin, Base):
    """A coca field as a GeoJSON polygon; `area_ha` is computed in an equal-area projection."""

    __tablename__ = "coca_field"

    campaign_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("eradication_campaign.id"), index=True
    )
    operation_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("joint_operation.id"))
    country: Mapped[str] = mapped_column(String(3))
    province: Mapped[str] = mapped_column(String(120))
    geometry: Mapped[dict[str, object]] = mapped_column(JSON)
    area_ha: Mapped[float] = mapped_column(Float)
    status: Mapped[str] = mapped_column(String(12), default="detected")
    eradicated_on: Mapped[date | None] = mapped_column(Date)


class CultivationEstimate(RecordMixin, Base):
    """Hectares of coca under cultivation in a zone and year according to one source.

    `parent_zone` names the zone this one is part of (a province of a country), so that
    parts can be checked against their total.
    """

    __tablename__ = "cultivation_estimate"
    __table_args__ = (UniqueConstraint("country", "year", "zone", "source"),)

    country: Mapped[str] = mapped_column(String(3))
    year: Mapped[int] = mapped_column(Integer)
    zone: Mapped[str] = mapped_column(String(120))
    parent_zone: Mapped[str | None] = mapped_column(String(120))
    hectares: Mapped[float] = mapped_column(Float)
    source: Mapped[str] = mapped_column(String(120))


class AlternativeDevelopment(RecordMixin, Base):
    """Families and hectares of licit crops (coffee, cacao) supported in a zone and year."""

    __tablename__ = "alternative_development"
    __table_args__ = (UniqueConstraint("country", "year", "zone", "source"),)

    country: Mapped[str] = mapped_column(String(3))
    year: Mapped[int] = mapped_column(Integer)
    zone: Mapped[str] = mapped_column(String(120))
    families: Mapped[int] = mapped_column(Integer)
    coffee_ha: Mapped[float] = mapped_column(Float, default=0.0)
    cacao_ha: Mapped[float] = mapped_column(Float, default=0.0)
    source: Mapped[str] = mapped_column(String(120))
