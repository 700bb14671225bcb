"""JSON routes for traveller identity: find by document, see every linked document."""

import uuid

from fastapi import APIRouter, Query

from concordia.crossings.schemas import DocumentRead, TravellerRead
from concordia.identity import service
from concordia.models import Traveller
from concordia.web.deps import ActorDep, SessionDep

router = APIRouter(prefix="/api/travellers", tags=["travellers"])


class TravellerDetail(TravellerRead):
    documents: list[DocumentRead]


def _detail(session: SessionDep, traveller: Traveller) -> TravellerDetail:
    docs = [DocumentRead.model_validate(d) for d in service.documents_of(session, traveller.id)]
    return TravellerDetail(**TravellerRead.model_validate(traveller).model_dump(), documents=docs)


@router.get("/by-document")
def by_document(
    session: SessionDep,
    actor: ActorDep,
    issuing_state: str = Query(min_length=1, max_length=3),
    number: str = Query(min_length=1, max_length=40),
) -> TravellerDetail:
    return _detail(session, service.find_by_document(session, actor, issuing_state, number))


@router.get("/{traveller_id}")
def get_traveller(traveller_id: uuid.UUID, session: SessionDep, actor: ActorDep) -> TravellerDetail:
    return _detail(session, service.get(session, actor, traveller_id))
