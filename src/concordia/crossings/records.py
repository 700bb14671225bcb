"""Settle a crossing once its checks allow: both records at once, or an honest refusal.

Nothing is written for a country until every controlling country has cleared, so an
exit cleared and an entry refused leaves no exit record: the traveller never left.
"""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from concordia.ids import uuid7
from concordia.models import BorderPost, CountryCheck, Crossing, MovementRecord, Stay, Traveller
from concordia.vehicles import service as vehicles


def _status(checks: list[CountryCheck]) -> str:
    decisions = [c.decision for c in checks]
    if "refuse" in decisions:
        return "refused"
    if all(d == "clear" for d in decisions):
        return "completed"
    return "referred" if "refer" in decisions else "pending"


def _refusal_outcome(crossing: Crossing, checks: list[CountryCheck]) -> str:
    refused = [c for c in checks if c.decision == "refuse"]
    exit_check = next((c for c in checks if c.movement == "exit"), None)
    if any(c.movement == "exit" for c in refused):
        return f"exit refused by {crossing.from_country}"
    if exit_check is not None and exit_check.decision == "clear":
        return (
            f"entry refused by {crossing.to_country}; exit cleared by {crossing.from_country} "
            f"is void: the traveller did not leave {crossing.from_country}"
        )
    return f"entry refused by {crossing.to_country}"


def settle(
    session: Session, crossing: Crossing, checks: list[CountryCheck]
) -> list[MovementRecord]:
    """Set the crossing's status from its checks; returns the records written (if any)."""
    crossing.status = _status(checks)
    if crossing.status == "refused":
        crossing.outcome = _refusal_outcome(crossing, checks)
        crossing.completed_at = datetime.now(UTC)
    elif crossing.status == "referred":
        referring = ", ".join(c.country for c in checks if c.decision == "refer")
        crossing.outcome = f"referred to secondary inspection by {referring}"
    elif crossing.status == "completed":
        crossing.outcome = "crossed"
        crossing.completed_at = datetime.now(UTC)
        return _write_records(session, crossing, checks)
    return []


def _record(crossing: Crossing, check: CountryCheck) -> MovementRecord:
    return MovementRecord(
        id=uuid7(),
        crossing_id=crossing.id,
        country=check.country,
        movement=check.movement,
        traveller_id=crossing.traveller_id,
        document_id=crossing.document_id,
        post_id=crossing.post_id,
        officer_id=check.decided_by,
        recorded_at=crossing.occurred_at,
    )


def _write_records(
    session: Session, crossing: Crossing, checks: list[CountryCheck]
) -> list[MovementRecord]:
    written = [_record(crossing, check) for check in checks]
    session.add_all(written)
    session.flush()  # the records first: stays refer to them and no relationship orders it
    open_stays = _open_stays(session, crossing)
    for check, record in zip(checks, written, strict=True):
        for stay in open_stays.get(check.country, []):  # exit: it ends; entry: never closed
            stay.exited_at = record.recorded_at
            if check.movement == "exit":
                stay.exit_record_id = record.id
        if check.movement == "entry":
            stay = _open_stay(session, crossing, record, check.stay_days)
            vehicles.admit(session, crossing, stay)
    vehicles.record_return(session, crossing)
    return written


def _open_stays(session: Session, crossing: Crossing) -> dict[str, list[Stay]]:
    """The traveller's stays not yet ended, by country (one query for both checks)."""
    query = select(Stay).where(Stay.traveller_id == crossing.traveller_id, Stay.exited_at.is_(None))
    by_country: dict[str, list[Stay]] = {}
    for stay in session.scalars(query):
        by_country.setdefault(stay.country, []).append(stay)
    return by_country


def local_date(session: Session, crossing: Crossing, country: str) -> date:
    post = session.get_one(BorderPost, crossing.post_id)
    zone = post.timezone_a if country == post.country_a else post.timezone_b
    return crossing.occurred_at.astimezone(ZoneInfo(zone)).date()


def _open_stay(
    session: Session, crossing: Crossing, record: MovementRecord, stay_days: int | None
) -> Stay:
    """A new stay from this entry (an earlier one never closed ends here: see above)."""
    traveller = session.get_one(Traveller, crossing.traveller_id)
    until = None
    if stay_days is not None:
        until = local_date(session, crossing, record.country) + timedelta(days=stay_days)
    stay = Stay(
        traveller_id=crossing.traveller_id,
        country=record.country,
        nationality=traveller.nationality,
        entry_post_id=crossing.post_id,
        entry_record_id=record.id,
        entered_at=record.recorded_at,
        authorised_until=until,
    )
    session.add(stay)
    return stay
