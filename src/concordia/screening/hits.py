"""Turn screening results into hits: deadlines, suppression of known false positives."""

import hashlib
import json
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from concordia.models import Alert, Hit
from concordia.screening.entities import TravellerQuery

# How long the owner agency has to answer, by the action the alert asks for.
DEADLINES = {
    "arrest": timedelta(minutes=15),
    "protect_minor": timedelta(minutes=15),
    "refuse_entry": timedelta(minutes=30),
    "seize_document": timedelta(minutes=30),
    "seize_vehicle": timedelta(minutes=30),
    "discreet_check": timedelta(hours=24),
}
ACTION_ES = {
    "arrest": "detener",
    "refuse_entry": "denegar el ingreso",
    "protect_minor": "proteger al menor desaparecido",
    "discreet_check": "control discreto (no alertar a la persona)",
    "seize_document": "retener el documento",
    "seize_vehicle": "retener el vehículo",
}

CATEGORY_ES = {
    "wanted_person": "persona requerida",
    "entry_ban": "prohibición de ingreso",
    "expulsion_order": "orden de expulsión",
    "missing_person": "persona desaparecida",
    "missing_minor": "menor desaparecido",
    "person_of_interest": "persona de interés",
    "lost_document": "documento extraviado",
    "stolen_document": "documento robado",
    "stolen_vehicle": "vehículo robado",
    "wanted_vehicle": "vehículo requerido",
}


@dataclass(frozen=True)
class Candidate:
    """A watch-list result before it becomes a Hit row."""

    alert_id: uuid.UUID
    score: float
    explanation: list[dict[str, object]]


def subject_of(query: TravellerQuery) -> dict[str, object]:
    return {
        "given_names": query.given_names,
        "surnames": query.surnames,
        "birth_date": query.birth_date,
        "nationality": query.nationality,
        "document_number": query.document_number,
        "document_country": query.document_country,
    }


def subject_hash(subject: dict[str, object]) -> str:
    return hashlib.sha256(json.dumps(subject, sort_keys=True).encode()).hexdigest()


def _suppressed(
    session: Session, alert_id: uuid.UUID, traveller_id: uuid.UUID | None, digest: str
) -> bool:
    """A false positive already confirmed for the same alert and the same data."""
    if traveller_id is None:
        return False
    query = select(Hit.id).where(
        Hit.alert_id == alert_id,
        Hit.traveller_id == traveller_id,
        Hit.status == "false_positive",
        Hit.subject_hash == digest,
    )
    return session.scalars(query.limit(1)).first() is not None


def record_hits(
    session: Session,
    candidates: list[Candidate],
    query: TravellerQuery,
    *,
    source: str,
    crossing_id: uuid.UUID | None = None,
    traveller_id: uuid.UUID | None = None,
) -> list[Hit]:
    subject = subject_of(query)
    digest = subject_hash(subject)
    now = datetime.now(UTC)
    hits = []
    for candidate in candidates:
        if _suppressed(session, candidate.alert_id, traveller_id, digest):
            continue
        alert = session.get_one(Alert, candidate.alert_id)
        hit = Hit(
            alert_id=alert.id,
            crossing_id=crossing_id,
            traveller_id=traveller_id,
            source=source,
            subject=subject,
            subject_hash=digest,
            score=candidate.score,
            explanation=candidate.explanation,
            due_at=now + DEADLINES.get(alert.action, timedelta(hours=1)),
        )
        session.add(hit)
        hits.append(hit)
    session.flush()
    return hits


def finding(session: Session, hit: Hit) -> dict[str, str]:
    """What the booth officer reads on the check: the action to take, never the file."""
    alert = session.get_one(Alert, hit.alert_id)
    text = (
        f"Coincidencia con lista de alertas de {alert.country} "
        f"({CATEGORY_ES.get(alert.category, alert.category)}, "
        f"puntaje {hit.score:.2f}): {ACTION_ES.get(alert.action, alert.action)}. "
        "Derivar a control secundario."
    )
    return {"id": f"WATCHLIST-{alert.action.upper()}", "text": text, "outcome": "refer"}
