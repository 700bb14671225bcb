"""Demo seizures, a PNP->PDI exchange with a deadline, and a network around a trafficker.

Places, agencies and figures come from the seed articles: cocaine moving from Peru
through Chacalluta, paste leaving the VRAEM for Bolivia (about 300 kg a flight),
interdiction on Lake Titicaca. Persons, phones, companies and registrations are
fictitious. A courier is tied to a real demo crossing at Desaguadero when traffic
exists. Idempotent: skipped when the first demo seizure exists.
"""

from datetime import UTC, datetime, timedelta
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


def _seizure(session: Session, actor: Actor, **body: Any) -> Seizure:
    return seizures.create(session, actor, SeizureCreate.model_validate(body))


def _pnp_seizures(session: Session, pnp: Actor, ids: list[str]) -> None:
    crossing = _desaguadero_crossing(session)
    courier_links = [
        {"kind": "person", "ref": ids[1], "role": "detenido (conductor)"},
        {"kind": "phone", "ref": "+51 951 204 377", "role": "celular incautado"},
        {
            "kind": "company",
            "ref": "Transportes Altiplano Sur S.A.C.",
            "role": "empresa del camión",
        },
    ]
    if crossing is not None:
        courier_links.append({"kind": "crossing", "ref": str(crossing.id), "role": "cruce previo"})
    _seizure(
        session,
        pnp,
        reference=FIRST,
        occurred_at="2026-10-14T06:30:00+00:00",
        place_kind="road",
        place_name="Carretera Binacional, Desaguadero (Puno)",
        location={"type": "Point", "coordinates": [-69.035, -16.566]},
        substance="cocaine_paste",
        quantity=312.0,
        unit="kg",
        concealment="doble fondo en cisterna de combustible",
        route_origin="VRAEM",
        route_destination="La Paz",
        links=courier_links,
    )
    _seizure(
        session,
        pnp,
        reference="DEMO-DIRANDRO-0002",
        occurred_at="2026-09-03T22:10:00+00:00",
        place_kind="lake",
        place_name="Lago Titicaca, frente a la península de Capachica",
        location={"type": "Point", "coordinates": [-69.83, -15.62]},
        substance="cocaine_hydrochloride",
        quantity=48.5,
        unit="kg",
        concealment="bolsas lastradas bajo la cubierta",
        route_origin="Puno",
        route_destination="Copacabana",
        links=[
            {"kind": "boat", "ref": "PU-0417", "role": "lancha interceptada"},
            {"kind": "person", "ref": ids[2], "role": "detenido (patrón)"},
        ],
    )
    _seizure(
        session,
        pnp,
        reference="DEMO-DIRANDRO-0003",
        occurred_at="2026-08-21T11:00:00+00:00",
        place_kind="airstrip",
        place_name="Pista clandestina, Pichari (VRAEM)",
        location={"type": "Point", "coordinates": [-73.84, -12.52]},
        substance="cocaine_paste",
        quantity=298.0,
        unit="kg",
        concealment="sacos en avioneta monomotor",
        route_origin="VRAEM",
        route_destination="Beni (Bolivia)",
        links=[
            {"kind": "aircraft", "ref": "CP-3118", "role": "avioneta"},
            {"kind": "phone", "ref": "+51 951 204 377", "role": "llamadas al piloto"},
        ],
    )
    _seizure(
        session,
        pnp,
        reference="DEMO-DIRANDRO-0004",
        occurred_at="2026-11-02T15:45:00+00:00",
        place_kind="post",
        post="desaguadero",
        place_name="CEBAF Desaguadero",
        substance="cash",
        quantity=86_400,
        unit="USD",
        concealment="compartimento en la puerta del vehículo",
        route_origin="La Paz",
        route_destination="Juliaca",
        links=[{"kind": "person", "ref": ids[0], "role": "propietario del dinero"}],
    )
    _seizure(
        session,
        pnp,
        reference="DEMO-DIRANDRO-0005",
        occurred_at="2026-07-09T09:00:00+00:00",
        place_kind="road",
        place_name="Carretera Juliaca–Puno, control Caracoto",
        location={"type": "Point", "coordinates": [-70.10, -15.57]},
        substance="precursor_chemicals",
        quantity=1_250.0,
        unit="l",
        concealment="bidones declarados como solvente",
        route_origin="Arequipa",
        route_destination="Sandia",
    )


def _pdi_seizure(session: Session, pdi: Actor) -> None:
    _seizure(
        session,
        pdi,
        reference="DEMO-PDI-0001",
        occurred_at="2026-10-28T13:20:00+00:00",
        place_kind="post",
        post="santa-rosa-chacalluta",
        place_name="Complejo fronterizo Chacalluta",
        substance="cocaine_hydrochloride",
        quantity=24.0,
        unit="kg",
        concealment="paquetes en equipaje de bus interprovincial",
        route_origin="Tacna",
        route_destination="Santiago",
    )


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
    _pnp_seizures(session, pnp, ids)
    _pdi_seizure(session, pdi)
    _network(session, pnp, pdi, ids)
    _messages(session, pnp, pdi, now)
    return True
