"""Console pages of post status, emergencies and notices (supervisors).

Each route parses a plain form into the API's Pydantic body (`forms`), calls one
operations service and renders; a DomainError re-renders the form with the error naming
the field (the transaction rolled back), success redirects (post/redirect/get).
"""

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from starlette.responses import Response

from concordia.errors import DomainError
from concordia.operations import emergencies, forms, notices, posts
from concordia.operations.schemas import EmergencyIn, EmergencyLiftIn, PostStatusIn
from concordia.web.console import ViewerDep, render
from concordia.web.deps import SessionDep
from concordia.web.formdata import FormFields
from concordia.web.i18n import N_
from concordia.web.paging import Page, PageDep
from concordia.web.tables import Column, csv_response, wants_csv, window

router = APIRouter(prefix="/ops", include_in_schema=False)


@dataclass(frozen=True)
class FormListing:
    """What differs between the list-with-form pages: CSV name, columns, template, the
    form's own context (built lazily) and the route's extras (done, values, error)."""

    csv_name: str
    columns: tuple[Column, ...]
    template: str
    more: Callable[[], dict[str, Any]]
    extra: dict[str, Any]


POST_COLUMNS = (
    Column("code", N_("Code")),
    Column("name", N_("Border post")),
    Column("status", N_("Status"), labels=forms.POST_STATUSES),
    Column("opens_at", N_("Opens")),
    Column("closes_at", N_("Closes")),
    Column("measures", N_("Measures of the post")),
    Column("emergency_measures", N_("Emergency measures")),
)
HISTORY_COLUMNS = (
    Column("created_at", N_("When")),
    Column("status", N_("Status"), labels=forms.POST_STATUSES),
    Column("measures", N_("Measures")),
    Column("reason", N_("Reason")),
    Column("previous", N_("Before"), lambda c: c.previous.get("status", "")),
)
EMERGENCY_COLUMNS = (
    Column("country", N_("Country")),
    Column("region", N_("Region")),
    Column("post_codes", N_("Border posts")),
    Column("measures", N_("Measures")),
    Column("starts_on", N_("Starts")),
    Column("ends_on", N_("Ends")),
    Column("status", N_("Status")),
    Column("legal_reference", N_("Legal reference")),
)
NOTICE_COLUMNS = (
    Column("created_at", N_("When")),
    Column("kind", N_("Type")),
    Column("post", N_("Border post")),
    Column("title", N_("Title")),
    Column("message", N_("Message")),
    Column("public", N_("Public")),
)


@router.get("/posts", response_model=None)
def posts_page(request: Request, session: SessionDep, viewer: ViewerDep, page: PageDep) -> Response:
    rows = posts.list_status(session, viewer.actor)
    if wants_csv(request):
        return csv_response(request, "post-status", POST_COLUMNS, rows)
    shown = forms.rows_of(rows, page.offset, page.limit)
    return render(request, "operations/posts.html", viewer, page=Page.of(shown, page),
                  columns=POST_COLUMNS)  # fmt: skip


def _post_page(
    request: Request, session: SessionDep, viewer: ViewerDep, code: str, **extra: Any
) -> HTMLResponse:
    status, changes = posts.post_detail(session, viewer.actor, code)
    context: dict[str, Any] = {"post": status, "changes": changes, "columns": HISTORY_COLUMNS}
    context |= {"statuses": forms.POST_STATUSES, "values": {}, "error": None}
    return render(request, "operations/post.html", viewer, **(context | extra))


@router.get("/posts/{code}", response_model=None)
def post_page(
    code: str, request: Request, session: SessionDep, viewer: ViewerDep, done: str = ""
) -> Response:
    if wants_csv(request):
        changes = posts.history(session, viewer.actor, code)
        return csv_response(request, f"{code}-history", HISTORY_COLUMNS, changes)
    return _post_page(request, session, viewer, code, done=done)


@router.post("/posts/{code}/status", response_model=None)
def change_status(
    code: str, request: Request, session: SessionDep, viewer: ViewerDep, values: FormFields
) -> Response:
    try:
        body = forms.build(PostStatusIn, forms.status_body(values))
        posts.set_status(session, viewer.actor, code, body)
    except DomainError as exc:
        session.rollback()
        return _post_page(request, session, viewer, code, values=values, error=exc)
    return RedirectResponse(f"/ops/posts/{code}?done=status", status_code=303)


def form_list_page(
    request: Request, viewer: ViewerDep, page: Any, rows: list[Any], listing: FormListing
) -> Response:
    """A paged list with its create form above it, or its CSV: what the emergencies and
    patrols pages share. `more` runs only for HTML, so a CSV export does no extra query."""
    if wants_csv(request):
        return csv_response(request, listing.csv_name, listing.columns, rows)
    shown = Page.of(forms.rows_of(rows, page.offset, page.limit), page)
    context: dict[str, Any] = {"page": shown, "columns": listing.columns}
    context |= {"values": {}, "error": None} | listing.more()
    return render(request, listing.template, viewer, **(context | listing.extra))


def _emergencies_page(
    request: Request, session: SessionDep, viewer: ViewerDep, page: Any, **extra: Any
) -> Response:
    rows = emergencies.list_declarations(session, viewer.actor)
    listing = FormListing(
        "emergencies", EMERGENCY_COLUMNS, "operations/emergencies.html",
        lambda: {"posts": posts.list_status(session, viewer.actor)}, extra,
    )  # fmt: skip
    return form_list_page(request, viewer, page, rows, listing)


@router.get("/emergencies", response_model=None)
def emergencies_page(
    request: Request, session: SessionDep, viewer: ViewerDep, page: PageDep, done: str = ""
) -> Response:
    return _emergencies_page(request, session, viewer, page, done=done)


@router.post("/emergencies", response_model=None)
def declare(
    request: Request, session: SessionDep, viewer: ViewerDep, page: PageDep, values: FormFields
) -> Response:
    try:
        body = forms.build(EmergencyIn, forms.emergency_body(values))
        emergencies.declare(session, viewer.actor, body)
    except DomainError as exc:
        session.rollback()
        return _emergencies_page(request, session, viewer, page, values=values, error=exc)
    return RedirectResponse("/ops/emergencies?done=declared", status_code=303)


@router.post("/emergencies/{declaration_id}/lift", response_model=None)
def lift(
    declaration_id: uuid.UUID,
    request: Request,
    session: SessionDep,
    viewer: ViewerDep,
    page: PageDep,
    values: FormFields,
) -> Response:
    try:
        body = forms.build(EmergencyLiftIn, {"reason": values.get("reason", "")})
        emergencies.lift(session, viewer.actor, declaration_id, body)
    except DomainError as exc:
        session.rollback()
        return _emergencies_page(request, session, viewer, page, lift_error=exc,
                                 lift_id=declaration_id)  # fmt: skip
    return RedirectResponse("/ops/emergencies?done=lifted", status_code=303)


@router.get("/notices", response_model=None)
def notices_page(
    request: Request, session: SessionDep, viewer: ViewerDep, page: PageDep
) -> Response:
    limit, offset = window(request, page)
    found = notices.list_notices(session, viewer.actor, limit=offset + limit)
    rows = notices.read_models(session, found[offset:])
    if wants_csv(request):
        return csv_response(request, "notices", NOTICE_COLUMNS, rows)
    return render(request, "operations/notices.html", viewer, page=Page.of(rows, page),
                  columns=NOTICE_COLUMNS)  # fmt: skip
