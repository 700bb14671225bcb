"""Small typed factories for test data: documents, MRZs and crossing requests."""

from datetime import date, datetime
from typing import Any

from sqlalchemy.orm import Session

from concordia.access.actor import Actor, load_actor
from concordia.documents.mrz import MrzFields, compose_mrz

# 10:00 in Tacna/Lima, 12:00 in Arica (summer time): every seeded post is open.
WEEKDAY_NOON = datetime.fromisoformat("2026-11-10T15:00:00+00:00")


def passport_mrz(
    surnames: str = "QUISPE MAMANI",
    given_names: str = "JUAN CARLOS",
    nationality: str = "PER",
    number: str = "P1234567",
    birth_date: date = date(1985, 3, 14),
    expiry_date: date = date(2031, 5, 2),
    sex: str = "M",
) -> str:
    fields = MrzFields(
        format="TD3",
        document_code="P",
        issuing_state=nationality,
        primary_identifier=surnames,
        secondary_identifier=given_names,
        document_number=number,
        nationality=nationality,
        birth_date=birth_date,
        sex=sex,
        expiry_date=expiry_date,
        optional_data="",
    )
    return compose_mrz(fields)


def id_card(
    surnames: str = "ROJAS ARAYA",
    given_names: str = "CAMILA",
    nationality: str = "CHL",
    number: str = "175432109",
    birth_date: date = date(1992, 7, 1),
    expiry_date: date = date(2030, 7, 1),
    sex: str = "F",
) -> dict[str, Any]:
    """A typed national identity card, as an officer keys it in."""
    return {
        "typed": {
            "document_code": "ID",
            "issuing_state": nationality,
            "number": number,
            "expiry_date": expiry_date.isoformat(),
            "surnames": surnames,
            "given_names": given_names,
            "birth_date": birth_date.isoformat(),
            "sex": sex,
            "nationality": nationality,
        }
    }


def crossing_body(
    document: dict[str, Any] | None = None,
    *,
    post: str = "santa-rosa-chacalluta",
    from_country: str = "PER",
    to_country: str = "CHL",
    mode: str = "foot",
    at: datetime | str = WEEKDAY_NOON,
    **extra: Any,
) -> dict[str, Any]:
    return {
        "post": post,
        "from_country": from_country,
        "to_country": to_country,
        "mode": mode,
        "document": {"mrz": passport_mrz()} if document is None else document,
        "occurred_at": at if isinstance(at, str) else at.isoformat(),
        **extra,
    }


def actor_for(session: Session, username: str) -> Actor:
    return load_actor(session, username)


def test_token(username: str) -> str:
    """The API token the test template issues to each demo user."""
    return f"test-token-{username}"


def bearer(username: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {test_token(username)}"}
