"""Traveller pages: find by document; identity, documents, crossings, stays, overstays."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse
from starlette.responses import RedirectResponse, Response

from concordia.errors import DomainError
from concordia.identity import profile
from concordia.web.console import ViewerDep, render
from concordia.web.deps import SessionDep
from concordia.web.paging import Page, PageDep

router = APIRouter(prefix="/travellers", include_in_schema=False)
Short = Annotated[str, Query(max_length=40)]


@router.get("")
def search(
    request: Request,
    session: SessionDep,
    viewer: ViewerDep,
    issuing_state: Short = "",
    number: Short = "",
) -> Response:
    """With a document, straight to its holder; otherwise the search form."""
    if not number:
        return render(request, "identity/search.html", viewer, issuing_state=issuing_state)
    try:
        traveller_id = profile.find(session, viewer.actor, issuing_state, number)
    except DomainError as exc:
        session.rollback()
        return render(
            request,
            "identity/search.html",
            viewer,
            error=exc,
            issuing_state=issuing_state,
            number=number,
        )
    return RedirectResponse(f"/travellers/{traveller_id}", status_code=303)


@router.get("/{traveller_id}")
def traveller_page(
    traveller_id: uuid.UUID,
    request: Request,
    session: SessionDep,
    viewer: ViewerDep,
    params: PageDep,
) -> HTMLResponse:
    shown = profile.profile(
        session, viewer.actor, traveller_id, limit=params.limit, offset=params.offset
    )
    page = Page.of(shown.crossings, params)
    return render(request, "identity/traveller.html", viewer, p=shown, page=page)
