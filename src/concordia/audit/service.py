"""Write and check the audit log. Services call `record`; nothing updates or deletes.

Entries are chained in one sequence, so writers take turns: PostgreSQL through a
transaction-scoped advisory lock, SQLite through its single writer (BEGIN IMMEDIATE).
"""

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any, cast

from sqlalchemy import Table, insert, select, text
from sqlalchemy.orm import Session

from concordia.access.actor import Actor
from concordia.audit.chain import GENESIS, Break, entry_hash, verify
from concordia.errors import PermissionDenied
from concordia.models import AuditEntry
from concordia.settings import get_settings

_LOCK_KEY = 0x436F6E63  # "Conc"
_TABLE = cast(Table, AuditEntry.__table__)
AUDIT_COLUMNS = tuple(c.name for c in AuditEntry.__table__.columns)
OVERSIGHT = frozenset({"administrator", "auditor"})


def _take_turn(session: Session) -> None:
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _LOCK_KEY})


_HEAD = select(_TABLE.c.seq, _TABLE.c.entry_hash).order_by(_TABLE.c.seq.desc()).limit(1)


def _head(session: Session) -> tuple[int, str] | None:
    """Sequence number and hash of the newest entry (Core: every request appends)."""
    row = session.connection().execute(_HEAD).first()
    return (row[0], row[1]) if row else None


def record(
    session: Session,
    actor: Actor,
    action: str,
    object_type: str,
    object_id: object,
    details: dict[str, Any] | None = None,
) -> None:
    """Append one entry: `action` is read, list, create, decide, import, export …"""
    who = {
        "username": actor.username,
        "agency": actor.agency_code,
        "purpose": actor.purpose,
        "source": actor.source,
    }
    append(session, who, action, object_type, object_id, details)


def append(
    session: Session,
    who: dict[str, str],
    action: str,
    object_type: str,
    object_id: object,
    details: dict[str, Any] | None = None,
) -> None:
    """Append an entry for `who` (username, agency, purpose, source), actor or not."""
    _take_turn(session)
    head = _head(session)
    values: dict[str, Any] = who | {
        "seq": (head[0] + 1) if head else 1,
        "at": datetime.now(UTC).replace(microsecond=0),
        "node_id": get_settings().node_id,
        "action": action,
        "object_type": object_type,
        "object_id": str(object_id),
        "details": details or {},
    }
    prev = head[1] if head else GENESIS
    row = values | {"prev_hash": prev, "entry_hash": entry_hash(prev, values)}
    session.connection().execute(insert(_TABLE), [row])


def _rows(session: Session) -> Iterator[dict[str, Any]]:
    query = select(AuditEntry).order_by(AuditEntry.seq).execution_options(yield_per=5000)
    for entry in session.scalars(query):
        yield {c: getattr(entry, c) for c in AUDIT_COLUMNS}


def verify_chain(session: Session) -> tuple[int, Break | None]:
    """(entries checked, first break or None)."""
    count = 0

    def counted() -> Iterator[dict[str, Any]]:
        nonlocal count
        for row in _rows(session):
            count += 1
            yield row

    broken = verify(counted())
    return count, broken


def search(
    session: Session,
    actor: Actor,
    *,
    username: str | None = None,
    object_id: str | None = None,
    since: datetime | None = None,
    limit: int = 200,
    offset: int = 0,
) -> list[AuditEntry]:
    """For administrators and oversight bodies; the search itself is audited."""
    if not OVERSIGHT & actor.roles:
        raise PermissionDenied("only administrators and auditors read the audit log")
    query = select(AuditEntry).order_by(AuditEntry.seq.desc()).limit(limit).offset(offset)
    if username:
        query = query.where(AuditEntry.username == username)
    if object_id:
        query = query.where(AuditEntry.object_id == object_id)
    if since:
        query = query.where(AuditEntry.at >= since)
    found = list(session.scalars(query))
    record(session, actor, "search", "audit", username or object_id or "*")
    return found
