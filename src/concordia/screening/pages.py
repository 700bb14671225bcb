"""Secondary inspection pages: the queue of hits and referrals, one hit, its resolution."""

import uuid
from typing import Annotated, Literal

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse

from concordia.crossings import booth
from concordia.errors import DomainError
from concordia.screening import secondary
from concordia.web.console import ViewerDep, render
from concordia.web.deps import SessionDep
from concordia.web.paging import Page, PageDep

router = APIRouter(prefix="/secondary", include_in_schema=False)
Status = Literal["open", "confirmed", "false_positive"]


@router.get("")
def queue(
    request: Request,
    session: SessionDep,
    viewer: ViewerDep,
    params: PageDep,
    status: Status = "open",
) -> HTMLResponse:
    """Nearest deadline first; each row opens the hit with its explanation."""
    shown = secondary.queue(
        session, viewer.actor, status=status, limit=params.limit, offset=params.offset
    )
    page = Page.of(shown.hits, params)
    return render(
        request,
        "screening/queue.html",
        viewer,
        page=page,
        shown_status=status,
        referrals=shown.referrals,
    )


@router.get("/crossings/{crossing_id}")
def referred_crossing(
    crossing_id: uuid.UUID, request: Request, session: SessionDep, viewer: ViewerDep
) -> HTMLResponse:
    """A referred crossing with both checks; the officer decides as at the booth."""
    view = booth.open_crossing(session, viewer.actor, crossing_id)
    return render(request, "screening/crossing.html", viewer, view=view)


@router.get("/hits/{hit_id}")
def hit_page(
    hit_id: uuid.UUID, request: Request, session: SessionDep, viewer: ViewerDep
) -> HTMLResponse:
    shown = secondary.detail(session, viewer.actor, hit_id)
    return render(request, "screening/hit.html", viewer, d=shown, actions=secondary.ACTIONS)


@router.post("/hits/{hit_id}/resolve")
def resolve(
    hit_id: uuid.UUID,
    request: Request,
    session: SessionDep,
    viewer: ViewerDep,
    decision: Annotated[str, Form(max_length=20)] = "",
    action_taken: Annotated[str, Form(max_length=40)] = "",
    note: Annotated[str, Form(max_length=400)] = "",
    crossing_decision: Annotated[str, Form(max_length=10)] = "",
) -> HTMLResponse:
    """The form re-renders with the error on bad input; nothing is stored then."""
    resolution = secondary.Resolution(decision, action_taken, note, crossing_decision)
    try:
        shown = secondary.resolve(session, viewer.actor, hit_id, resolution)
    except DomainError as exc:
        session.rollback()
        shown = secondary.detail(session, viewer.actor, hit_id)
        return render(
            request,
            "screening/_resolution.html",
            viewer,
            d=shown,
            actions=secondary.ACTIONS,
            error=exc,
            form=resolution,
        )
    return render(
        request,
        "screening/_resolution.html",
        viewer,
        d=shown,
        actions=secondary.ACTIONS,
        done=True,
    )
