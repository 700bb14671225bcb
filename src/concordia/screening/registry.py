"""The in-memory screening index of active person alerts, rebuilt when alerts change.

Each process keeps one Screener per database; a cheap version query (count and latest
change of active alerts) tells when to rebuild. Document alerts are kept in a dict keyed
by OCR-folded number, vehicle alerts are looked up in SQL by plate.
"""

import threading
import uuid
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from concordia.models import Alert, WatchlistState
from concordia.screening.engine import Screener
from concordia.screening.entities import WatchEntity
from concordia.screening.names import ocr_key
from concordia.watchlists.service import active_alerts

_MORE_OCR = str.maketrans({"L": "1", "Z": "2"})


def fold_document(number: str) -> str:
    """The engine's OCR key (O/0, I/1, S/5, B/8, no separators) plus L/1 and Z/2, which
    stolen-document lists typed by hand also confuse."""
    return ocr_key(number).translate(_MORE_OCR)


@dataclass
class Snapshot:
    version: int
    persons: Screener
    documents: dict[str, list[tuple[uuid.UUID, str | None]]] = field(default_factory=dict)


_lock = threading.Lock()
_snapshots: dict[str, Snapshot] = {}


def _version(session: Session) -> int:
    query = select(WatchlistState.version).where(WatchlistState.id == 1)
    return session.scalar(query) or 0


def to_entity(alert: Alert) -> WatchEntity:
    return WatchEntity(
        id=str(alert.id),
        names=tuple(alert.names),
        first_names=tuple(alert.first_names),
        last_names=tuple(alert.last_names),
        middle_names=tuple(alert.middle_names),
        birth_dates=tuple(alert.birth_dates),
        nationalities=tuple(alert.nationalities),
        gender=alert.gender,
        documents=tuple(alert.document_numbers),
    )


def _build(session: Session, version: int) -> Snapshot:
    persons = Screener.build(to_entity(a) for a in active_alerts(session, "person"))
    documents: dict[str, list[tuple[uuid.UUID, str | None]]] = {}
    for alert in active_alerts(session, "document"):
        for number in alert.document_numbers:
            documents.setdefault(fold_document(number), []).append((alert.id, alert.issuing_state))
    return Snapshot(version=version, persons=persons, documents=documents)


def snapshot(session: Session) -> Snapshot:
    key = str(session.get_bind().engine.url)
    version = _version(session)
    current = _snapshots.get(key)
    if current is not None and current.version == version:
        return current
    with _lock:
        current = _snapshots.get(key)
        if current is None or current.version != version:
            current = _snapshots[key] = _build(session, version)
    return current
