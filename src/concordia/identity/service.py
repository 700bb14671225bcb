"""Find or create the traveller behind a document.

A document already seen (issuing state, kind, number) points to its traveller. A new
document of a known person (same nationality, birth date and name key) is linked to
them, so a renewed passport keeps the travel history. Otherwise a new traveller.
"""

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from concordia.access import scope
from concordia.access.actor import Actor
from concordia.audit.service import record
from concordia.errors import NotFound
from concordia.identity.names import name_key
from concordia.models import Crossing, TravelDocument, Traveller

_KIND_BY_CODE = {"P": "passport", "I": "id_card", "A": "id_card", "C": "id_card", "V": "visa"}


@dataclass(frozen=True)
class DocumentData:
    """What the booth read from a document, by MRZ or typed."""

    document_code: str
    issuing_state: str
    number: str
    expiry_date: date | None
    surnames: str
    given_names: str
    birth_date: date | None
    sex: str
    nationality: str

    @property
    def kind(self) -> str:
        return _KIND_BY_CODE.get(self.document_code[:1], "other")


def _find_document(session: Session, data: DocumentData) -> TravelDocument | None:
    return session.scalars(
        select(TravelDocument).where(
            TravelDocument.issuing_state == data.issuing_state,
            TravelDocument.kind == data.kind,
            TravelDocument.number == data.number,
        )
    ).first()


def _find_person(session: Session, data: DocumentData) -> Traveller | None:
    if data.birth_date is None:
        return None
    return session.scalars(
        select(Traveller).where(
            Traveller.nationality == data.nationality,
            Traveller.birth_date == data.birth_date,
            Traveller.name_key == name_key(data.surnames, data.given_names),
        )
    ).first()


def _new_traveller(session: Session, data: DocumentData) -> Traveller:
    traveller = Traveller(
        surnames=data.surnames,
        given_names=data.given_names,
        name_key=name_key(data.surnames, data.given_names),
        birth_date=data.birth_date,
        sex=data.sex,
        nationality=data.nationality,
    )
    session.add(traveller)
    session.flush()
    return traveller


def resolve(session: Session, data: DocumentData) -> tuple[Traveller, TravelDocument]:
    """The traveller and stored document for what was read; creates what is missing."""
    document = _find_document(session, data)
    if document is not None:
        return session.get_one(Traveller, document.traveller_id), document
    traveller = _find_person(session, data)
    linked_by = "biographic" if traveller is not None else "new"
    if traveller is None:
        traveller = _new_traveller(session, data)
    document = TravelDocument(
        traveller_id=traveller.id,
        kind=data.kind,
        document_code=data.document_code,
        issuing_state=data.issuing_state,
        number=data.number,
        expiry_date=data.expiry_date,
        linked_by=linked_by,
    )
    session.add(document)
    session.flush()
    return traveller, document


def find_by_document(session: Session, actor: Actor, issuing_state: str, number: str) -> Traveller:
    document = session.scalars(
        select(TravelDocument).where(
            TravelDocument.issuing_state == issuing_state.upper(),
            TravelDocument.number == number.upper(),
        )
    ).first()
    if document is None or not _visible(session, actor, document.traveller_id):
        raise NotFound(f"no document {number} issued by {issuing_state}", field="number")
    record(session, actor, "read", "traveller", document.traveller_id, {"document": number})
    return session.get_one(Traveller, document.traveller_id)


def documents_of(session: Session, traveller_id: uuid.UUID) -> list[TravelDocument]:
    return list(
        session.scalars(
            select(TravelDocument)
            .where(TravelDocument.traveller_id == traveller_id)
            .order_by(TravelDocument.created_at)
        )
    )


def _visible(session: Session, actor: Actor, traveller_id: uuid.UUID) -> bool:
    """A traveller is visible through any crossing of theirs the actor may see."""
    crossings = scope.crossings_visible(session, actor, datetime.now(UTC).date())
    query = crossings.where(Crossing.traveller_id == traveller_id).limit(1)
    return session.scalars(query).first() is not None


def get(session: Session, actor: Actor, traveller_id: uuid.UUID) -> Traveller:
    traveller = session.get(Traveller, traveller_id)
    if traveller is None or not _visible(session, actor, traveller.id):
        raise NotFound(f"no traveller {traveller_id}", field="traveller_id")
    record(session, actor, "read", "traveller", traveller.id)
    return traveller
