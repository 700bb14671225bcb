"""JSON routes for eradication campaigns, fields (GeoJSON), estimates and dashboards."""

from typing import Any

from fastapi import APIRouter

from concordia.eradication import estimates, service
from concordia.eradication.schemas import (
    AltDevelopmentIn,
    CampaignCreate,
    CampaignRead,
    EstimateIn,
    FieldCreate,
    FieldRead,
    OperationCreate,
    ProgressIn,
)
from concordia.web.deps import ActorDep, SessionDep

router = APIRouter(prefix="/api/eradication", tags=["eradication"])


@router.post("/campaigns", status_code=201)
def create_campaign(body: CampaignCreate, session: SessionDep, actor: ActorDep) -> CampaignRead:
    return CampaignRead.model_validate(service.create_campaign(session, actor, body))


@router.get("/campaigns")
def list_campaigns(session: SessionDep, actor: ActorDep) -> list[CampaignRead]:
    return [CampaignRead.model_validate(c) for c in service.list_campaigns(session, actor)]


@router.get("/campaigns/{code}")
def dashboard(code: str, session: SessionDep, actor: ActorDep) -> dict[str, Any]:
    """Target against achievement by period and province, operations, fields, issues."""
    return service.dashboard(session, actor, code)


@router.put("/campaigns/{code}/progress")
def record_progress(
    code: str, rows: list[ProgressIn], session: SessionDep, actor: ActorDep
) -> dict[str, int]:
    return {"rows": len(service.record_progress(session, actor, code, rows))}


@router.post("/campaigns/{code}/operations", status_code=201)
def add_operation(
    code: str, body: OperationCreate, session: SessionDep, actor: ActorDep
) -> dict[str, str]:
    operation = service.add_operation(session, actor, code, body)
    return {"id": str(operation.id), "code": operation.code}


@router.post("/campaigns/{code}/fields", status_code=201)
def add_field(code: str, body: FieldCreate, session: SessionDep, actor: ActorDep) -> FieldRead:
    return FieldRead.model_validate(service.add_field(session, actor, code, body))


@router.get("/campaigns/{code}/fields.geojson")
def fields_geojson(code: str, session: SessionDep, actor: ActorDep) -> dict[str, Any]:
    return service.fields_geojson(session, actor, code)


@router.put("/estimates")
def record_estimate(body: EstimateIn, session: SessionDep, actor: ActorDep) -> dict[str, str]:
    return {"id": str(estimates.record_estimate(session, actor, body).id)}


@router.get("/estimates")
def estimates_report(
    session: SessionDep, actor: ActorDep, country: str | None = None
) -> dict[str, Any]:
    """Estimates by year and zone with sources, and consistency issues."""
    return estimates.estimates_report(session, actor, country)


@router.put("/alternative-development")
def record_alt_development(
    body: AltDevelopmentIn, session: SessionDep, actor: ActorDep
) -> dict[str, str]:
    return {"id": str(estimates.record_alt_development(session, actor, body).id)}


@router.get("/alternative-development")
def alt_development(
    session: SessionDep, actor: ActorDep, country: str | None = None
) -> list[dict[str, Any]]:
    return estimates.alt_development_report(session, actor, country)
