"""Border sections: loaded from `data/sections.yaml`, each with an owner agency and an
impact level derived from its recent events unless the owner overrides it."""

import json
from collections import defaultdict
from datetime import datetime, timedelta
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml
from shapely.geometry.base import BaseGeometry
from sqlalchemy import select
from sqlalchemy.orm import Session

from concordia.access import scope
from concordia.access.actor import Actor
from concordia.audit.service import record
from concordia.errors import NotFound, PermissionDenied
from concordia.models import Agency, BorderSection, OpsEvent
from concordia.operations import geo, impact
from concordia.operations.common import id_to_code, now, party, party_list, today
from concordia.operations.schemas import SectionImpactIn, SectionRead
from concordia.reference import service as reference


@lru_cache
def reference_file() -> dict[str, Any]:
    text = resources.files("concordia.operations").joinpath("data/sections.yaml").read_text()
    data: dict[str, Any] = yaml.safe_load(text)
    return data


def region_bbox() -> geo.BBox:
    west, south, east, north = (float(v) for v in reference_file()["region_bbox"])
    return (west, south, east, north)


def load_sections(session: Session) -> int:
    """Upsert the reference sections by code; the owner's override is left alone."""
    existing = {s.code: s for s in session.scalars(select(BorderSection))}
    for row in reference_file()["sections"]:
        geo.parse_geometry(row["geometry"], field=f"sections.{row['code']}.geometry")
        owner = reference.get_agency(session, row["owner"], field="owner")
        section = existing.get(row["code"]) or BorderSection(code=row["code"])
        section.name, section.kind = row["name"], row["kind"]
        section.countries = party(row["countries"])
        section.owner_agency_id = owner.id
        section.geometry = row["geometry"]
        session.add(section)
    session.flush()
    return len(reference_file()["sections"])


@lru_cache(maxsize=256)
def _metric(geometry_json: str) -> BaseGeometry:
    return geo.to_metric(geo.parse_geometry(json.loads(geometry_json), field="geometry"))


def metric_geometry(section: BorderSection) -> BaseGeometry:
    return _metric(json.dumps(section.geometry, sort_keys=True))


def shapes(session: Session) -> list[geo.SectionShape]:
    return [
        geo.SectionShape(s.code, metric_geometry(s)) for s in session.scalars(select(BorderSection))
    ]


def get_section(session: Session, code: str, *, field: str = "section") -> BorderSection:
    found = session.scalars(select(BorderSection).where(BorderSection.code == code)).first()
    if found is None:
        known = ", ".join(session.scalars(select(BorderSection.code).order_by(BorderSection.code)))
        raise NotFound(f"no border section {code!r} (known: {known})", field=field)
    return found


def recent_levels(session: Session, at: datetime) -> dict[Any, list[impact.EventLevel]]:
    """Event levels of the last WINDOW_DAYS days, by section id (one query)."""
    query = select(OpsEvent.section_id, OpsEvent.proposed_impact, OpsEvent.impact).where(
        OpsEvent.section_id.is_not(None),
        OpsEvent.occurred_at > at - timedelta(days=impact.WINDOW_DAYS),
        OpsEvent.occurred_at <= at,
    )
    by_section: dict[Any, list[impact.EventLevel]] = defaultdict(list)
    for section_id, proposed, owner_set in session.execute(query):
        by_section[section_id].append(impact.EventLevel(proposed, owner_set))
    return by_section


def read_models(
    session: Session, sections: list[BorderSection], at: datetime | None = None
) -> list[SectionRead]:
    moment = at or now()
    levels = recent_levels(session, moment)
    owners = id_to_code(session, Agency)
    return [_read(s, levels.get(s.id, []), owners[s.owner_agency_id], moment) for s in sections]


def _read(
    section: BorderSection, events: list[impact.EventLevel], owner: str, at: datetime
) -> SectionRead:
    derived = impact.derive_level(events)
    level, source = impact.effective_level(
        derived, section.impact_override, section.override_until, at
    )
    return SectionRead(
        code=section.code,
        name=section.name,
        kind=section.kind,
        countries=party_list(section.countries),
        owner_agency=owner,
        impact_level=level,
        impact_source=source,
        derived_level=derived,
        recent_events=len(events),
        response=impact.RESPONSES[level],
        override_reason=section.override_reason if source == "owner" else "",
        override_until=section.override_until if source == "owner" else None,
        length_km=round(metric_geometry(section).length / 1000.0, 1),
    )


def list_sections(session: Session, actor: Actor) -> list[BorderSection]:
    query = scope.sections_visible(session, actor, today()).order_by(BorderSection.code)
    return list(session.scalars(query))


def require_owner(session: Session, actor: Actor, section: BorderSection) -> None:
    owner = session.get_one(Agency, section.owner_agency_id)
    if actor.agency_code != owner.code and "administrator" not in actor.roles:
        raise PermissionDenied(
            f"only {owner.code}, owner of section {section.code}, sets its impact level",
            field="section",
        )


def set_impact(session: Session, actor: Actor, code: str, body: SectionImpactIn) -> BorderSection:
    """The owner's level for the section (None returns to the derived level)."""
    section = get_section(session, code)
    require_owner(session, actor, section)
    section.impact_override = body.level
    section.override_reason = body.reason
    section.override_until = body.until
    section.override_by = actor.user_id
    record(session, actor, "update", "section_impact", section.code, body.model_dump(mode="json"))
    return section
