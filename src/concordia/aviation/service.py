"""Import track batches, run the detector, and serve its results as map layers.

Only analysts import and read flight analyses (police intelligence); a batch belongs to
the importing agency, and others see it through an "intelligence" sharing agreement
(`scope.aviation_batches_visible`). A bad file is refused before anything is stored.
"""

import uuid
from datetime import UTC, date, datetime
from typing import Any

import numpy as np
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from concordia.access import scope
from concordia.access.actor import Actor
from concordia.audit.service import record
from concordia.aviation.detect import DetectionResult, detect
from concordia.aviation.plans import read_plans
from concordia.aviation.schemas import BatchRead
from concordia.aviation.suspects import FlightFacts
from concordia.aviation.tracks import Track, read_tracks
from concordia.errors import NotFound, PermissionDenied, ValidationFailed
from concordia.models import AnalysedFlight, FlightRoute, LandingSite, TrackBatch
from concordia.reference import service as reference

ROLES = frozenset({"analyst"})
PATH_POINTS = 200  # thinned path kept per flight for the map
Feature = dict[str, Any]


def _require_analyst(actor: Actor) -> None:
    if not ROLES & actor.roles:
        raise PermissionDenied("only police analysts work with flight tracks", field="roles")


def import_batch(
    session: Session,
    actor: Actor,
    *,
    name: str,
    data: bytes,
    fmt: str,
    plans: bytes | None = None,
) -> BatchRead:
    """Read, analyse and store one tracks file; nothing is stored if it is bad."""
    _require_analyst(actor)
    if not name.strip() or len(name) > 200:
        raise ValidationFailed("name must be 1 to 200 characters", field="name")
    tracks = read_tracks(data, fmt)
    result = detect(tracks, read_plans(plans) if plans is not None else None)
    agency = reference.get_agency(session, actor.agency_code)
    batch = TrackBatch(
        name=name.strip(),
        owner_agency_id=agency.id,
        country=actor.country,
        created_by=actor.user_id,
        file_format=fmt,
        flights=len(tracks),
        plots=sum(len(t) for t in tracks),
        with_flight_plans=plans is not None,
    )
    session.add(batch)
    session.flush()
    _store_results(session, batch.id, tracks, result)
    record(session, actor, "import", "aviation_batch", batch.id,
           {"name": batch.name, "flights": batch.flights, "plots": batch.plots})  # fmt: skip
    return _read(session, batch)


def _store_results(
    session: Session, batch_id: uuid.UUID, tracks: list[Track], result: DetectionResult
) -> None:
    for s in result.sites:
        session.add(LandingSite(batch_id=batch_id, code=s.id, latitude=s.lat, longitude=s.lon,
                                registered=s.registered, nearest_aerodrome=s.nearest_aerodrome,
                                distance_km=s.distance_km, flights=list(s.flights)))  # fmt: skip
    facts = {f.flight_id: f for f in result.flights}
    for track in tracks:
        session.add(_flight(batch_id, track, facts[track.flight_id]))
    for r in result.routes:
        session.add(FlightRoute(batch_id=batch_id, origin_site=r.origin_site,
                                destination_site=r.destination_site, flights=list(r.flights),
                                recurrent=r.recurrent))  # fmt: skip
    session.flush()


def _moment(seconds: float) -> datetime:
    return datetime.fromtimestamp(seconds, UTC)


def _flight(batch_id: uuid.UUID, track: Track, facts: FlightFacts) -> AnalysedFlight:
    step = max(1, len(track) // PATH_POINTS)
    path = [[round(float(x), 5), round(float(y), 5)]
            for x, y in zip(track.lon[::step], track.lat[::step], strict=True)]  # fmt: skip
    origin, destination = facts.origin, facts.destination
    return AnalysedFlight(
        batch_id=batch_id,
        flight_id=track.flight_id[:100],
        icao24=track.icao24,
        callsign=track.callsign,
        first_seen=_moment(float(np.min(track.t))),
        last_seen=_moment(float(np.max(track.t))),
        plots=len(track),
        path=path,
        origin_site=origin.id if origin else None,
        destination_site=destination.id if destination else None,
        borders_crossed=[c.label for c in facts.crossings],
        score=facts.score,
        reasons=facts.reasons,
        reason_codes=facts.reason_codes,
        suspect=bool(facts.reasons),
    )


def _count(session: Session, model: type[LandingSite | AnalysedFlight], *where: Any) -> int:
    return int(session.scalar(select(func.count()).select_from(model).where(*where)) or 0)


def _read(session: Session, batch: TrackBatch) -> BatchRead:
    """The batch with how many sites, candidate strips and suspect flights it holds."""
    of_site, of_flight = LandingSite.batch_id == batch.id, AnalysedFlight.batch_id == batch.id
    return BatchRead.model_validate(batch).model_copy(
        update={
            "sites": _count(session, LandingSite, of_site),
            "candidate_sites": _count(session, LandingSite, of_site, ~LandingSite.registered),
            "suspect_flights": _count(session, AnalysedFlight, of_flight, AnalysedFlight.suspect),
        }
    )


def list_batches(session: Session, actor: Actor) -> list[BatchRead]:
    _require_analyst(actor)
    query = scope.aviation_batches_visible(session, actor, _today())
    batches = list(session.scalars(query.order_by(TrackBatch.created_at.desc())))
    record(session, actor, "list", "aviation_batch", None, {"count": len(batches)})
    return [_read(session, b) for b in batches]


def get_batch(session: Session, actor: Actor, batch_id: uuid.UUID) -> TrackBatch:
    """The batch if the actor may see it; 404 otherwise, so its existence does not leak."""
    _require_analyst(actor)
    query = scope.aviation_batches_visible(session, actor, _today())
    batch = session.scalars(query.where(TrackBatch.id == batch_id)).first()
    if batch is None:
        raise NotFound(f"no track batch {batch_id}", field="batch_id")
    return batch


def _collection(features: list[Feature]) -> dict[str, Any]:
    return {"type": "FeatureCollection", "features": features}


def _point(lon: float, lat: float, properties: dict[str, Any]) -> Feature:
    geometry = {"type": "Point", "coordinates": [lon, lat]}
    return {"type": "Feature", "geometry": geometry, "properties": properties}


def _sites(session: Session, batch_id: uuid.UUID) -> list[LandingSite]:
    query = select(LandingSite).where(LandingSite.batch_id == batch_id)
    return list(session.scalars(query.order_by(LandingSite.code)))


def sites_layer(session: Session, actor: Actor, batch_id: uuid.UUID) -> dict[str, Any]:
    """Sites as GeoJSON points: registered aerodromes and candidate clandestine strips."""
    batch = get_batch(session, actor, batch_id)
    record(session, actor, "read", "aviation_sites", batch.id)
    return _collection([
        _point(s.longitude, s.latitude, {"id": s.code, "registered": s.registered,
               "nearest_aerodrome": s.nearest_aerodrome, "distance_km": s.distance_km,
               "flights": s.flights})
        for s in _sites(session, batch.id)
    ])  # fmt: skip


def routes_layer(session: Session, actor: Actor, batch_id: uuid.UUID) -> dict[str, Any]:
    """Routes as GeoJSON lines from the origin site to the destination site."""
    batch = get_batch(session, actor, batch_id)
    where = {s.code: [s.longitude, s.latitude] for s in _sites(session, batch.id)}
    query = select(FlightRoute).where(FlightRoute.batch_id == batch.id)
    features = [
        {"type": "Feature",
         "geometry": {"type": "LineString",
                      "coordinates": [where[r.origin_site], where[r.destination_site]]},
         "properties": {"origin_site": r.origin_site, "destination_site": r.destination_site,
                        "flights": r.flights, "recurrent": r.recurrent}}
        for r in session.scalars(query)
    ]  # fmt: skip
    record(session, actor, "read", "aviation_routes", batch.id)
    return _collection(features)


def flights_layer(
    session: Session, actor: Actor, batch_id: uuid.UUID, *, suspect_only: bool = True
) -> dict[str, Any]:
    """Flights as GeoJSON lines (thinned paths), suspect ones first by score."""
    batch = get_batch(session, actor, batch_id)
    query = select(AnalysedFlight).where(AnalysedFlight.batch_id == batch.id)
    if suspect_only:
        query = query.where(AnalysedFlight.suspect)
    flights = session.scalars(query.order_by(AnalysedFlight.score.desc(), AnalysedFlight.flight_id))
    features = [
        {"type": "Feature", "geometry": {"type": "LineString", "coordinates": f.path},
         "properties": {"id": f.flight_id, "icao24": f.icao24, "callsign": f.callsign,
                        "origin_site": f.origin_site, "destination_site": f.destination_site,
                        "borders_crossed": f.borders_crossed, "score": f.score,
                        "reasons": f.reasons, "reason_codes": f.reason_codes,
                        "first_seen": f.first_seen.isoformat(),
                        "last_seen": f.last_seen.isoformat()}}
        for f in flights
    ]  # fmt: skip
    record(session, actor, "read", "aviation_flights", batch.id, {"count": len(features)})
    return _collection(features)


def batch_report(session: Session, actor: Actor, batch_id: uuid.UUID) -> dict[str, Any]:
    """A batch's summary with its sites, suspect flights and routes as plain rows, for the
    console's tables (the same figures as the three map layers)."""
    batch = get_batch(session, actor, batch_id)
    sites = [
        f["properties"] | {"longitude": f["geometry"]["coordinates"][0],
                           "latitude": f["geometry"]["coordinates"][1]}
        for f in sites_layer(session, actor, batch.id)["features"]
    ]  # fmt: skip
    flights = [f["properties"] for f in flights_layer(session, actor, batch.id)["features"]]
    routes = [f["properties"] for f in routes_layer(session, actor, batch.id)["features"]]
    return {"batch": _read(session, batch), "sites": sites, "flights": flights, "routes": routes}


def latest_batch_id(session: Session, actor: Actor) -> uuid.UUID | None:
    """The newest batch the actor may see (the map's flight layers show it), or None;
    None also for a viewer who may not read tracks (a supervisor opening the shared map
    gets empty flight layers rather than an error)."""
    if not ROLES & actor.roles:
        return None
    query = scope.aviation_batches_visible(session, actor, _today())
    return session.scalars(
        query.with_only_columns(TrackBatch.id).order_by(TrackBatch.created_at.desc()).limit(1)
    ).first()


def _today() -> date:
    """Agreements are dated in UTC, as in every other domain (not the server's zone)."""
    return datetime.now(UTC).date()
