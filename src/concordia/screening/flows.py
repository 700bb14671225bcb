"""Screening across domains: crossing -> screening -> hit -> finding on the checks."""

import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from concordia.models import Alert, Crossing, Hit, TravelDocument, Traveller, Vehicle
from concordia.screening.entities import TravellerQuery, normalise_sex
from concordia.screening.hits import Candidate, finding, record_hits
from concordia.screening.registry import fold_document, snapshot


def traveller_query(traveller: Traveller, document: TravelDocument) -> TravellerQuery:
    return TravellerQuery(
        id=str(traveller.id),
        given_names=traveller.given_names or None,
        surnames=traveller.surnames or None,
        birth_date=traveller.birth_date.isoformat() if traveller.birth_date else None,
        nationality=traveller.nationality,
        sex=normalise_sex(traveller.sex),
        document_number=document.number,
        document_country=document.issuing_state,
    )


def screen_query(session: Session, query: TravellerQuery, *, limit: int = 5) -> list[Candidate]:
    """Person alerts by name matching, document alerts by exact (OCR-folded) number."""
    snap = snapshot(session)
    found = [
        Candidate(uuid.UUID(m.entity_id), m.score, m.explanation)
        for m in snap.persons.screen(query, limit=limit)
        if m.match
    ]
    if query.document_number:
        for alert_id, state in snap.documents.get(fold_document(query.document_number), []):
            if state is None or query.document_country in (None, state):
                found.append(Candidate(alert_id, 1.0, [_document_explanation(query)]))
    return found


def _document_explanation(query: TravellerQuery) -> dict[str, object]:
    return {
        "feature": "document_number",
        "value": 1.0,
        "weight": 1.0,
        "detail": f"Documento {query.document_number} figura como extraviado o robado",
    }


def screen_vehicle(session: Session, vehicle: Vehicle) -> list[Candidate]:
    query = select(Alert.id).where(
        Alert.kind == "vehicle", Alert.status == "active", Alert.plate == vehicle.plate
    )
    detail = f"Vehículo {vehicle.plate} ({vehicle.registration_country}) con alerta"
    explanation: list[dict[str, object]] = [
        {"feature": "plate", "value": 1.0, "weight": 1.0, "detail": detail}
    ]
    return [Candidate(alert_id, 1.0, explanation) for alert_id in session.scalars(query)]


def screen_crossing(session: Session, crossing: Crossing) -> list[dict[str, str]]:
    """Screen the traveller (and the vehicle, for its driver); returns check findings."""
    traveller = session.get_one(Traveller, crossing.traveller_id)
    document = session.get_one(TravelDocument, crossing.document_id)
    query = traveller_query(traveller, document)
    candidates = screen_query(session, query)
    if crossing.vehicle_id is not None and crossing.vehicle_role == "driver":
        candidates += screen_vehicle(session, session.get_one(Vehicle, crossing.vehicle_id))
    hits = record_hits(
        session,
        candidates,
        query,
        source="crossing",
        crossing_id=crossing.id,
        traveller_id=traveller.id,
    )
    return [finding(session, hit) for hit in hits]


def hits_of_crossing(session: Session, crossing_id: uuid.UUID) -> list[Hit]:
    return list(session.scalars(select(Hit).where(Hit.crossing_id == crossing_id)))
