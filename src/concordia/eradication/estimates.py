"""Cultivation estimates and alternative development: published figures by year and zone.

These are public statistics (UNODC, DEVIDA, national monitoring), readable by every
authenticated user; analysts and supervisors of the country record them. An estimate is
unique by country, year, zone and source: recording it again replaces the figure.
"""

from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from concordia.access.actor import Actor
from concordia.audit.service import record
from concordia.eradication import checks
from concordia.eradication.schemas import AltDevelopmentIn, EstimateIn
from concordia.eradication.service import require_editor
from concordia.models import AlternativeDevelopment, CultivationEstimate
from concordia.reference import service as reference

KEY = ("country", "year", "zone", "source")
M = TypeVar("M", CultivationEstimate, AlternativeDevelopment)


def record_estimate(session: Session, actor: Actor, body: EstimateIn) -> CultivationEstimate:
    return _record(session, actor, CultivationEstimate, body, "cultivation_estimate")


def record_alt_development(
    session: Session, actor: Actor, body: AltDevelopmentIn
) -> AlternativeDevelopment:
    return _record(session, actor, AlternativeDevelopment, body, "alternative_development")


def _record(
    session: Session, actor: Actor, model: type[M], body: EstimateIn | AltDevelopmentIn, kind: str
) -> M:
    """Both tables hold published figures unique by KEY: recording one again replaces it."""
    country = reference.get_country(session, body.country, field="country").alpha3
    require_editor(actor, country)
    values = body.model_dump() | {"country": country}
    key = [getattr(model, name) == values[name] for name in KEY]
    found = session.scalars(select(model).where(*key)).first()
    if found is None:
        found = model(**values)
        session.add(found)
    else:
        for name, value in values.items():
            setattr(found, name, value)
    session.flush()
    record(session, actor, "record", kind, found.id, body.model_dump())
    return found


def _estimates(session: Session, country: str | None) -> list[CultivationEstimate]:
    query = select(CultivationEstimate).order_by(
        CultivationEstimate.country, CultivationEstimate.year, CultivationEstimate.zone
    )
    if country:
        alpha3 = reference.get_country(session, country, field="country").alpha3
        query = query.where(CultivationEstimate.country == alpha3)
    return list(session.scalars(query))


def estimates_report(session: Session, actor: Actor, country: str | None = None) -> dict[str, Any]:
    """Estimates by year and zone with their sources, and the consistency issues."""
    rows = _estimates(session, country)
    plain = [
        checks.Estimate(e.country, e.year, e.zone, e.parent_zone, e.hectares, e.source)
        for e in rows
    ]
    return {
        "estimates": [
            {
                "country": e.country,
                "year": e.year,
                "zone": e.zone,
                "parent_zone": e.parent_zone,
                "hectares": e.hectares,
                "source": e.source,
            }
            for e in rows
        ],
        "issues": checks.parts_exceed_totals(plain) + checks.conflicting_sources(plain),
    }


def alt_development_report(
    session: Session, actor: Actor, country: str | None = None
) -> list[dict[str, Any]]:
    query = select(AlternativeDevelopment).order_by(
        AlternativeDevelopment.year, AlternativeDevelopment.zone
    )
    if country:
        alpha3 = reference.get_country(session, country, field="country").alpha3
        query = query.where(AlternativeDevelopment.country == alpha3)
    return [
        {
            "country": a.country,
            "year": a.year,
            "zone": a.zone,
            "families": a.families,
            "coffee_ha": a.coffee_ha,
            "cacao_ha": a.cacao_ha,
            "source": a.source,
        }
        for a in session.scalars(query)
    ]
