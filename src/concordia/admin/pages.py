"""Administration pages: thin lists over the access, reference, rules and audit services.

Each list filters with GET parameters, pages with `PageDep` and exports the same rows
with `?format=csv`. Sharing agreements are also created and revoked here.
"""

import uuid
from datetime import UTC, date, datetime, time
from typing import Annotated, Any

import pydantic
from fastapi import APIRouter, Query, Request
from starlette.responses import RedirectResponse, Response

from concordia.access import agreements
from concordia.access import service as access
from concordia.admin import listing
from concordia.audit import service as audit
from concordia.errors import DomainError
from concordia.reference import service as reference
from concordia.rules.loader import check_directory
from concordia.web.console import ViewerDep, render, validation_failed
from concordia.web.deps import SessionDep
from concordia.web.formdata import FormFields
from concordia.web.i18n import N_
from concordia.web.paging import Page, PageDep, PageParams
from concordia.web.tables import csv_response, wants_csv, window

router = APIRouter(prefix="/admin", include_in_schema=False)
Text = Annotated[str, Query(max_length=80)]
FLASHES = {
    "created": N_("Agreement created."),
    "revoked": N_("Agreement revoked."),
    "enabled": N_("Account enabled."),
    "disabled": N_("Account disabled: its sessions and tokens no longer work."),
}


def _show(
    request: Request,
    viewer: ViewerDep,
    spec: listing.Listing,
    rows: list[Any],
    page: PageParams,
    **extra: Any,
) -> Response:
    """The list, or its CSV export: the one place every admin table goes through."""
    if wants_csv(request):
        return csv_response(request, spec.key, spec.columns, rows)
    context: dict[str, Any] = {
        "spec": spec,
        "tabs": listing.TABS,
        "page": Page.of(rows, page),
        "args": request.query_params,
    }
    return render(request, "admin/list.html", viewer, **context, **extra)


def _sliced(rows: list[Any], request: Request, page: PageParams) -> list[Any]:
    """Small reference tables come whole from their service; the page cuts its window."""
    limit, offset = window(request, page)
    return rows[offset : offset + limit]


@router.get("")
def admin_home(viewer: ViewerDep) -> RedirectResponse:
    return RedirectResponse("/admin/users", status_code=303)


@router.get("/users", response_model=None)
def users(
    request: Request,
    session: SessionDep,
    viewer: ViewerDep,
    page: PageDep,
    q: Text = "",
    agency: Text = "",
    role: Text = "",
    done: str = "",
) -> Response:
    limit, offset = window(request, page)
    rows = access.search_users(
        session, viewer.actor, q=q, agency=agency, role=role, limit=limit, offset=offset
    )
    return _show(request, viewer, listing.USERS, rows, page, flash_key=FLASHES.get(done))


@router.post("/users/{username}/active")
def set_user_active(
    username: str, session: SessionDep, viewer: ViewerDep, form: FormFields
) -> Response:
    """Disable or enable an account (administrators only, in the service)."""
    active = form.get("active") == "true"
    access.set_active(session, viewer.actor, username, active)
    done = "enabled" if active else "disabled"
    return RedirectResponse(f"/admin/users?q={username}&done={done}", status_code=303)


@router.get("/agencies", response_model=None)
def agencies(
    request: Request,
    session: SessionDep,
    viewer: ViewerDep,
    page: PageDep,
    country: Text = "",
    kind: Text = "",
) -> Response:
    rows = reference.list_agencies(session, country=country or None, kind=kind or None)
    return _show(request, viewer, listing.AGENCIES, _sliced(rows, request, page), page)


@router.get("/posts", response_model=None)
def posts(request: Request, session: SessionDep, viewer: ViewerDep, page: PageDep) -> Response:
    rows = reference.list_posts(session)
    return _show(request, viewer, listing.POSTS, _sliced(rows, request, page), page)


@router.get("/rules", response_model=None)
def rules(request: Request, viewer: ViewerDep, page: PageDep) -> Response:
    """Every rules file, checked now: a file with problems is listed with each of them."""
    rows = check_directory()
    return _show(request, viewer, listing.RULES, _sliced(rows, request, page), page)


@router.get("/agreements", response_model=None)
def agreements_page(
    request: Request,
    session: SessionDep,
    viewer: ViewerDep,
    page: PageDep,
    status: Text = "",
    country: Text = "",
    done: str = "",
) -> Response:
    limit, offset = window(request, page)
    rows = agreements.search(
        session, viewer.actor, status=status, country=country, limit=limit, offset=offset
    )
    flash = FLASHES.get(done)
    return _show(
        request,
        viewer,
        listing.AGREEMENTS,
        rows,
        page,
        flash_key=flash,
        values={},
        categories=sorted(agreements.CATEGORIES),
    )


def _agreement_in(form: dict[str, str]) -> agreements.AgreementIn:
    values: dict[str, Any] = {
        k: v.strip() for k, v in form.items() if v.strip() and k != "csrf_token"
    }
    values["categories"] = [c for c in form.get("categories", "").replace(",", " ").split() if c]
    try:
        return agreements.AgreementIn.model_validate(values)
    except pydantic.ValidationError as exc:
        raise validation_failed(exc) from None


@router.post("/agreements", response_model=None)
def create_agreement(
    request: Request, session: SessionDep, viewer: ViewerDep, form: FormFields
) -> Response:
    try:
        agreements.create(session, viewer.actor, _agreement_in(form))
    except DomainError as exc:
        session.rollback()
        rows = agreements.search(session, viewer.actor, limit=51)
        page = PageParams(1, 50)
        extra = {"error": exc, "values": form, "categories": sorted(agreements.CATEGORIES)}
        return _show(request, viewer, listing.AGREEMENTS, rows, page, **extra)
    return RedirectResponse("/admin/agreements?done=created", status_code=303)


@router.post("/agreements/{agreement_id}/revoke")
def revoke_agreement(agreement_id: uuid.UUID, session: SessionDep, viewer: ViewerDep) -> Response:
    agreements.revoke(session, viewer.actor, agreement_id)
    return RedirectResponse("/admin/agreements?done=revoked", status_code=303)


@router.get("/audit", response_model=None)
def audit_page(
    request: Request,
    session: SessionDep,
    viewer: ViewerDep,
    page: PageDep,
    username: Text = "",
    object_id: Text = "",
    since: date | None = None,
) -> Response:
    limit, offset = window(request, page)
    start = datetime.combine(since, time(0), tzinfo=UTC) if since else None
    rows = audit.search(
        session,
        viewer.actor,
        username=username or None,
        object_id=object_id or None,
        since=start,
        limit=limit,
        offset=offset,
    )
    return _show(request, viewer, listing.AUDIT, rows, page)
