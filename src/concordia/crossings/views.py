"""Build the read models the API, CLI and pages show (times also in each side's zone)."""

import uuid
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from concordia import cache
from concordia.crossings.schemas import (
    CheckRead,
    CrossingRead,
    DocumentRead,
    FiredRuleRead,
    RecordRead,
    TravellerRead,
)
from concordia.crossings.service import parts_of
from concordia.models import (
    BorderPost,
    CountryCheck,
    Crossing,
    MovementRecord,
    TravelDocument,
    Traveller,
    User,
    Vehicle,
)


def _zone(post: BorderPost, country: str) -> ZoneInfo:
    return ZoneInfo(post.timezone_a if country == post.country_a else post.timezone_b)


def local_iso(post: BorderPost, country: str, at: datetime) -> str:
    return at.astimezone(_zone(post, country)).isoformat(timespec="seconds")


def _usernames(session: Session, ids: set[uuid.UUID | None]) -> dict[uuid.UUID, str]:
    """Officers' usernames by id (usernames never change: kept `cache.TTL_S`)."""
    wanted = frozenset(i for i in ids if i is not None)
    if not wanted:
        return {}

    def load() -> dict[uuid.UUID, str]:
        rows = session.execute(select(User.id, User.username).where(User.id.in_(wanted)))
        return {row.id: row.username for row in rows}

    return cache.cached(session, "usernames", wanted, load)


def _check_read(check: CountryCheck, names: dict[uuid.UUID, str]) -> CheckRead:
    return CheckRead(
        country=check.country,
        movement=check.movement,
        ruleset=check.ruleset,
        recommendation=check.recommendation,
        fired_rules=[FiredRuleRead(**r) for r in check.fired_rules],
        stay_days=check.stay_days,
        decision=check.decision,
        decided_by=names.get(check.decided_by) if check.decided_by else None,
        decided_at=check.decided_at,
        note=check.note,
    )


def _record_read(post: BorderPost, rec: MovementRecord, names: dict[uuid.UUID, str]) -> RecordRead:
    return RecordRead(
        id=rec.id,
        country=rec.country,
        movement=rec.movement,
        recorded_at=rec.recorded_at,
        recorded_at_local=local_iso(post, rec.country, rec.recorded_at),
        officer=names.get(rec.officer_id) if rec.officer_id else None,
    )


def crossing_read(session: Session, crossing: Crossing, *, replayed: bool = False) -> CrossingRead:
    post = session.get_one(BorderPost, crossing.post_id)
    checks, recs = parts_of(session, crossing.id)
    names = _usernames(session, {c.decided_by for c in checks} | {r.officer_id for r in recs})
    vehicle = session.get(Vehicle, crossing.vehicle_id) if crossing.vehicle_id else None
    return CrossingRead(
        id=crossing.id,
        post=post.code,
        from_country=crossing.from_country,
        to_country=crossing.to_country,
        control=crossing.control,
        mode=crossing.mode,
        status=crossing.status,
        outcome=crossing.outcome,
        occurred_at=crossing.occurred_at,
        occurred_at_local={
            c: local_iso(post, c, crossing.occurred_at) for c in (post.country_a, post.country_b)
        },
        completed_at=crossing.completed_at,
        traveller=TravellerRead.model_validate(session.get_one(Traveller, crossing.traveller_id)),
        document=DocumentRead.model_validate(session.get_one(TravelDocument, crossing.document_id)),
        vehicle_plate=vehicle.plate if vehicle else None,
        vehicle_role=crossing.vehicle_role,
        group_id=crossing.group_id,
        checks=[_check_read(c, names) for c in checks],
        records=[_record_read(post, r, names) for r in recs],
        replayed=replayed,
    )
