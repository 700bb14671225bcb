"""Demo seizures, a PNP->PDI exchange with a deadline, and a network around a trafficker.

Places, agencies and figures come from the seed articles: cocaine moving from Peru
through Chacalluta, paste leaving the VRAEM for Bolivia (about 300 kg a flight),
interdiction on Lake Titicaca. Persons, phones, companies and registrations are
fictitious. A courier is tied to a real demo crossing at Desaguadero when traffic
exists. Idempotent: skipped when the first demo seizure exists.
"""

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from concordia.access.actor import Actor, load_actor
from concordia.intel import analysis, exchange, seizures
from concordia.intel.schemas import LinkCreate, MessageCreate, SeizureCreate
from concordia.models import BorderPost, Crossing, Seizure, Traveller

FIRST = "DEMO-DIRANDRO-0001"
PEOPLE = (  # (surnames, given names, nationality, birth year)
    ("HUAMANI CCAHUA", "RENÉ", "PER", 1974),
    ("QUISPE TTITO", "WILBER", "PER", 1990),
    ("CONDORI MAMANI", "ELVIS", "BOL", 1986),
    ("ARAYA CORTÉS", "PATRICIO", "CHL", 1981),
)


def _person(session: Session, surnames: str, given: str, nationality: str, year: int) -> str:
    person = Traveller(
        surnames=surnames,
        given_names=given,
        name_key=f"{surnames} {given}",
        birth_date=datetime(year, 6, 1).date(),
        sex="M",
        nationality=nationality,
    )
    session.add(person)
    session.flush()
    return str(person.id)


def _desaguadero_crossing(session: Session) -> Crossing | None:
    query = (
        select(Crossing)
        .join(BorderPost, BorderPost.id == Crossing.post_id)
        .where(BorderPost.code == "desaguadero", Crossing.from_country == "PER")
        .order_by(Crossing.occurred_at)
    )
    return session.scalars(query.limit(1)).first()


SEIZURES = Path(__file__).with_name("demo_seizures.json")


def _refs(links: list[dict[str, str]], ids: list[str], crossing: Crossing | None) -> list[Any]:
    """Fill "$personN" and "$desaguadero" (dropped when there is no traffic)."""
    filled = []
    for link in links:
        ref = link["ref"]
        if ref == "$desaguadero":
            if crossing is None:
                continue
            ref = str(crossing.id)
        elif ref.startswith("$person"):
            ref = ids[int(ref.removeprefix("$person"))]
        filled.append(link | {"ref": ref})
    return filled


def _seizures(session: Session, ids: list[str]) -> None:
    crossing = _desaguadero_crossing(session)
    for row in json.loads(SEIZURES.read_text(encoding="utf-8")):
        body = {k: v for k, v in row.items() if k != "by"}
        body["links"] = _refs(row.get("links", []), ids, crossing)
        actor = load_actor(session, row["by"])
        seizures.create(session, actor, SeizureCreate.model_validate(body))


def _network(session: Session, pnp: Actor, pdi: Actor, ids: list[str]) -> None:
    boss = {"kind": "person", "ref": ids[0]}
    pnp_links = [
        (boss, {"kind": "phone", "ref": "+51 951 204 377"}, "llama con frecuencia"),
        (boss, {"kind": "company", "ref": "Transportes Altiplano Sur S.A.C."}, "gerente"),
        (boss, {"kind": "person", "ref": ids[2]}, "primo"),
        (
            {"kind": "person", "ref": ids[1]},
            {"kind": "company", "ref": "Transportes Altiplano Sur S.A.C."},
            "chofer",
        ),
        (boss, {"kind": "phone", "ref": "+56 9 8765 4321"}, "llamadas a Arica"),
    ]
    for source, target, relation in pnp_links:
        body = LinkCreate.model_validate({"source": source, "target": target, "relation": relation})
        analysis.create_link(session, pnp, body)
    pdi_link = {
        "source": {"kind": "person", "ref": ids[3]},
        "target": {"kind": "phone", "ref": "+56 9 8765 4321"},
        "relation": "titular",
    }
    analysis.create_link(session, pdi, LinkCreate.model_validate(pdi_link))


def _messages(session: Session, pnp: Actor, pdi: Actor, now: datetime) -> None:
    request = exchange.create(
        session,
        pnp,
        MessageCreate(
            kind="request",
            to_agency="CHL-PDI",
            reference="DEMO-INT-PNP-0001",
            subject="Titular y movimientos del teléfono +56 9 8765 4321",
            body="En el marco de la incautación DEMO-DIRANDRO-0001 (312 kg de PBC, Desaguadero) "
            "solicitamos titular de la línea chilena, ingresos del titular por Chacalluta "
            "y vínculos con Transportes Altiplano Sur S.A.C.",
            handling="TLP:AMBER",
            grading="B2",
            priority="urgent",
        ),
    )
    exchange.send(session, pnp, request.id, now - timedelta(hours=3))
    exchange.acknowledge(session, pdi, request.id, now - timedelta(hours=2))
    report = exchange.create(
        session,
        pdi,
        MessageCreate(
            kind="report",
            to_agency="PER-DIRANDRO",
            reference="DEMO-INT-PDI-0001",
            subject="Ruta Tacna–Arica: encomiendas con clorhidrato de cocaína",
            body="Hallazgos en Chacalluta de paquetes de cocaína en equipaje de buses "
            "interprovinciales; se comparte patrón de ocultamiento.",
            handling="TLP:GREEN",
            grading="A2",
            priority="normal",
        ),
    )
    exchange.send(session, pdi, report.id, now - timedelta(days=4))


def seed_demo(session: Session, now: datetime | None = None) -> bool:
    """Seed the counter-narcotics demo once; returns whether anything was written."""
    if session.scalars(select(Seizure.id).where(Seizure.reference == FIRST)).first():
        return False
    now = now or datetime.now(UTC)
    pnp = load_actor(session, "pe.pnp.analista")
    pdi = load_actor(session, "cl.pdi.analista")
    ids = [_person(session, *p) for p in PEOPLE]
    _seizures(session, ids)
    _network(session, pnp, pdi, ids)
    _messages(session, pnp, pdi, now)
    return True
