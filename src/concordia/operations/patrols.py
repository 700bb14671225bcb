"""Joint patrols: plan with agencies of both countries, record the track and findings,
link events, and report how much of each section the tracks covered over a period."""

from datetime import datetime, timedelta

from shapely.geometry.base import BaseGeometry
from sqlalchemy import select
from sqlalchemy.orm import Session

from concordia.access import scope
from concordia.access.actor import Actor
from concordia.audit.service import record
from concordia.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from concordia.models import BorderSection, OpsEvent, Patrol
from concordia.operations import events as event_service
from concordia.operations import geo, sections
from concordia.operations.common import party, party_list, today
from concordia.operations.schemas import (
    CoverageReport,
    PatrolIn,
    PatrolTrackIn,
    SectionCoverage,
    TrackPoint,
)
from concordia.reference import service as reference

MAX_WINDOW = timedelta(days=14)
TRACK_TOLERANCE = timedelta(hours=2)
DEFAULT_BUFFER_KM = 2.0


def _countries(session: Session, body: PatrolIn) -> set[str]:
    found = {
        reference.get_agency(session, code, field="agencies").country_code for code in body.agencies
    }
    if len(found) < 2:
        raise ValidationFailed("a joint patrol needs agencies of two countries", field="agencies")
    return found


def _sections(session: Session, body: PatrolIn, countries: set[str]) -> list[BorderSection]:
    chosen = [
        sections.get_section(session, c, field="sections") for c in dict.fromkeys(body.sections)
    ]
    for section in chosen:
        if section.kind != body.kind:
            raise ValidationFailed(
                f"section {section.code} is {section.kind}, not {body.kind}", field="sections"
            )
        missing = set(party_list(section.countries)) - countries
        if missing:
            raise ValidationFailed(
                f"section {section.code} divides {section.countries}: add an agency of "
                f"{', '.join(sorted(missing))}",
                field="agencies",
            )
    return chosen


def _check_crew(body: PatrolIn) -> None:
    for index, member in enumerate(body.crew):
        if member.agency not in body.agencies:
            raise ValidationFailed(
                f"{member.agency} is not one of the patrol's agencies", field=f"crew.{index}.agency"
            )


def plan(session: Session, actor: Actor, body: PatrolIn) -> Patrol:
    countries = _countries(session, body)
    if actor.country not in countries and "administrator" not in actor.roles:
        raise PermissionDenied("plan patrols of your own country's agencies", field="agencies")
    if body.ends_at - body.starts_at > MAX_WINDOW:
        raise ValidationFailed("a patrol lasts at most 14 days", field="ends_at")
    chosen = _sections(session, body, countries)
    _check_crew(body)
    if session.scalars(select(Patrol).where(Patrol.code == body.code)).first():
        raise Conflict(f"patrol {body.code} already exists", field="code")
    patrol = Patrol(
        code=body.code,
        kind=body.kind,
        agencies=list(dict.fromkeys(body.agencies)),
        section_codes=[s.code for s in chosen],
        starts_at=body.starts_at,
        ends_at=body.ends_at,
        crew=[m.model_dump() for m in body.crew],
        planned_by=actor.user_id,
        countries=party(countries),
    )
    session.add(patrol)
    session.flush()
    record(session, actor, "create", "patrol", patrol.code, body.model_dump(mode="json"))
    return patrol


def get(session: Session, actor: Actor, code: str) -> Patrol:
    query = scope.patrols_visible(session, actor, today()).where(Patrol.code == code)
    patrol = session.scalars(query).first()
    if patrol is None:
        raise NotFound(f"no patrol {code}", field="patrol")
    return patrol


def _points_track(patrol: Patrol, points: list[TrackPoint]) -> tuple[dict[str, object], list[str]]:
    if len(points) < 2:
        raise ValidationFailed("a track needs at least two points", field="points")
    earliest, latest = patrol.starts_at - TRACK_TOLERANCE, patrol.ends_at + TRACK_TOLERANCE
    for index, point in enumerate(points):
        if not earliest <= point.at <= latest:
            raise ValidationFailed(
                "point outside the patrol's time window", field=f"points.{index}.at"
            )
        if index and point.at < points[index - 1].at:
            raise ValidationFailed("points must be in time order", field=f"points.{index}.at")
    line: dict[str, object] = {
        "type": "LineString",
        "coordinates": [[p.longitude, p.latitude] for p in points],
    }
    return line, [p.at.isoformat() for p in points]


def record_track(session: Session, actor: Actor, code: str, body: PatrolTrackIn) -> Patrol:
    """The track (GeoJSON LineString or timed points), findings and linked events."""
    patrol = get(session, actor, code)
    agencies = set(patrol.agencies)
    if actor.agency_code not in agencies and "administrator" not in actor.roles:
        raise PermissionDenied(
            f"only {', '.join(sorted(agencies))} record this patrol", field="patrol"
        )
    field = "points" if body.points is not None else "track"
    line, times = (
        _points_track(patrol, body.points) if body.points is not None else (body.track, [])
    )
    shape = geo.parse_geometry(line, field=field, allowed={"LineString"})
    geo.require_within(shape, sections.region_bbox(), field=field)
    linked = [
        event_service.get(session, actor, event_id) for event_id in dict.fromkeys(body.events)
    ]
    patrol.track, patrol.track_times = geo.as_geojson(shape), times
    patrol.findings, patrol.status = body.findings, "completed"
    for event in linked:
        event.patrol_id = patrol.id
    record(
        session,
        actor,
        "update",
        "patrol",
        patrol.code,
        {"points": len(shape.coords), "events": len(linked)},
    )
    return patrol


def list_patrols(
    session: Session, actor: Actor, *, since: datetime | None = None, until: datetime | None = None
) -> list[Patrol]:
    query = scope.patrols_visible(session, actor, today())
    if since is not None:
        query = query.where(Patrol.ends_at >= since)
    if until is not None:
        query = query.where(Patrol.starts_at < until)
    found = list(session.scalars(query.order_by(Patrol.starts_at.desc())))
    record(session, actor, "list", "patrol", "*", {"count": len(found)})
    return found


def coverage_report(
    session: Session,
    actor: Actor,
    *,
    since: datetime,
    until: datetime,
    buffer_km: float = DEFAULT_BUFFER_KM,
) -> CoverageReport:
    """Per section: the fraction of its length within `buffer_km` of the tracks of patrols
    whose window overlaps the period; sections no track reached are "unpatrolled"."""
    if until <= since:
        raise ValidationFailed("until must be after since", field="until")
    if not 0 < buffer_km <= 50:
        raise ValidationFailed("buffer_km must be between 0 and 50", field="buffer_km")
    tracked = [p for p in list_patrols(session, actor, since=since, until=until) if p.track]
    shapes = {p.code: geo.to_metric(geo.parse_geometry(p.track, field="track")) for p in tracked}
    rows = [_section_row(s, shapes, buffer_km) for s in sections.list_sections(session, actor)]
    unpatrolled = [row.section for row in rows if row.fraction == 0]
    return CoverageReport(
        since=since, until=until, buffer_km=buffer_km, sections=rows, unpatrolled=unpatrolled
    )


def _section_row(
    section: BorderSection, tracks: dict[str, BaseGeometry], buffer_km: float
) -> SectionCoverage:
    metric = sections.metric_geometry(section)
    near = {code: t for code, t in tracks.items() if t.distance(metric) <= buffer_km * 1000}
    fraction = geo.coverage(metric, list(near.values()), buffer_km * 1000)
    length = metric.length / 1000.0
    return SectionCoverage(
        section=section.code,
        name=section.name,
        length_km=round(length, 1),
        covered_km=round(length * fraction, 1),
        fraction=round(fraction, 4),
        patrols=sorted(near),
    )


def events_of(session: Session, actor: Actor, patrol: Patrol) -> list[OpsEvent]:
    query = scope.events_visible(session, actor, today()).where(OpsEvent.patrol_id == patrol.id)
    return list(session.scalars(query.order_by(OpsEvent.occurred_at)))
