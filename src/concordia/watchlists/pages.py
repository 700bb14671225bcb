"""Watch-list pages: search alerts, create, edit and expire one, import a file with progress.

Each route parses, calls one service (`watchlists.search`, `watchlists.service`,
`watchlists.jobs`) and renders. Changes are plain form posts followed by a redirect, so
the browser's back button and reload never repeat them.
"""

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Query, Request, UploadFile
from fastapi.responses import HTMLResponse
from starlette.responses import RedirectResponse, Response

from concordia.errors import DomainError
from concordia.watchlists import forms, jobs, search, service
from concordia.web.console import ViewerDep, render
from concordia.web.deps import SessionDep
from concordia.web.formdata import FormFields
from concordia.web.i18n import N_
from concordia.web.paging import Page, PageDep
from concordia.web.tables import Column, csv_response, wants_csv, window

router = APIRouter(prefix="/watchlists", include_in_schema=False)
Filter = Annotated[str, Query(max_length=120)]
FLASHES = {
    "created": N_("Alert created."),
    "updated": N_("Alert saved."),
    "expired": N_("Alert expired: screening no longer matches it."),
}
COLUMNS = (
    Column("list_code", N_("Watch list")),
    Column("external_id", N_("Reference"), lambda r: r.alert.external_id),
    Column("kind", N_("Kind"), lambda r: r.alert.kind, forms.KIND_LABELS),
    Column("label", N_("Subject")),
    Column("birth_dates", N_("Date of birth"), lambda r: r.alert.birth_dates),
    Column("nationalities", N_("Nationality"), lambda r: r.alert.nationalities),
    Column("category", N_("Category"), lambda r: r.alert.category, forms.CATEGORY_LABELS),
    Column("action", N_("Action"), lambda r: r.alert.action, forms.ACTION_LABELS),
    Column("status", N_("Status"), lambda r: r.alert.status, forms.STATUS_LABELS),
    Column("valid_until", N_("Valid until"), lambda r: r.alert.valid_until),
)


def _labels() -> dict[str, Any]:
    return {
        "categories": forms.CATEGORY_LABELS,
        "actions": forms.ACTION_LABELS,
        "statuses": forms.STATUS_LABELS,
        "kinds": forms.KIND_LABELS,
    }


@router.get("", response_model=None)
def alerts_page(
    request: Request,
    session: SessionDep,
    viewer: ViewerDep,
    page: PageDep,
    q: Filter = "",
    list_code: Filter = "",
    status: Filter = "",
    kind: Filter = "",
    done: str = "",
) -> Response:
    filters = search.AlertFilter(q=q, list_code=list_code, status=status, kind=kind)
    limit, offset = window(request, page)
    rows = search.search_alerts(session, viewer.actor, filters, limit=limit, offset=offset)
    if wants_csv(request):
        return csv_response(request, "alerts", COLUMNS, rows)
    return render(
        request,
        "watchlists/alerts.html",
        viewer,
        page=Page.of(rows, page),
        columns=COLUMNS,
        filters=filters,
        lists=search.filter_lists(session, viewer.actor),
        flash_key=FLASHES.get(done),
        **_labels(),
    )


def _form_page(
    request: Request,
    session: SessionDep,
    viewer: ViewerDep,
    values: dict[str, str],
    *,
    row: search.AlertRow | None = None,
    error: DomainError | None = None,
    flash_key: str | None = None,
) -> HTMLResponse:
    lists = search.own_lists(session, viewer.actor)
    context: dict[str, Any] = {"lists": lists, "values": values, "row": row, "error": error}
    return render(
        request,
        "watchlists/alert_form.html",
        viewer,
        flash_key=flash_key,
        **context,
        **_labels(),
    )


@router.get("/alerts/new")
def new_alert(
    request: Request, session: SessionDep, viewer: ViewerDep, list_code: Filter = ""
) -> HTMLResponse:
    return _form_page(request, session, viewer, {"list_code": list_code})


@router.post("/alerts", response_model=None)
def create_alert(
    request: Request, session: SessionDep, viewer: ViewerDep, values: FormFields
) -> Response:
    try:
        alert = service.create_alert(session, viewer.actor, forms.alert_from_form(values))
    except DomainError as exc:
        return _form_page(request, session, viewer, values, error=exc)
    return RedirectResponse(f"/watchlists/alerts/{alert.id}?done=created", status_code=303)


@router.get("/alerts/{alert_id}")
def alert_page(
    alert_id: uuid.UUID, request: Request, session: SessionDep, viewer: ViewerDep, done: str = ""
) -> HTMLResponse:
    row = search.alert_row(session, viewer.actor, alert_id)
    values = forms.form_of(row.alert, row.list_code)
    return _form_page(request, session, viewer, values, row=row, flash_key=FLASHES.get(done))


@router.post("/alerts/{alert_id}", response_model=None)
def update_alert(
    alert_id: uuid.UUID,
    request: Request,
    session: SessionDep,
    viewer: ViewerDep,
    values: FormFields,
) -> Response:
    try:
        body = forms.alert_from_form(values)
        search.update_alert(session, viewer.actor, alert_id, body)
    except DomainError as exc:
        row = search.alert_row(session, viewer.actor, alert_id)
        return _form_page(request, session, viewer, values, row=row, error=exc)
    return RedirectResponse(f"/watchlists/alerts/{alert_id}?done=updated", status_code=303)


@router.post("/alerts/{alert_id}/expire")
def expire_alert(alert_id: uuid.UUID, session: SessionDep, viewer: ViewerDep) -> Response:
    search.expire_alert(session, viewer.actor, alert_id)
    return RedirectResponse(f"/watchlists/alerts/{alert_id}?done=expired", status_code=303)


@router.get("/import")
def import_page(request: Request, session: SessionDep, viewer: ViewerDep) -> HTMLResponse:
    lists = search.own_lists(session, viewer.actor)
    return render(request, "watchlists/import.html", viewer, lists=lists, job=None)


@router.post("/import")
def start_import(
    request: Request,
    session: SessionDep,
    viewer: ViewerDep,
    file: Annotated[UploadFile, File()],
    list_code: Annotated[str, Form(max_length=60)] = "",
    format: Annotated[str, Form(max_length=20)] = "ftm",
    replace: Annotated[bool, Form()] = False,
) -> HTMLResponse:
    """Checks the request at once, then imports in the background; the page polls."""
    lists = search.own_lists(session, viewer.actor)
    try:
        raw = file.file.read(jobs.MAX_BYTES + 1)  # sync: this route runs on a worker thread
        text = jobs.check(session, viewer.actor, list_code, format, raw)
    except DomainError as exc:
        context: dict[str, Any] = {"lists": lists, "job": None, "error": exc, "chosen": list_code}
        return render(request, "watchlists/import.html", viewer, **context)
    engine = request.app.state.engine
    job = jobs.start(engine, viewer.actor, list_code, text, fmt=format, replace=replace)
    return render(request, "watchlists/import.html", viewer, lists=lists, job=job)


ERROR_COLUMNS = (
    Column("line", N_("Line")),
    Column("field", N_("Field")),
    Column("message", N_("Problem")),
)


@router.get("/import/{job_id}", response_model=None)
def import_progress(job_id: str, request: Request, viewer: ViewerDep) -> Response:
    """The progress fragment; `?format=csv`: the lines not imported, to fix the file."""
    job = jobs.get(viewer.actor, job_id)
    if wants_csv(request):
        errors = job.report.errors if job.report else []
        return csv_response(request, f"{job.list_code}-errors", ERROR_COLUMNS, errors)
    return render(request, "watchlists/_progress.html", viewer, job=job)
