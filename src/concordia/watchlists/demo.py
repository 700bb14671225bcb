"""Demo watch lists, so a new user can search, edit, expire and import alerts at once.

Agencies and legal references are real; the people and vehicles are invented (a demo
must never put a real person on a wanted list). Idempotent: a list that exists is left
as it is, with whatever the user did to it.
"""

from sqlalchemy import select
from sqlalchemy.orm import Session

from concordia.access.actor import load_actor
from concordia.models import WatchList
from concordia.watchlists import service
from concordia.watchlists.schemas import AlertCreate, ListCreate

LISTS = (
    ListCreate(
        code="PER-DIRANDRO-REQ",
        name="Requisitorias por tráfico ilícito de drogas (demostración)",
        owner_agency="PER-DIRANDRO",
        category="wanted_person",
        action="arrest",
        legal_reference="Código Procesal Penal, art. 261",
        shared_with=["BOL-FELCN"],
    ),
    ListCreate(
        code="CHL-CARABINEROS-VEH",
        name="Vehículos con encargo por robo (demostración)",
        owner_agency="CHL-CARABINEROS",
        category="stolen_vehicle",
        action="seize_vehicle",
        legal_reference="Código Penal, art. 443",
    ),
)
ALERTS = (
    ("PER-DIRANDRO-REQ", "demo-req-0001", {"names": ["CCAHUANA HUAMANI, PEDRO PABLO"],
     "birth_dates": ["1985-03-14"], "nationalities": ["PER"], "gender": "male"}),
    ("PER-DIRANDRO-REQ", "demo-req-0002", {"names": ["TICONA MAMANI, JUAN CARLOS", "JUANCHO"],
     "birth_dates": ["1979-11-02"], "nationalities": ["PER", "BOL"], "gender": "male"}),
    ("PER-DIRANDRO-REQ", "demo-req-0003", {"names": ["FLORES APAZA, MARLENI"],
     "birth_dates": ["1991-06-23"], "nationalities": ["PER"], "gender": "female"}),
    ("CHL-CARABINEROS-VEH", "demo-veh-0001", {"plate": "LKHT-52", "vin": "9BWZZZ377VT004251"}),
    ("CHL-CARABINEROS-VEH", "demo-veh-0002", {"plate": "GZRS-18"}),
)  # fmt: skip
OWNERS = {"PER-DIRANDRO-REQ": "pe.pnp.analista", "CHL-CARABINEROS-VEH": "admin"}


def seed_demo(session: Session) -> int:
    """Create the demo lists that do not exist yet, with their alerts; returns how many."""
    existing = set(session.scalars(select(WatchList.code)))
    new = [body for body in LISTS if body.code not in existing]
    for body in new:
        owner = load_actor(session, OWNERS[body.code])
        service.create_list(session, owner, body)
        for code, external_id, values in ALERTS:
            if code == body.code:
                alert = AlertCreate(list_code=code, external_id=external_id, **values)
                service.create_alert(session, owner, alert)
    return len(new)
