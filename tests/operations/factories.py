"""Operations test data: section owners' users, the sections, and typical request bodies."""

from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from concordia.access.actor import load_actor
from concordia.access.auth import issue_token
from concordia.access.service import UserSpec, create_user
from concordia.db import session_scope
from concordia.operations.sections import load_sections
from tests.factories import test_token

# Agencies that own sections in the reference file but have no demo user.
OWNERS = (
    UserSpec("pe.pnp.tacna", "Jorge Mamani Ticona", "PER-PNP", ("supervisor",)),
    UserSpec("cl.carabineros.arica", "Daniela Fuentes Rojas", "CHL-CARABINEROS", ("supervisor",)),
    UserSpec("bo.policia.oruro", "René Colque Choque", "BOL-POLICIA", ("analyst",)),
)

# 2026-11-10 10:00 in Tacna: inside Santa Rosa–Chacalluta's hours.
DAY = date(2026, 11, 10)
NOON = datetime.fromisoformat("2026-11-10T15:00:00+00:00")
# A point 3 km north of the Línea de la Concordia near Santa Rosa (Peruvian side).
NEAR_SANTA_ROSA = [-70.30, -18.27]
ON_TITICACA = [-69.20, -15.95]


def seed_operations(session: Session) -> None:
    """Sections and the owners' users (with API tokens `tests.factories.bearer`)."""
    load_sections(session)
    admin = load_actor(session, "admin")
    for spec in OWNERS:
        create_user(session, spec)
        issue_token(session, admin, spec.username, "tests", ["read", "write"],
                    secret=test_token(spec.username))  # fmt: skip
    session.flush()


def seed_engine(engine: Engine) -> None:
    with session_scope(engine) as session:
        seed_operations(session)


def tacna_emergency(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "country": "PER",
        "region": "Tacna",
        "districts": ["Palca", "Tacna", "La Yarada-Los Palos"],
        "posts": ["santa-rosa-chacalluta"],
        "starts_on": (DAY - timedelta(days=5)).isoformat(),
        "duration_days": 60,
        "measures": ["emergencia-tacna-2025"],
        "legal_reference": "Decreto Supremo que declara el estado de emergencia en Tacna",
    }
    return body | overrides


def event_body(coordinates: list[float] | None = None, **overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "kind": "stranded_group",
        "location": {"type": "Point", "coordinates": coordinates or NEAR_SANTA_ROSA},
        "occurred_at": NOON.isoformat(),
        "confidence": "confirmed",
        "proposed_impact": "medium",
        "people_count": 70,
        "description": "Grupo de migrantes varados frente al complejo Santa Rosa.",
    }
    return body | overrides


def patrol_body(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "code": "PAT-TACNA-001",
        "kind": "land",
        "agencies": ["PER-PNP", "CHL-CARABINEROS"],
        "sections": ["per-chl-land"],
        "starts_at": NOON.isoformat(),
        "ends_at": (NOON + timedelta(hours=6)).isoformat(),
        "crew": [
            {"name": "Jorge Mamani Ticona", "agency": "PER-PNP", "role": "jefe de patrulla"},
            {"name": "Daniela Fuentes Rojas", "agency": "CHL-CARABINEROS", "role": "enlace"},
        ],
    }
    return body | overrides


# The Peru–Chile land section's first half, from the coast towards the tripoint.
HALF_LAND_TRACK = [[-70.3756, -18.3506], [-70.3215, -18.2995], [-70.20, -18.22], [-70.05, -18.10]]
