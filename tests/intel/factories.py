"""Small typed factories for seizures, messages, travellers and agreements."""

from datetime import date, datetime
from typing import Any

from sqlalchemy.orm import Session

from concordia.access.agreements import AgreementIn, create
from concordia.models import Traveller
from tests.factories import actor_for

SEIZED_AT = datetime.fromisoformat("2026-10-14T06:30:00+00:00")


def seizure_body(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "occurred_at": SEIZED_AT.isoformat(),
        "place_kind": "road",
        "place_name": "Carretera Binacional km 1245, Desaguadero",
        "location": {"type": "Point", "coordinates": [-69.04, -16.57]},
        "substance": "cocaine_paste",
        "quantity": 312.5,
        "unit": "kg",
        "concealment": "doble fondo en cisterna de combustible",
        "route_origin": "VRAEM",
        "route_destination": "La Paz",
    }
    return body | overrides


def traveller(
    session: Session, surnames: str = "HUAMANI CCAHUA", given: str = "ELVIS"
) -> Traveller:
    person = Traveller(
        surnames=surnames,
        given_names=given,
        name_key=f"{surnames} {given}",
        birth_date=date(1981, 4, 2),
        sex="M",
        nationality="PER",
    )
    session.add(person)
    session.flush()
    return person


def agreement(
    session: Session,
    owner: tuple[str, str],
    recipient: tuple[str, str],
    categories: list[str],
    **extra: Any,
) -> None:
    create(
        session,
        actor_for(session, "admin"),
        AgreementIn(
            code=f"{owner[1]}-TO-{recipient[1]}-{'-'.join(c.upper() for c in categories)}"
            + extra.pop("code_suffix", ""),
            owner_country=owner[0],
            owner_agency=owner[1],
            recipient_country=recipient[0],
            recipient_agency=recipient[1],
            categories=categories,
            purpose="cooperación antidrogas",
            valid_from=extra.pop("valid_from", date(2026, 1, 1)),
            **extra,
        ),
    )


def pnp_pdi(session: Session, categories: list[str] | None = None) -> None:
    """Reciprocal PNP (DIRANDRO) <-> PDI agreements for seizures and intelligence."""
    cats = categories or ["seizures", "intelligence"]
    agreement(session, ("PER", "PER-DIRANDRO"), ("CHL", "CHL-PDI"), cats)
    agreement(session, ("CHL", "CHL-PDI"), ("PER", "PER-DIRANDRO"), cats)
