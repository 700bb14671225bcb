"""GeoJSON FeatureCollections (RFC 7946) for the map: events, sections by impact level,
posts by status and patrol tracks. Each feature's properties carry what a legend needs,
including a `colour`, so the web console (Leaflet) only draws."""

from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from concordia.access.actor import Actor
from concordia.operations import events, patrols, posts, sections

IMPACT_COLOURS = {"low": "#2e7d32", "medium": "#f9a825", "high": "#ef6c00", "critical": "#c62828"}
STATUS_COLOURS = {"open": "#2e7d32", "restricted": "#ef6c00", "closed": "#c62828"}

Feature = dict[str, Any]


def collection(features: list[Feature], **meta: Any) -> dict[str, Any]:
    return {"type": "FeatureCollection", "features": features, "properties": meta}


def _feature(geometry: dict[str, Any], feature_id: str, properties: dict[str, Any]) -> Feature:
    return {"type": "Feature", "id": feature_id, "geometry": geometry, "properties": properties}


def events_layer(session: Session, actor: Actor, **filters: Any) -> dict[str, Any]:
    found = events.read_models(session, events.list_events(session, actor, **filters))
    features = [
        _feature(
            e.geometry,
            str(e.id),
            e.model_dump(mode="json", exclude={"geometry", "longitude", "latitude"})
            | {"colour": IMPACT_COLOURS[e.impact or e.proposed_impact]},
        )
        for e in found
    ]
    return collection(features, layer="events", count=len(features))


def sections_layer(session: Session, actor: Actor, at: datetime | None = None) -> dict[str, Any]:
    rows = sections.list_sections(session, actor)
    reads = sections.read_models(session, rows, at)
    features = [
        _feature(
            row.geometry,
            read.code,
            read.model_dump(mode="json") | {"colour": IMPACT_COLOURS[read.impact_level]},
        )
        for row, read in zip(rows, reads, strict=True)
    ]
    return collection(features, layer="sections", count=len(features))


def posts_layer(session: Session, actor: Actor) -> dict[str, Any]:
    features = [
        _feature(
            {"type": "Point", "coordinates": [p.longitude, p.latitude]},
            p.code,
            p.model_dump(mode="json", exclude={"latitude", "longitude"})
            | {"colour": STATUS_COLOURS[p.status]},
        )
        for p in posts.list_status(session, actor)
    ]
    return collection(features, layer="posts", count=len(features))


def patrols_layer(
    session: Session, actor: Actor, since: datetime | None = None, until: datetime | None = None
) -> dict[str, Any]:
    found = [p for p in patrols.list_patrols(session, actor, since=since, until=until) if p.track]
    features = [
        _feature(
            p.track or {},
            p.code,
            {
                "code": p.code,
                "kind": p.kind,
                "agencies": p.agencies,
                "sections": p.section_codes,
                "starts_at": p.starts_at.isoformat(),
                "ends_at": p.ends_at.isoformat(),
                "status": p.status,
            },
        )
        for p in found
    ]
    return collection(features, layer="patrols", count=len(features))
