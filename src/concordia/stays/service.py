"""Stays are opened and closed by crossings.records; this module only reads them."""

import uuid
from datetime import UTC, date, datetime

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from concordia.access import scope
from concordia.access.actor import Actor
from concordia.audit.service import record
from concordia.errors import PermissionDenied
from concordia.models import BorderPost, MovementRecord, Stay, Traveller
from concordia.stays.schemas import OverstayerRead, StayRead, StaySummary


def _require_country(session: Session, actor: Actor, country: str, today: date) -> None:
    if country not in scope.stays_countries(session, actor, today):
        raise PermissionDenied(
            f"no sharing agreement lets {actor.agency_code} read stays in {country}",
            field="country",
        )


def days_present(entered: datetime, exited: datetime | None, now: datetime) -> int:
    """Calendar days touched by the stay, counting entry and exit days (as Schengen does)."""
    end = exited or now
    return (end.date() - entered.date()).days + 1


def overstay_days(until: date | None, present: bool, today: date) -> int:
    if until is None or not present:
        return 0
    return max(0, (today - until).days)


def _post_codes(session: Session) -> dict[uuid.UUID, str]:
    return {row.id: row.code for row in session.execute(select(BorderPost.id, BorderPost.code))}


def summary(
    session: Session,
    actor: Actor,
    traveller_id: uuid.UUID,
    country: str,
    *,
    now: datetime | None = None,
) -> StaySummary:
    now = now or datetime.now(UTC)
    _require_country(session, actor, country, now.date())
    record(session, actor, "read", "stays", traveller_id, {"country": country})
    stays = list(
        session.scalars(
            select(Stay)
            .where(Stay.traveller_id == traveller_id, Stay.country == country)
            .order_by(Stay.entered_at)
        )
    )
    codes = _post_codes(session)
    reads = [_stay_read(s, codes, now) for s in stays]
    current = stays[-1] if stays and stays[-1].exited_at is None else None
    return StaySummary(
        traveller_id=traveller_id,
        country=country,
        entries=_count(session, traveller_id, country, "entry"),
        exits=_count(session, traveller_id, country, "exit"),
        days_present=sum(r.days_present for r in reads),
        present=current is not None,
        authorised_until=current.authorised_until if current else None,
        overstay_days=overstay_days(
            current.authorised_until if current else None, current is not None, now.date()
        ),
        stays=reads,
    )


def _count(session: Session, traveller_id: uuid.UUID, country: str, movement: str) -> int:
    query = select(func.count()).where(
        MovementRecord.traveller_id == traveller_id,
        MovementRecord.country == country,
        MovementRecord.movement == movement,
    )
    return session.scalar(query) or 0


def _stay_read(stay: Stay, codes: dict[uuid.UUID, str], now: datetime) -> StayRead:
    return StayRead(
        id=stay.id,
        country=stay.country,
        entry_post=codes.get(stay.entry_post_id, "?"),
        entered_at=stay.entered_at,
        authorised_until=stay.authorised_until,
        exited_at=stay.exited_at,
        days_present=days_present(stay.entered_at, stay.exited_at, now),
    )


def overstayers_query(
    country: str, today: date, *, post_id: uuid.UUID | None = None, nationality: str | None = None
) -> Select[Stay, Traveller]:
    query = (
        select(Stay, Traveller)
        .join(Traveller, Traveller.id == Stay.traveller_id)
        .where(Stay.country == country, Stay.exited_at.is_(None), Stay.authorised_until < today)
        .order_by(Stay.authorised_until)
    )
    if post_id is not None:
        query = query.where(Stay.entry_post_id == post_id)
    if nationality is not None:
        query = query.where(Stay.nationality == nationality)
    return query


def overstayers(
    session: Session,
    actor: Actor,
    country: str,
    *,
    today: date | None = None,
    post_id: uuid.UUID | None = None,
    nationality: str | None = None,
    limit: int = 100,
) -> list[OverstayerRead]:
    """People present in `country` past their authorised stay today, longest overdue first."""
    today = today or datetime.now(UTC).date()
    _require_country(session, actor, country, datetime.now(UTC).date())
    codes = _post_codes(session)
    query = overstayers_query(country, today, post_id=post_id, nationality=nationality)
    rows = session.execute(query.limit(limit)).all()
    record(session, actor, "list", "overstayers", country, {"count": len(rows)})
    return [_overstayer(stay, person, codes, today) for stay, person in rows]


def _overstayer(
    stay: Stay, person: Traveller, codes: dict[uuid.UUID, str], today: date
) -> OverstayerRead:
    assert stay.authorised_until is not None
    return OverstayerRead(
        traveller_id=person.id,
        surnames=person.surnames,
        given_names=person.given_names,
        nationality=person.nationality,
        country=stay.country,
        entry_post=codes.get(stay.entry_post_id, "?"),
        entered_at=stay.entered_at,
        authorised_until=stay.authorised_until,
        overstay_days=(today - stay.authorised_until).days,
    )


def count_overstayers(session: Session, actor: Actor, country: str, today: date) -> int:
    query = select(func.count()).select_from(overstayers_query(country, today).subquery())
    return session.scalar(query) or 0
