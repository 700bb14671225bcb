"""Small typed factories for the humanitarian tests: bodies, users, registered people."""

from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from concordia.access.actor import Actor, load_actor
from concordia.access.service import UserSpec, create_user
from concordia.humanitarian import service
from concordia.humanitarian.schemas import PersonCreate, PersonRead

POST = "santa-rosa-chacalluta"
AREA = "zona entre complejos Santa Rosa y Chacalluta"
CAMPAIGN = "CHACALLUTA-2023"
LIAISON = "pe.oim.enlace"


def person_body(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "post": POST,
        "area": AREA,
        "campaign": CAMPAIGN,
        "given_names": "María José",
        "surnames": "Rodríguez Pérez",
        "birth_date": "1990-05-17",
        "sex": "F",
        "nationality": "VEN",
        "intended_destination": "VEN",
        "documents": [{"kind": "national_id", "number": "V-18.456.789", "issuing_state": "VEN"}],
    }
    return body | overrides


def register(session: Session, actor: Actor, **overrides: Any) -> PersonRead:
    return service.register(session, actor, PersonCreate.model_validate(person_body(**overrides)))


def make_user(session: Session, username: str, agency: str, roles: tuple[str, ...]) -> Actor:
    """An extra account (the demo set has one liaison only)."""
    create_user(session, UserSpec(username, username, agency, roles))
    return load_actor(session, username)


def child_birth(age: int, today: date | None = None) -> str:
    day = today or date.today()
    return date(day.year - age, 1, 1).isoformat()
