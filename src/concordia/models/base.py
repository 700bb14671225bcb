"""Shared column types and mixins for every model."""

import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import DateTime, Dialect, String, TypeDecorator, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from concordia.ids import uuid7
from concordia.settings import get_settings


class UTCDateTime(TypeDecorator[datetime]):
    """Stores naive UTC, returns aware UTC; rejects naive input so no local time slips in."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        assert isinstance(value, datetime)
        return value.replace(tzinfo=UTC)


def utcnow() -> datetime:
    return datetime.now(UTC)


def _node_id() -> str:
    return get_settings().node_id


class RecordMixin:
    """UUIDv7 id, the node the record was created on, and its creation time."""

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid7)
    node_id: Mapped[str] = mapped_column(String(40), default=_node_id)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
