"""Demo: the stranded people between Santa Rosa and Chacalluta, replayed on demo dates.

In April 2023 Peru declared a state of emergency in Tacna and closed the border to
undocumented people; migrants, mostly Venezuelan (also Colombian, Ecuadorian and
Haitian), were stranded between the two complexes and Chile improvised a census. The
seeds give the figures of the episode: about 100 stranded on the first day, about 70 at
lunchtime four days later, about 20 that afternoon, and the vulnerable cases experts
named (elderly people, pregnant women, children, cancer patients). The demo replays
those four days ending on the demo's last day, so today's situation report has figures:
individual registrations with households, group counts of those who declined, triage,
and referrals to IOM, UNHCR, health and child protection, some accepted or in progress.
Deterministic (fixed names, no randomness) and idempotent: skipped when people exist.
"""

import uuid
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from concordia.access.actor import Actor, load_actor
from concordia.access.auth import issue_token
from concordia.access.service import UserSpec, create_user, demo_token
from concordia.humanitarian import followup, referrals, service
from concordia.humanitarian.schemas import (
    DepartureIn,
    GroupCountCreate,
    PersonCreate,
    ReferralCreate,
    ReferralStatusIn,
)
from concordia.models import StrandedPerson, User

POST = "santa-rosa-chacalluta"
AREA = "zona entre complejos Santa Rosa y Chacalluta"
CAMPAIGN = "CHACALLUTA-2023"
LIMA = ZoneInfo("America/Lima")
CENSUS_YEAR = 2023

# fmt: off
# (day index 0..3, given, surnames, birth, sex, nationality, household key, role, extras)
PEOPLE: tuple[tuple[int, str, str, str, str, str, str, str, dict[str, Any]], ...] = (
    (0, "Yorman José", "Pérez Linares", "1988-03-11", "M", "VEN", "h1", "head", {}),
    (0, "Yuleisy", "Rondón de Pérez", "1992-07-02", "F", "VEN", "h1", "spouse",
     {"pregnant": True}),
    (0, "Santiago", "Pérez Rondón", "2019-10-20", "M", "VEN", "h1", "child", {}),
    (0, "Valentina", "Pérez Rondón", "2015-01-05", "F", "VEN", "h1", "child", {}),
    (0, "Carmen Elena", "Guzmán Ortiz", "1955-12-24", "F", "VEN", "h2", "head",
     {"serious_illness": "cáncer de mama en tratamiento"}),
    (0, "Luis Alberto", "Guzmán Ortiz", "1958-04-30", "M", "VEN", "h2", "sibling",
     {"disability": True}),
    (1, "Kevin Andrés", "Mora Salas", "2008-06-15", "M", "VEN", "h3", "head",
     {"unaccompanied": True, "protection_needs": ["trafficking_risk"]}),
    (1, "Wilmer", "Castillo Rojas", "1996-09-09", "M", "COL", "h4", "head", {}),
    (1, "Daniela", "Suárez Castillo", "1999-02-14", "F", "COL", "h4", "spouse", {}),
    (1, "Mathías", "Castillo Suárez", "2022-05-01", "M", "COL", "h4", "child", {}),
    (2, "Jean-Pierre", "Louis", "1985-08-08", "M", "HTI", "h5", "head",
     {"protection_needs": ["persecution"]}),
    (2, "Marie-Claude", "Joseph", "1987-11-17", "F", "HTI", "h5", "spouse", {}),
    (2, "Andrea Carolina", "Vera Mendoza", "1994-03-27", "F", "ECU", "h6", "head",
     {"protection_needs": ["gender_based_violence"]}),
    (3, "José Gregorio", "Blanco Useche", "1949-06-06", "M", "VEN", "h7", "head", {}),
    (3, "María Fernanda", "Useche de Blanco", "1953-01-19", "F", "VEN", "h7", "spouse",
     {"serious_illness": "insuficiencia renal"}),
    (3, "Ana Sofía", "Blanco Useche", "2011-09-30", "F", "VEN", "h7", "child", {}),
)
# (day, hour, area, total, nationalities, composition): the seeds' 100, 70 and 20.
GROUPS = (
    (0, 18, AREA, 100, {"VEN": 78, "COL": 9, "ECU": 6, "HTI": 7},
     {"men": 52, "women": 30, "children": 18, "elderly": 4, "pregnant": 3}),
    (1, 12, AREA, 90, {"VEN": 71, "COL": 8, "ECU": 5, "HTI": 6}, {"children": 16}),
    (2, 12, AREA, 84, {"VEN": 66, "COL": 7, "ECU": 5, "HTI": 6}, {"children": 15}),
    (3, 13, AREA, 70, {"VEN": 55, "COL": 6, "ECU": 4, "HTI": 5}, {"children": 12}),
    (3, 17, AREA, 20, {"VEN": 16, "COL": 2, "HTI": 2}, {"children": 4}),
)
# (day, census number, partner, need, consent relationship or None, partner's statuses)
REFERRALS = (
    (0, 2, "CHL-SEREMI-SALUD", "health", "self", ("accepted", "in_progress")),
    (1, 5, "CHL-SEREMI-SALUD", "health", "self", ("accepted",)),
    (1, 5, "PER-OIM", "voluntary_return", "self", ()),
    (1, 7, "CHL-MEJOR-NINEZ", "child_protection", "child_protection", ("accepted",)),
    (2, 11, "PER-ACNUR", "protection", "self", ()),
    (2, 13, "CHL-ACNUR", "protection", None, ()),
    (3, 15, "CHL-SEREMI-SALUD", "health", "self", ()),
    (2, 8, "PER-OIM", "shelter", "self", ("declined",)),
)
# fmt: on


def _at(first: date, day: int, hour: int) -> datetime:
    return datetime.combine(first + timedelta(days=day), time(hour), LIMA).astimezone(UTC)


def _shifted(born: str, first: date) -> date:
    """Birth dates are written as of the 2023 census; keep the ages on any demo date."""
    day = date.fromisoformat(born)
    return day.replace(year=day.year + first.year - CENSUS_YEAR)


def _register(session: Session, actor: Actor, first: date, now: datetime) -> list[uuid.UUID]:
    households: dict[str, Any] = {}
    ids = []
    for index, (day, given, surnames, born, sex, nat, key, role, extra) in enumerate(PEOPLE):
        at = min(_at(first, day, 9 + index % 8), now)
        body = {
            "post": POST,
            "area": AREA,
            "campaign": CAMPAIGN,
            "registered_at": at,
            "given_names": given,
            "surnames": surnames,
            "birth_date": _shifted(born, first),
            "sex": sex,
            "nationality": nat,
            "intended_destination": "PER" if nat != "HTI" else "BRA",
            "household_id": households.get(key),
            "household_role": role,
            **extra,
        }
        if nat in ("VEN", "COL") and role in ("head", "spouse"):
            body["documents"] = [
                {
                    "kind": "national_id",
                    "number": f"{nat[0]}-{20_000_000 + index * 7919}",
                    "issuing_state": nat,
                }
            ]
        person = service.register(session, actor, PersonCreate.model_validate(body))
        households.setdefault(key, person.household_id)
        ids.append(person.id)
    return ids


def _groups(session: Session, actor: Actor, first: date, now: datetime) -> None:
    for day, hour, area, total, mix, composition in GROUPS:
        body = {
            "post": POST,
            "area": area,
            "counted_at": min(_at(first, day, hour), now),
            "total": total,
            "nationalities": mix,
            "composition": composition,
        }
        service.record_group(session, actor, GroupCountCreate.model_validate(body))


# Field officers of the partners, who accept and work the referrals in the demo; each
# gets the demo token `demo-<username>` to try the partner's minimised view.
PARTNER_USERS = {
    "CHL-SEREMI-SALUD": ("cl.salud.arica", "Paula Fuentes Araya"),
    "CHL-ACNUR": ("cl.acnur.arica", "Tomás Herrera Vidal"),
    "CHL-MEJOR-NINEZ": ("cl.ninez.arica", "Francisca Olivares Tapia"),
    "PER-ACNUR": ("pe.acnur.tacna", "Gabriela Salas Núñez"),
    "PER-OIM": ("pe.oim.enlace", ""),
}


def _partner_actor(session: Session, agency: str) -> Actor:
    username, full_name = PARTNER_USERS[agency]
    if session.scalars(select(User).where(User.username == username)).first() is None:
        create_user(session, UserSpec(username, full_name, agency, ("analyst",)))
        issue_token(
            session,
            load_actor(session, "admin"),
            username,
            "demo",
            ["read", "write"],
            days=None,
            secret=demo_token(username),
        )
    return load_actor(session, username)


def _consent(partner: str, need: str, relationship: str | None) -> dict[str, str] | None:
    if relationship is None:
        return None
    given_by = "la persona" if relationship == "self" else "Oficial de protección de la niñez"
    purpose = f"derivación a {partner} ({need})"
    return {"given_by": given_by, "relationship": relationship, "purpose": purpose}


def _referrals(
    session: Session, actor: Actor, ids: list[uuid.UUID], first: date, now: datetime
) -> int:
    """Referred at 17:00 on their day; the partner answers from 10:00 the next day."""
    for day, number, partner, need, relationship, statuses in REFERRALS:
        body = {
            "person_id": ids[number - 1],
            "partner": partner,
            "need": need,
            "reason": "caso priorizado en el censo",
            "consent": _consent(partner, need, relationship),
            "referred_at": min(_at(first, day, 17), now),
        }
        referral = referrals.create(session, actor, ReferralCreate.model_validate(body))
        for step, status in enumerate(statuses):
            note = "sin cupo en albergue" if status == "declined" else ""
            at = min(_at(first, day + 1, 10 + step), datetime.now(UTC))
            change = ReferralStatusIn.model_validate({"status": status, "note": note, "at": at})
            referrals.change_status(session, _partner_actor(session, partner), referral.id, change)
    return len(REFERRALS)


# The Colombian family held documents and crossed on the last morning; the Haitian couple
# was moved to a shelter in Arica.
DEPARTURES = (
    (8, "crossed", 3, 11),
    (9, "crossed", 3, 11),
    (10, "crossed", 3, 11),
    (11, "relocated", 3, 12),
    (12, "relocated", 3, 12),
)


def _departures(session: Session, actor: Actor, ids: list[uuid.UUID], first: date) -> None:
    for number, departure, day, hour in DEPARTURES:
        at = min(_at(first, day, hour), datetime.now(UTC))
        body = DepartureIn.model_validate({"departure": departure, "at": at})
        followup.record_departure(session, actor, ids[number - 1], body)


def seed_demo(session: Session, *, end: date | None = None) -> dict[str, int]:
    """Register the census, group counts and referrals once; returns what was created."""
    if session.scalars(select(StrandedPerson.id).limit(1)).first() is not None:
        return {}
    now = datetime.now(UTC)
    last = end or now.astimezone(LIMA).date()
    first = last - timedelta(days=3)
    liaison = load_actor(session, "pe.oim.enlace")
    ids = _register(session, liaison, first, now)
    _groups(session, load_actor(session, "cl.supervisor.arica"), first, now)
    count = _referrals(session, liaison, ids, first, now)
    _departures(session, liaison, ids, first)
    return {"people": len(ids), "groups": len(GROUPS), "referrals": count}
