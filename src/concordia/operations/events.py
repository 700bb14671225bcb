"""Events of the common operational picture, reported by any agency.

An event needs a GeoJSON location inside the frontier region; it is assigned to the
nearest border section within `ASSIGN_WITHIN_KM`, whose countries then see it and whose
owner sets its impact level (the reporter only proposes one).
"""

import uuid
from datetime import datetime, timedelta

from shapely.geometry.base import BaseGeometry
from sqlalchemy.orm import Session

from concordia.access import scope
from concordia.access.actor import Actor
from concordia.audit.service import record
from concordia.errors import NotFound, PermissionDenied, ValidationFailed
from concordia.models import Agency, BorderSection, OpsEvent, Patrol
from concordia.operations import geo, sections
from concordia.operations.common import actor_agency, id_to_code, now, party, party_list, today
from concordia.operations.schemas import EventImpactIn, EventIn, EventRead, SectionRead
from concordia.reference import service as reference

ASSIGN_WITHIN_KM = 30.0
FUTURE_TOLERANCE = timedelta(minutes=10)


def _section_for(
    session: Session, location: BaseGeometry
) -> tuple[BorderSection | None, float | None]:
    found = geo.nearest_section(location, sections.shapes(session), ASSIGN_WITHIN_KM)
    if found is None:
        return None, None
    return sections.get_section(session, found[0]), found[1]


def _patrol(session: Session, actor: Actor, code: str | None) -> Patrol | None:
    if code is None:
        return None
    query = scope.patrols_visible(session, actor, today()).where(Patrol.code == code)
    patrol = session.scalars(query).first()
    if patrol is None:
        raise NotFound(f"no patrol {code}", field="patrol")
    return patrol


def report(session: Session, actor: Actor, body: EventIn) -> OpsEvent:
    location = geo.parse_geometry(body.location, field="location")
    geo.require_within(location, sections.region_bbox(), field="location")
    if body.occurred_at > now() + FUTURE_TOLERANCE:
        raise ValidationFailed("occurred_at is in the future", field="occurred_at")
    section, distance = _section_for(session, location)
    patrol = _patrol(session, actor, body.patrol)
    point = geo.representative(location)
    event = OpsEvent(
        kind=body.kind,
        geometry=geo.as_geojson(location),
        longitude=point.x,
        latitude=point.y,
        occurred_at=body.occurred_at,
        confidence=body.confidence,
        description=body.description,
        people_count=body.people_count,
        proposed_impact=body.proposed_impact,
        section_id=section.id if section else None,
        distance_km=distance,
        patrol_id=patrol.id if patrol else None,
        reporter_agency_id=actor_agency(session, actor).id,
        reported_by=actor.user_id,
        countries=party([actor.country, *(party_list(section.countries) if section else [])]),
    )
    session.add(event)
    session.flush()
    record(
        session,
        actor,
        "create",
        "event",
        event.id,
        {"kind": body.kind, "section": section.code if section else None},
    )
    return event


def get(session: Session, actor: Actor, event_id: uuid.UUID) -> OpsEvent:
    query = scope.events_visible(session, actor, today()).where(OpsEvent.id == event_id)
    event = session.scalars(query).first()
    if event is None:
        raise NotFound(f"no event {event_id}", field="event_id")
    return event


def set_impact(
    session: Session, actor: Actor, event_id: uuid.UUID, body: EventImpactIn
) -> OpsEvent:
    """The section owner's impact level for the event; the reporter's proposal is kept."""
    event = get(session, actor, event_id)
    if event.section_id is not None:
        sections.require_owner(session, actor, session.get_one(BorderSection, event.section_id))
    elif (
        actor_agency(session, actor).id != event.reporter_agency_id
        and "administrator" not in actor.roles
    ):
        raise PermissionDenied(
            "outside every section only the reporter sets the impact", field="event_id"
        )
    event.impact = body.level
    event.impact_set_by = actor.user_id
    record(session, actor, "update", "event_impact", event.id, body.model_dump())
    return event


def list_events(
    session: Session,
    actor: Actor,
    *,
    since: datetime | None = None,
    until: datetime | None = None,
    kind: str | None = None,
    agency: str | None = None,
    section: str | None = None,
    limit: int = 500,
) -> list[OpsEvent]:
    query = scope.events_visible(session, actor, today())
    if since is not None:
        query = query.where(OpsEvent.occurred_at >= since)
    if until is not None:
        query = query.where(OpsEvent.occurred_at < until)
    if kind is not None:
        query = query.where(OpsEvent.kind == kind)
    if agency is not None:
        query = query.where(OpsEvent.reporter_agency_id == reference.get_agency(session, agency).id)
    if section is not None:
        query = query.where(OpsEvent.section_id == sections.get_section(session, section).id)
    found = list(session.scalars(query.order_by(OpsEvent.occurred_at.desc()).limit(limit)))
    filters = {"kind": kind, "agency": agency, "section": section, "count": len(found)}
    record(session, actor, "list", "event", "*", filters)
    return found


def read_models(session: Session, events: list[OpsEvent]) -> list[EventRead]:
    """EventRead with section and reporter codes (two small lookups for the whole list)."""
    section_codes = id_to_code(session, BorderSection)
    agencies = id_to_code(session, Agency)
    return [
        EventRead.model_validate(e).model_copy(
            update={
                "section": section_codes.get(e.section_id) if e.section_id else None,
                "reporter_agency": agencies.get(e.reporter_agency_id, ""),
            }
        )
        for e in events
    ]


def section_detail(
    session: Session, actor: Actor, code: str, *, limit: int = 50
) -> tuple[SectionRead, list[EventRead]]:
    """One section for its console page: impact level (derived or the owner's) and the
    latest events the actor may see in it."""
    section = sections.get_section(session, code)
    read = sections.read_models(session, [section])[0]
    found = list_events(session, actor, section=section.code, limit=limit)
    return read, read_models(session, found)
