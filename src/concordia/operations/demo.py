"""Demo operational picture, from the seed articles: Peru's 60-day state of emergency in
Tacna with its measures applied at Santa Rosa–Chacalluta, the stranded groups on the
Chilean side (about 100 people, then 70, then 20), the 30 to 50 people a day who left
Chile irregularly, events at the other sections, and a joint PNP–Carabineros patrol.

The real declaration dates from 28 November 2025; the demo replays it so that it is in
force today (it started ten days ago), which is what the booth needs to show. Seeding is
skipped when the demo patrol already exists, so running the demo twice adds nothing.
"""

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from concordia.access.actor import Actor, load_actor
from concordia.access.auth import issue_token
from concordia.access.service import DEMO_PASSWORD, UserSpec, create_user, demo_token
from concordia.models import Patrol, User
from concordia.operations import emergencies, events, patrols, posts, sections
from concordia.operations.common import now
from concordia.operations.schemas import (
    CrewMember,
    EmergencyIn,
    EventImpactIn,
    EventIn,
    PatrolIn,
    PatrolTrackIn,
    PostStatusIn,
)

DEMO_PATROL = "PAT-CONCORDIA-DEMO-01"
OPS_USERS = (
    UserSpec("pe.pnp.tacna", "Jorge Mamani Ticona", "PER-PNP", ("supervisor",)),
    UserSpec("cl.carabineros.arica", "Daniela Fuentes Rojas", "CHL-CARABINEROS", ("supervisor",)),
    UserSpec("bo.policia.oruro", "René Colque Choque", "BOL-POLICIA", ("analyst",)),
)
LEGAL_REFERENCE = (
    "Decreto Supremo que declara el estado de emergencia en los distritos de Palca, Tacna y "
    "La Yarada-Los Palos (El Peruano, 28 de noviembre de 2025)"
)
# (kind, [lon, lat], hours ago, people, proposed impact, reporter, description)
EVENTS: tuple[tuple[str, list[float], int, int | None, str, str, str], ...] = (
    (
        "stranded_group",
        [-70.318, -18.309],
        96,
        100,
        "high",
        "cl.pdi.chacalluta",
        "Unos 100 migrantes, en su mayoría venezolanos, varados en el lado chileno.",
    ),
    (
        "stranded_group",
        [-70.317, -18.308],
        72,
        70,
        "high",
        "cl.supervisor.arica",
        "Unas 70 personas intentan cruzar sin éxito; el grupo baja a unas veinte por la tarde.",
    ),
    (
        "irregular_crossing",
        [-70.12, -18.17],
        30,
        40,
        "medium",
        "pe.pnp.tacna",
        "Entre 30 y 50 personas al día salen de Chile por pasos no habilitados.",
    ),
    (
        "border_marker_damage",
        [-69.85, -17.91],
        50,
        None,
        "low",
        "pe.pnp.tacna",
        "Hito con daños en la Línea de la Concordia.",
    ),
    (
        "smuggling",
        [-69.045, -16.575],
        20,
        None,
        "medium",
        "pe.migraciones.puno",
        "Contrabando de mercadería en el puente de Desaguadero.",
    ),
    (
        "suspicious_boat",
        [-69.18, -16.05],
        12,
        None,
        "medium",
        "pe.pnp.tacna",
        "Embarcación sin luces cruzando el lago Titicaca hacia Copacabana.",
    ),
    (
        "suspicious_aircraft",
        [-68.70, -19.10],
        8,
        None,
        "high",
        "cl.carabineros.arica",
        "Avioneta a baja altura cruzando de Bolivia hacia Colchane.",
    ),
)
TRACK = [[-70.3756, -18.3506], [-70.3215, -18.2995], [-70.20, -18.22], [-70.05, -18.10]]


def _ensure_users(session: Session) -> None:
    """The section owners' demo users (police of each country), with demo tokens."""
    existing = set(session.scalars(select(User.username)))
    admin = load_actor(session, "admin")
    for spec in OPS_USERS:
        if spec.username in existing:
            continue
        create_user(session, spec, DEMO_PASSWORD)
        issue_token(session, admin, spec.username, "demo", ["read", "write"], days=None,
                    secret=demo_token(spec.username))  # fmt: skip


def _emergency(session: Session, start: datetime) -> None:
    supervisor = load_actor(session, "pe.supervisor.tacna")
    body = EmergencyIn(
        country="PER",
        region="Tacna",
        districts=["Palca", "Tacna", "La Yarada-Los Palos"],
        posts=["santa-rosa-chacalluta"],
        starts_on=start.date(),
        duration_days=60,
        measures=["emergencia-tacna-2025"],
        legal_reference=LEGAL_REFERENCE,
        summary="Control reforzado y militarización del Complejo Fronterizo Santa Rosa.",
    )
    emergencies.declare(session, supervisor, body)
    status = PostStatusIn(
        status="restricted", reason="Estado de emergencia: control militar del complejo Santa Rosa"
    )
    posts.set_status(session, supervisor, "santa-rosa-chacalluta", status)


def _events(session: Session, at: datetime) -> list[Any]:
    created = []
    for kind, point, hours, people, proposed, username, text in EVENTS:
        body = EventIn(
            kind=kind,
            location={"type": "Point", "coordinates": point},
            occurred_at=at - timedelta(hours=hours),
            confidence="confirmed" if people else "medium",
            proposed_impact=proposed,
            people_count=people,
            description=text,
        )
        created.append(events.report(session, load_actor(session, username), body))
    owner = load_actor(session, "pe.pnp.tacna")
    events.set_impact(
        session, owner, created[0].id, EventImpactIn(level="critical", reason="Emergencia")
    )
    return created


def _patrol(session: Session, at: datetime, sighting: Any) -> None:
    actor: Actor = load_actor(session, "pe.pnp.tacna")
    start = at - timedelta(hours=34)
    body = PatrolIn(
        code=DEMO_PATROL,
        kind="land",
        agencies=["PER-PNP", "CHL-CARABINEROS"],
        sections=["per-chl-land"],
        starts_at=start,
        ends_at=start + timedelta(hours=8),
        crew=[
            CrewMember(name="Jorge Mamani Ticona", agency="PER-PNP", role="jefe de patrulla"),
            CrewMember(name="Daniela Fuentes Rojas", agency="CHL-CARABINEROS", role="enlace"),
        ],
    )
    patrols.plan(session, actor, body)
    track = PatrolTrackIn(
        track={"type": "LineString", "coordinates": TRACK},
        findings="Paso no habilitado con huellas recientes; 40 personas observadas.",
        events=[sighting.id],
    )
    patrols.record_track(session, actor, DEMO_PATROL, track)


def seed_demo(session: Session) -> bool:
    """The demo picture, once; returns whether it was created now."""
    sections.load_sections(session)
    if session.scalars(select(Patrol.id).where(Patrol.code == DEMO_PATROL)).first():
        return False
    _ensure_users(session)
    at = now()
    _emergency(session, at - timedelta(days=10))
    created = _events(session, at)
    _patrol(session, at, created[2])
    return True
