"""JSON routes for seizures, links, the network view and intelligence messages."""

import uuid
from datetime import datetime
from typing import Any, Literal

from fastapi import APIRouter, Query
from fastapi.responses import PlainTextResponse

from concordia.errors import ValidationFailed
from concordia.intel import analysis, exchange, seizures, stats
from concordia.intel.schemas import (
    AnswerIn,
    LinkCreate,
    MessageCreate,
    MessageRead,
    SeizureCreate,
    SeizureRead,
    Substance,
)
from concordia.web.deps import ActorDep, SessionDep

router = APIRouter(prefix="/api/intel", tags=["intel"])
STEPS = {"send": exchange.send, "acknowledge": exchange.acknowledge, "close": exchange.close}


@router.post("/seizures", status_code=201)
def create_seizure(body: SeizureCreate, session: SessionDep, actor: ActorDep) -> SeizureRead:
    created = seizures.create(session, actor, body)
    return seizures.read_models(session, [created])[0]


@router.get("/seizures")
def list_seizures(
    session: SessionDep,
    actor: ActorDep,
    substance: Substance | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    limit: int = Query(500, ge=1, le=5000),
) -> list[SeizureRead]:
    found = seizures.search(
        session, actor, substance=substance, since=since, until=until, limit=limit
    )
    return seizures.read_models(session, found)


@router.get("/seizures.geojson")
def seizures_geojson(session: SessionDep, actor: ActorDep) -> dict[str, Any]:
    """Visible seizures as a GeoJSON FeatureCollection for the map."""
    rows = seizures.read_models(session, seizures.search(session, actor))
    features = [
        {
            "type": "Feature",
            "id": str(r.id),
            "geometry": {"type": "Point", "coordinates": [r.longitude, r.latitude]},
            "properties": r.model_dump(mode="json", exclude={"latitude", "longitude", "links"}),
        }
        for r in rows
    ]
    return {"type": "FeatureCollection", "features": features}


@router.get("/seizures/stats")
def seizure_stats(
    session: SessionDep,
    actor: ActorDep,
    by: Literal["substance", "place", "month", "route"] = "substance",
    since: datetime | None = None,
    until: datetime | None = None,
) -> list[dict[str, Any]]:
    rows = seizures.stat_rows(session, actor, since=since, until=until)
    return stats.summarise(rows, by)


@router.get("/seizures.csv", response_class=PlainTextResponse)
def seizures_csv(
    session: SessionDep,
    actor: ActorDep,
    since: datetime | None = None,
    until: datetime | None = None,
) -> PlainTextResponse:
    rows = seizures.stat_rows(session, actor, since=since, until=until)
    return PlainTextResponse(stats.to_csv(rows), media_type="text/csv")


@router.get("/seizures/{seizure_id}")
def get_seizure(seizure_id: uuid.UUID, session: SessionDep, actor: ActorDep) -> SeizureRead:
    return seizures.read_models(session, [seizures.get(session, actor, seizure_id)])[0]


@router.post("/links", status_code=201)
def create_link(body: LinkCreate, session: SessionDep, actor: ActorDep) -> dict[str, str]:
    link = analysis.create_link(session, actor, body)
    return {"id": str(link.id), "source": link.source_key, "target": link.target_key}


@router.get("/network")
def network(
    session: SessionDep,
    actor: ActorDep,
    entity: str | None = Query(None, description='e.g. "phone:+51987654321", "person:<id>"'),
    depth: int = 2,
) -> dict[str, Any]:
    """Nodes and edges for a graph view: around one entity, or everything visible."""
    if entity is None:
        return analysis.overview(session, actor)
    return analysis.network_around(session, actor, entity, depth)


@router.get("/network/path")
def network_path(source: str, target: str, session: SessionDep, actor: ActorDep) -> dict[str, Any]:
    return analysis.path_between(session, actor, source, target)


@router.post("/messages", status_code=201)
def create_message(body: MessageCreate, session: SessionDep, actor: ActorDep) -> MessageRead:
    return exchange.read_models(session, [exchange.create(session, actor, body)])[0]


@router.get("/messages")
def list_messages(
    session: SessionDep,
    actor: ActorDep,
    box: Literal["in", "out", "all"] = "all",
    status: str | None = None,
) -> list[MessageRead]:
    return exchange.read_models(session, exchange.inbox(session, actor, box=box, status=status))


@router.get("/messages/{message_id}")
def get_message(message_id: uuid.UUID, session: SessionDep, actor: ActorDep) -> MessageRead:
    return exchange.read_models(session, [exchange.get(session, actor, message_id)])[0]


@router.post("/messages/{message_id}/{action}")
def message_action(
    message_id: uuid.UUID,
    action: Literal["send", "acknowledge", "answer", "close"],
    session: SessionDep,
    actor: ActorDep,
    body: AnswerIn | None = None,
) -> MessageRead:
    """send (sender), acknowledge and answer (recipient; answer needs a body), close."""
    if action == "answer":
        if body is None:
            raise ValidationFailed("an answer needs its text", field="answer")
        message = exchange.answer(session, actor, message_id, body.answer)
    else:
        message = STEPS[action](session, actor, message_id)
    return exchange.read_models(session, [message])[0]
