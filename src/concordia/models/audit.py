"""The append-only, hash-chained audit log."""

from datetime import datetime

from sqlalchemy import JSON, BigInteger, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from concordia.db import Base
from concordia.models.base import UTCDateTime


class AuditEntry(Base):
    """Who did or read what, when, for what purpose and from where.

    `entry_hash` = SHA-256 of the previous entry's hash and this entry's canonical
    content, so editing or deleting any row breaks the chain from that row on.
    """

    __tablename__ = "audit_entry"

    seq: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True
    )
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    node_id: Mapped[str] = mapped_column(String(40))
    username: Mapped[str] = mapped_column(String(80), index=True)
    agency: Mapped[str] = mapped_column(String(40))
    action: Mapped[str] = mapped_column(String(20))
    object_type: Mapped[str] = mapped_column(String(40))
    object_id: Mapped[str] = mapped_column(String(80), index=True)
    purpose: Mapped[str] = mapped_column(String(120))
    source: Mapped[str] = mapped_column(String(80))
    details: Mapped[dict[str, object]] = mapped_column(JSON, default=dict)
    prev_hash: Mapped[str] = mapped_column(String(64))
    entry_hash: Mapped[str] = mapped_column(String(64))
