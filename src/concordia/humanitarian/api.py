"""JSON routes for the census, group counts, referrals and counts; HTML and PDF sitrep."""

import uuid
from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query
from fastapi.responses import HTMLResponse, JSONResponse, Response

from concordia.humanitarian import followup, referrals, render, report, service
from concordia.humanitarian.schemas import (
    ConsentIn,
    DayCounts,
    DepartureIn,
    GroupCountCreate,
    GroupCountRead,
    NeedsUpdate,
    PersonCreate,
    PersonRead,
    ReferralCreate,
    ReferralRead,
    ReferralStatus,
    ReferralStatusIn,
)
from concordia.web.deps import ActorDep, SessionDep

router = APIRouter(prefix="/api/humanitarian", tags=["humanitarian"])
Lang = Literal["es", "en"]
Level = Literal["high", "medium", "low"]


@router.post("/people", status_code=201)
def register(body: PersonCreate, session: SessionDep, actor: ActorDep) -> PersonRead:
    """Register a person in the census. A likely duplicate answers 409
    `possible_duplicate` with `candidates`; list their ids in `confirm_not_duplicate_of`."""
    return service.register(session, actor, body)


@router.get("/people")
def list_people(
    session: SessionDep,
    actor: ActorDep,
    post: str | None = None,
    campaign: str | None = None,
    level: Level | None = None,
    household_id: uuid.UUID | None = None,
    limit: int = Query(100, ge=1, le=1000),
) -> list[PersonRead]:
    return service.list_people(
        session,
        actor,
        post=post,
        campaign=campaign,
        level=level,
        household_id=household_id,
        limit=limit,
    )


@router.get("/people/{person_id}")
def get_person(person_id: uuid.UUID, session: SessionDep, actor: ActorDep) -> PersonRead:
    return service.get_person(session, actor, person_id)


@router.post("/groups", status_code=201)
def record_group(body: GroupCountCreate, session: SessionDep, actor: ActorDep) -> GroupCountRead:
    return service.record_group(session, actor, body)


@router.get("/groups")
def list_groups(
    session: SessionDep, actor: ActorDep, post: str | None = None
) -> list[GroupCountRead]:
    return service.list_groups(session, actor, post=post)


@router.post("/referrals", status_code=201)
def create_referral(body: ReferralCreate, session: SessionDep, actor: ActorDep) -> ReferralRead:
    return referrals.create(session, actor, body)


@router.get("/referrals")
def list_referrals(
    session: SessionDep,
    actor: ActorDep,
    status: ReferralStatus | None = None,
    partner: str | None = None,
    limit: int = Query(100, ge=1, le=1000),
) -> list[ReferralRead]:
    return referrals.list_referrals(session, actor, status=status, partner=partner, limit=limit)


@router.get("/referrals/{referral_id}")
def get_referral(referral_id: uuid.UUID, session: SessionDep, actor: ActorDep) -> ReferralRead:
    return referrals.get(session, actor, referral_id)


@router.post("/referrals/{referral_id}/status")
def change_status(
    referral_id: uuid.UUID, body: ReferralStatusIn, session: SessionDep, actor: ActorDep
) -> ReferralRead:
    return referrals.change_status(session, actor, referral_id, body)


@router.post("/referrals/{referral_id}/consent")
def add_consent(
    referral_id: uuid.UUID, body: ConsentIn, session: SessionDep, actor: ActorDep
) -> ReferralRead:
    return referrals.add_consent(session, actor, referral_id, body)


@router.get("/counts")
def daily_counts(
    session: SessionDep, actor: ActorDep, start: date, end: date, post: str | None = None
) -> list[DayCounts]:
    """Per post and local day: registrations, group counts, vulnerable, open referrals."""
    return report.daily_counts(session, actor, start=start, end=end, post=post)


def _sitrep(
    session: SessionDep,
    actor: ActorDep,
    day: date | None = Query(None, alias="date"),
    post: str | None = None,
) -> report.Sitrep:
    """The query both sitrep routes take: `date` (default: report.default_day) and `post`."""
    return report.sitrep(session, actor, day=day or report.default_day(), post=post)


SitrepDep = Annotated[report.Sitrep, Depends(_sitrep)]


@router.get("/sitrep.html", response_class=HTMLResponse)
def sitrep_html(found: SitrepDep, lang: Lang = "es") -> HTMLResponse:
    """The daily situation report (aggregate only), Spanish unless `lang=en`."""
    return HTMLResponse(render.render_html(found, lang))


@router.get(
    "/sitrep.pdf", response_class=Response, responses={200: {"content": {"application/pdf": {}}}}
)
def sitrep_pdf(found: SitrepDep, lang: Lang = "es") -> Response:
    name = f"sitrep-{found.day.isoformat()}.pdf"
    return Response(
        render.render_pdf(found, lang),
        media_type="application/pdf",
        headers={"Content-Disposition": f'inline; filename="{name}"'},
    )


@router.get("/situation.geojson")
def situation_geojson(
    session: SessionDep, actor: ActorDep, day: date | None = Query(None, alias="date")
) -> JSONResponse:
    """GeoJSON layer: each visible post with the day's aggregate figures (no personal data)."""
    found = report.situation_geojson(session, actor, day=day or report.default_day())
    return JSONResponse(found, media_type="application/geo+json")


@router.post("/people/{person_id}/needs")
def update_needs(
    person_id: uuid.UUID, body: NeedsUpdate, session: SessionDep, actor: ActorDep
) -> PersonRead:
    """Record needs learnt after registration; the triage runs again."""
    return followup.update_needs(session, actor, person_id, body)


@router.post("/people/{person_id}/departure")
def record_departure(
    person_id: uuid.UUID, body: DepartureIn, session: SessionDep, actor: ActorDep
) -> PersonRead:
    """The person is no longer waiting (crossed, left, relocated)."""
    return followup.record_departure(session, actor, person_id, body)
