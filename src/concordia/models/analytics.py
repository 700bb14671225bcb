"""Analytics records: when travellers joined a queue, and saved staffing scenarios."""

import uuid
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from concordia.db import Base
from concordia.models.base import RecordMixin, UTCDateTime


class QueueArrival(RecordMixin, Base):
    """When the traveller of a crossing joined the queue (ticket, kiosk or camera).

    A side table rather than a column of `crossing`, so that crossings written without
    it stay valid and the crossing service is untouched: a wait is measured only for
    crossings that have one, from `queued_at` to the decision (`completed_at`).
    """

    __tablename__ = "queue_arrival"
    __table_args__ = (Index("ix_queue_arrival_post_time", "post_id", "queued_at"),)

    crossing_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("crossing.id"), unique=True)
    post_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("border_post.id"))
    queued_at: Mapped[datetime] = mapped_column(UTCDateTime)
    source: Mapped[str] = mapped_column(String(20))


class Scenario(RecordMixin, Base):
    """A staffing scenario of one post and flow: its parameters and simulated results.

    Owned by the country of the user who saved it; others see it through a sharing
    agreement naming the "analytics" category.
    """

    __tablename__ = "analytics_scenario"
    __table_args__ = (Index("ix_analytics_scenario_post", "post_id", "created_at"),)

    name: Mapped[str] = mapped_column(String(120))
    post_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("border_post.id"))
    flow: Mapped[str] = mapped_column(String(12))
    country: Mapped[str] = mapped_column(String(3))
    params: Mapped[dict[str, object]] = mapped_column(JSON, default=dict)
    results: Mapped[dict[str, object]] = mapped_column(JSON, default=dict)
    created_by: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("app_user.id"))
