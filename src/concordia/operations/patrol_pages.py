"""Console pages of joint patrols: plan, record a track (uploaded or pasted GeoJSON) and
the coverage report per section with the unpatrolled sections highlighted."""

from datetime import timedelta
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse
from starlette.responses import Response

from concordia.errors import DomainError, ValidationFailed
from concordia.operations import forms, patrols, sections
from concordia.operations.common import now
from concordia.operations.pages import FormListing, form_list_page
from concordia.operations.schemas import PatrolIn, PatrolTrackIn
from concordia.web.console import ViewerDep, render
from concordia.web.deps import SessionDep
from concordia.web.formdata import FormFields
from concordia.web.i18n import N_
from concordia.web.paging import PageDep
from concordia.web.tables import Column, csv_response, wants_csv

router = APIRouter(prefix="/ops", include_in_schema=False)
MAX_TRACK_BYTES = 5_000_000

PATROL_COLUMNS = (
    Column("code", N_("Code")),
    Column("kind", N_("Type"), labels=forms.PATROL_KINDS),
    Column("agencies", N_("Agencies")),
    Column("section_codes", N_("Border sections")),
    Column("starts_at", N_("Starts")),
    Column("ends_at", N_("Ends")),
    Column("status", N_("Status")),
)
COVERAGE_COLUMNS = (
    Column("section", N_("Code")),
    Column("name", N_("Name")),
    Column("length_km", N_("Length (km)")),
    Column("covered_km", N_("Covered (km)")),
    Column("fraction", N_("Covered"), lambda s: f"{s.fraction:.0%}"),
    Column("patrols", N_("Patrols")),
)


def _patrols_page(
    request: Request, session: SessionDep, viewer: ViewerDep, page: Any, **extra: Any
) -> Response:
    rows = patrols.list_patrols(session, viewer.actor)
    listing = FormListing(
        "patrols", PATROL_COLUMNS, "operations/patrols.html",
        lambda: {"kinds": forms.PATROL_KINDS,
                 "sections": sections.list_sections(session, viewer.actor)}, extra,
    )  # fmt: skip
    return form_list_page(request, viewer, page, rows, listing)


@router.get("/patrols", response_model=None)
def patrols_page(
    request: Request, session: SessionDep, viewer: ViewerDep, page: PageDep, done: str = ""
) -> Response:
    return _patrols_page(request, session, viewer, page, done=done)


@router.post("/patrols", response_model=None)
def plan(
    request: Request, session: SessionDep, viewer: ViewerDep, page: PageDep, values: FormFields
) -> Response:
    try:
        patrol = patrols.plan(
            session, viewer.actor, forms.build(PatrolIn, forms.patrol_body(values))
        )
    except DomainError as exc:
        session.rollback()
        return _patrols_page(request, session, viewer, page, values=values, error=exc)
    return RedirectResponse(f"/ops/patrols/{patrol.code}?done=planned", status_code=303)


def _patrol_page(
    request: Request, session: SessionDep, viewer: ViewerDep, code: str, **extra: Any
) -> HTMLResponse:
    patrol = patrols.get(session, viewer.actor, code)
    context: dict[str, Any] = {
        "patrol": patrol,
        "error": None,
        "values": {},
        "kinds": forms.PATROL_KINDS,
    }
    return render(request, "operations/patrol.html", viewer, **(context | extra))


@router.get("/patrols/{code}")
def patrol_page(
    code: str, request: Request, session: SessionDep, viewer: ViewerDep, done: str = ""
) -> HTMLResponse:
    return _patrol_page(request, session, viewer, code, done=done)


def _track_text(pasted: str, upload: UploadFile | None) -> str:
    """An uploaded file wins over the pasted text (sync read: the route runs on a thread)."""
    if upload is not None and upload.filename:
        data = upload.file.read(MAX_TRACK_BYTES + 1)
        if len(data) > MAX_TRACK_BYTES:
            raise ValidationFailed("the file is larger than 5 MB", field="file")
        return data.decode("utf-8", errors="replace")
    if not pasted.strip():
        raise ValidationFailed("paste the track or choose a GeoJSON file", field="track")
    return pasted


@router.post("/patrols/{code}/track", response_model=None)
def record_track(
    code: str,
    request: Request,
    session: SessionDep,
    viewer: ViewerDep,
    track: Annotated[str, Form(max_length=MAX_TRACK_BYTES)] = "",
    findings: Annotated[str, Form(max_length=4000)] = "",
    file: Annotated[UploadFile | None, File()] = None,
) -> Response:
    values = {"track": track, "findings": findings}
    try:
        geometry = forms.geojson_text(_track_text(track, file), "track")
        body = forms.build(PatrolTrackIn, {"track": geometry, "findings": findings})
        patrols.record_track(session, viewer.actor, code, body)
    except DomainError as exc:
        session.rollback()
        return _patrol_page(request, session, viewer, code, values=values, error=exc)
    return RedirectResponse(f"/ops/patrols/{code}?done=track", status_code=303)


@router.get("/coverage", response_model=None)
def coverage_page(
    request: Request,
    session: SessionDep,
    viewer: ViewerDep,
    since: str = Query("", max_length=10),
    until: str = Query("", max_length=10),
) -> Response:
    """Coverage over whole UTC days; the last 7 days unless chosen."""
    lower, upper = forms.day_window(since, until)
    upper = upper or now()
    lower = lower or upper - timedelta(days=7)
    report = patrols.coverage_report(session, viewer.actor, since=lower, until=upper)
    if wants_csv(request):
        return csv_response(request, "coverage", COVERAGE_COLUMNS, report.sections)
    filters = {"since": since, "until": until}
    return render(request, "operations/coverage.html", viewer, report=report,
                  columns=COVERAGE_COLUMNS, filters=filters)  # fmt: skip
