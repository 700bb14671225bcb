"""JSON routes for travellers' stays and today's overstayers."""

import uuid
from datetime import date

from fastapi import APIRouter, Query

from concordia.reference import service as reference
from concordia.stays import service
from concordia.stays.schemas import OverstayerRead, StaySummary
from concordia.web.deps import ActorDep, SessionDep

router = APIRouter(prefix="/api", tags=["stays"])


@router.get("/stays/overstayers")
def overstayers(
    session: SessionDep,
    actor: ActorDep,
    country: str = Query(min_length=2, max_length=3),
    post: str | None = Query(default=None, max_length=40),
    nationality: str | None = Query(default=None, min_length=2, max_length=3),
    on: date | None = None,
    limit: int = Query(default=100, ge=1, le=1000),
) -> list[OverstayerRead]:
    """Who is present past their authorised stay, found by post of entry and nationality."""
    code = reference.get_country(session, country, field="country").alpha3
    post_id = reference.get_post(session, post).id if post else None
    nat = (
        reference.get_country(session, nationality, field="nationality").alpha3
        if nationality
        else None
    )
    return service.overstayers(
        session, actor, code, today=on, post_id=post_id, nationality=nat, limit=limit
    )


@router.get("/travellers/{traveller_id}/stays")
def traveller_stays(
    traveller_id: uuid.UUID,
    session: SessionDep,
    actor: ActorDep,
    country: str = Query(min_length=2, max_length=3),
) -> StaySummary:
    code = reference.get_country(session, country, field="country").alpha3
    return service.summary(session, actor, traveller_id, code)
