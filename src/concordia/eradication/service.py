"""Eradication campaigns: targets, progress by province and period, joint operations,
fields, and the dashboard (target against achievement, consistency checks).

A campaign belongs to its country; the partner countries of its joint operations see it
too (`scope.campaigns_visible`). Analysts and supervisors of the campaign's country
change it; every change is audited.
"""

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from concordia.access import scope
from concordia.access.actor import Actor
from concordia.audit.service import record
from concordia.eradication import checks
from concordia.eradication.geometry import BadGeometry, field_area_ha
from concordia.eradication.schemas import CampaignCreate, FieldCreate, OperationCreate, ProgressIn
from concordia.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from concordia.models import CampaignProgress, CocaField, EradicationCampaign, JointOperation
from concordia.reference import service as reference

EDITORS = frozenset({"analyst", "supervisor"})


def require_editor(actor: Actor, country: str) -> None:
    if not EDITORS & actor.roles:
        raise PermissionDenied(f"{actor.username} may not change eradication data", field="roles")
    actor.require_country(country)


def create_campaign(session: Session, actor: Actor, body: CampaignCreate) -> EradicationCampaign:
    agency = reference.get_agency(session, body.agency, field="agency")
    require_editor(actor, agency.country_code)
    partners = [
        reference.get_country(session, c, field="partner_countries").alpha3
        for c in body.partner_countries
    ]
    if agency.country_code in partners:
        raise ValidationFailed("a country is not its own partner", field="partner_countries")
    if session.scalars(
        select(EradicationCampaign.id).where(EradicationCampaign.code == body.code)
    ).first():
        raise Conflict(f"campaign {body.code} already exists", field="code")
    campaign = EradicationCampaign(
        **body.model_dump(exclude={"agency", "partner_countries"}),
        country=agency.country_code,
        agency_id=agency.id,
        partner_countries=partners,
    )
    session.add(campaign)
    session.flush()
    record(session, actor, "create", "eradication_campaign", campaign.code)
    return campaign


def get_campaign(session: Session, actor: Actor, code: str) -> EradicationCampaign:
    query = scope.campaigns_visible(actor).where(EradicationCampaign.code == code)
    campaign = session.scalars(query).first()
    if campaign is None:
        raise NotFound(f"no campaign {code}", field="campaign")
    return campaign


def list_campaigns(session: Session, actor: Actor) -> list[EradicationCampaign]:
    query = scope.campaigns_visible(actor).order_by(EradicationCampaign.starts_on.desc())
    return list(session.scalars(query))


def record_progress(
    session: Session, actor: Actor, code: str, rows: list[ProgressIn]
) -> list[CampaignProgress]:
    """Upsert progress rows by (province, period start); all inside the campaign."""
    campaign = get_campaign(session, actor, code)
    require_editor(actor, campaign.country)
    stored = []
    for index, row in enumerate(rows):
        if row.period_start < campaign.starts_on or row.period_end > campaign.ends_on:
            raise ValidationFailed(
                f"period {row.period_start}–{row.period_end} is outside the campaign "
                f"({campaign.starts_on}–{campaign.ends_on})",
                field=f"{index}.period_start",
            )
        stored.append(_upsert_progress(session, campaign, row))
    session.flush()
    record(session, actor, "record_progress", "eradication_campaign", code, {"rows": len(rows)})
    return stored


def _upsert_progress(
    session: Session, campaign: EradicationCampaign, row: ProgressIn
) -> CampaignProgress:
    query = select(CampaignProgress).where(
        CampaignProgress.campaign_id == campaign.id,
        CampaignProgress.province == row.province,
        CampaignProgress.period_start == row.period_start,
    )
    found = session.scalars(query).first()
    if found is None:
        found = CampaignProgress(campaign_id=campaign.id, **row.model_dump())
        session.add(found)
    else:
        for key, value in row.model_dump().items():
            setattr(found, key, value)
    return found


def add_operation(
    session: Session, actor: Actor, code: str, body: OperationCreate
) -> JointOperation:
    campaign = get_campaign(session, actor, code)
    require_editor(actor, campaign.country)
    partner = reference.get_agency(session, body.partner_agency, field="partner_agency")
    if partner.country_code not in campaign.partner_countries:
        raise ValidationFailed(
            f"{partner.code} is not of a partner country of {code}", field="partner_agency"
        )
    if session.scalars(select(JointOperation.id).where(JointOperation.code == body.code)).first():
        raise Conflict(f"operation {body.code} already exists", field="code")
    operation = JointOperation(
        campaign_id=campaign.id,
        partner_agency_id=partner.id,
        **body.model_dump(exclude={"partner_agency"}),
    )
    session.add(operation)
    session.flush()
    record(session, actor, "create", "joint_operation", operation.code, {"campaign": code})
    return operation


def add_field(session: Session, actor: Actor, code: str, body: FieldCreate) -> CocaField:
    campaign = get_campaign(session, actor, code)
    require_editor(actor, campaign.country)
    try:
        area = field_area_ha(body.geometry)
    except BadGeometry as exc:
        raise ValidationFailed(str(exc), field="geometry") from None
    if body.status == "eradicated" and body.eradicated_on is None:
        raise ValidationFailed("an eradicated field has its date", field="eradicated_on")
    operation_id = None
    if body.operation:
        query = select(JointOperation).where(
            JointOperation.code == body.operation, JointOperation.campaign_id == campaign.id
        )
        operation = session.scalars(query).first()
        if operation is None:
            raise NotFound(f"no operation {body.operation} in {code}", field="operation")
        operation_id = operation.id
    field = CocaField(
        campaign_id=campaign.id,
        operation_id=operation_id,
        country=campaign.country,
        area_ha=area,
        **body.model_dump(exclude={"operation"}),
    )
    session.add(field)
    session.flush()
    record(session, actor, "create", "coca_field", field.id, {"campaign": code, "area_ha": area})
    return field


def fields_geojson(session: Session, actor: Actor, code: str) -> dict[str, Any]:
    campaign = get_campaign(session, actor, code)
    query = select(CocaField).where(CocaField.campaign_id == campaign.id)
    features = [
        {
            "type": "Feature",
            "id": str(f.id),
            "geometry": f.geometry,
            "properties": {
                "province": f.province,
                "area_ha": f.area_ha,
                "status": f.status,
                "eradicated_on": f.eradicated_on.isoformat() if f.eradicated_on else None,
            },
        }
        for f in session.scalars(query.order_by(CocaField.created_at))
    ]
    return {"type": "FeatureCollection", "features": features}


def _periods(session: Session, campaign: EradicationCampaign) -> list[checks.Period]:
    query = select(CampaignProgress).where(CampaignProgress.campaign_id == campaign.id)
    return [
        checks.Period(p.province, p.period_start, p.period_end, p.target_ha, p.achieved_ha)
        for p in session.scalars(query)
    ]


def dashboard(session: Session, actor: Actor, code: str) -> dict[str, Any]:
    """Target against achievement (JSON for charts), joint operations, fields, issues."""
    campaign = get_campaign(session, actor, code)
    periods = _periods(session, campaign)
    operations = list(
        session.scalars(
            select(JointOperation)
            .where(JointOperation.campaign_id == campaign.id)
            .order_by(JointOperation.starts_on)
        )
    )
    operations_ha = sum(o.eradicated_ha for o in operations)
    fields = session.execute(
        select(func.count(), func.coalesce(func.sum(CocaField.area_ha), 0.0)).where(
            CocaField.campaign_id == campaign.id
        )
    ).one()
    return {
        "campaign": campaign.code,
        "name": campaign.name,
        "country": campaign.country,
        "partner_countries": campaign.partner_countries,
        **checks.target_series(campaign.target_ha, periods),
        "joint_operations": [
            {
                "code": o.code,
                "zone": o.zone,
                "starts_on": o.starts_on.isoformat(),
                "eradicated_ha": o.eradicated_ha,
            }
            for o in operations
        ],
        "fields": {"count": fields[0], "area_ha": round(float(fields[1]), 2)},
        "issues": checks.campaign_issues(campaign.code, campaign.target_ha, periods, operations_ha),
        "as_of": datetime.now(UTC).isoformat(timespec="seconds"),
    }
