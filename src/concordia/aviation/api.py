"""JSON routes for narco-flight analysis: import a tracks file, read the map layers."""

import uuid
from typing import Any, Literal

from fastapi import APIRouter, Query, Request

from concordia.aviation import service
from concordia.aviation.geo import border_geojson
from concordia.aviation.schemas import BatchRead
from concordia.errors import ValidationFailed
from concordia.web.deps import ActorDep, SessionDep

router = APIRouter(prefix="/api/aviation", tags=["aviation"])
MAX_UPLOAD = 200 * 1024 * 1024


@router.post("/batches", status_code=201)
async def import_batch(
    request: Request,
    session: SessionDep,
    actor: ActorDep,
    name: str = Query(..., min_length=1, max_length=200),
    format: Literal["csv", "parquet"] = "csv",
) -> BatchRead:
    """Body: the tracks file itself (CSV or Parquet with the `traffic` column names)."""
    raw = await request.body()
    if len(raw) > MAX_UPLOAD:
        raise ValidationFailed("file larger than 200 MB", field="body")
    return service.import_batch(session, actor, name=name, data=raw, fmt=format)


@router.get("/batches")
def list_batches(session: SessionDep, actor: ActorDep) -> list[BatchRead]:
    return service.list_batches(session, actor)


@router.get("/batches/{batch_id}/sites.geojson")
def sites(batch_id: uuid.UUID, session: SessionDep, actor: ActorDep) -> dict[str, Any]:
    return service.sites_layer(session, actor, batch_id)


@router.get("/batches/{batch_id}/routes.geojson")
def routes(batch_id: uuid.UUID, session: SessionDep, actor: ActorDep) -> dict[str, Any]:
    return service.routes_layer(session, actor, batch_id)


@router.get("/batches/{batch_id}/flights.geojson")
def flights(
    batch_id: uuid.UUID, session: SessionDep, actor: ActorDep, suspect_only: bool = True
) -> dict[str, Any]:
    return service.flights_layer(session, actor, batch_id, suspect_only=suspect_only)


@router.get("/borders.geojson")
def borders() -> dict[str, object]:
    """The simplified country polygons the detector uses (Natural Earth 1:50m)."""
    return border_geojson()


LATEST = {"sites": service.sites_layer, "routes": service.routes_layer}


def _latest(session: SessionDep, actor: ActorDep, layer: str) -> dict[str, Any]:
    batch_id = service.latest_batch_id(session, actor)
    if batch_id is None:
        return {"type": "FeatureCollection", "features": []}
    if layer == "flights":
        return service.flights_layer(session, actor, batch_id)
    return LATEST[layer](session, actor, batch_id)


@router.get("/latest/sites.geojson")
def latest_sites(session: SessionDep, actor: ActorDep) -> dict[str, Any]:
    """The newest visible batch's sites (the map's layer); empty when there is none."""
    return _latest(session, actor, "sites")


@router.get("/latest/routes.geojson")
def latest_routes(session: SessionDep, actor: ActorDep) -> dict[str, Any]:
    return _latest(session, actor, "routes")


@router.get("/latest/flights.geojson")
def latest_flights(session: SessionDep, actor: ActorDep) -> dict[str, Any]:
    """The newest visible batch's suspect flights."""
    return _latest(session, actor, "flights")
