"""Flight pages: import a tracks file (CSV or Parquet) and read its batch: candidate
sites (registered or not), suspect flights with score and reasons, routes, and a map
of the three layers (loaded from the batch's GeoJSON endpoints)."""

import uuid
from pathlib import PurePath
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Query, Request, UploadFile
from fastapi.responses import HTMLResponse
from starlette.responses import RedirectResponse, Response

from concordia.aviation import service
from concordia.aviation.api import MAX_UPLOAD
from concordia.errors import DomainError, ValidationFailed
from concordia.web.console import ViewerDep, render
from concordia.web.deps import SessionDep
from concordia.web.i18n import N_
from concordia.web.paging import Page, PageDep
from concordia.web.tables import Column, csv_response, wants_csv

router = APIRouter(prefix="/flights", include_in_schema=False)
BATCH_COLUMNS = (
    Column("name", N_("Name")),
    Column("created_at", N_("Imported")),
    Column("file_format", N_("Format")),
    Column("flights", N_("Flights")),
    Column("plots", N_("Plots")),
    Column("candidate_sites", N_("Candidate strips")),
    Column("suspect_flights", N_("Suspect flights")),
)
TABLES: dict[str, tuple[Column, ...]] = {
    "sites": (
        Column("id", N_("Site")),
        Column("registered", N_("Registered aerodrome")),
        Column("nearest_aerodrome", N_("Nearest aerodrome")),
        Column("distance_km", N_("Distance (km)")),
        Column("latitude", N_("Latitude")),
        Column("longitude", N_("Longitude")),
        Column("flights", N_("Flights")),
    ),
    "flights": (
        Column("id", N_("Flight")),
        Column("callsign", N_("Callsign")),
        Column("origin_site", N_("Origin site")),
        Column("destination_site", N_("Destination site")),
        Column("borders_crossed", N_("Borders crossed")),
        Column("score", N_("Score")),
        Column("reasons", N_("Reasons")),
    ),
    "routes": (
        Column("origin_site", N_("Origin site")),
        Column("destination_site", N_("Destination site")),
        Column("flights", N_("Flights")),
        Column("recurrent", N_("Recurrent")),
    ),
}


def _upload_page(
    request: Request, session: SessionDep, viewer: ViewerDep, error: DomainError | None = None
) -> HTMLResponse:
    batches = service.list_batches(session, viewer.actor)
    return render(
        request, "aviation/batches.html", viewer, batches=batches, columns=BATCH_COLUMNS,
        error=error, status=error.status if error else 200,
    )  # fmt: skip


@router.get("", response_model=None)
def batches_page(request: Request, session: SessionDep, viewer: ViewerDep) -> Response:
    if wants_csv(request):
        return csv_response(
            request, "track-batches", BATCH_COLUMNS, service.list_batches(session, viewer.actor)
        )
    return _upload_page(request, session, viewer)


@router.post("", response_model=None)
def import_tracks(
    request: Request,
    session: SessionDep,
    viewer: ViewerDep,
    file: Annotated[UploadFile, File()],
    name: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    """The format follows the file's extension (.csv or .parquet)."""
    try:
        suffix = PurePath(file.filename or "").suffix.lower()
        if suffix not in (".csv", ".parquet"):
            raise ValidationFailed("the tracks file is .csv or .parquet", field="file")
        data = file.file.read(MAX_UPLOAD + 1)
        if len(data) > MAX_UPLOAD:
            raise ValidationFailed("file larger than 200 MB", field="file")
        label = name.strip() or (file.filename or "tracks")
        batch = service.import_batch(
            session, viewer.actor, name=label, data=data, fmt=suffix.lstrip(".")
        )
    except DomainError as exc:
        session.rollback()
        return _upload_page(request, session, viewer, exc)
    return RedirectResponse(f"/flights/{batch.id}", status_code=303)


@router.get("/{batch_id}", response_model=None)
def batch_page(
    batch_id: uuid.UUID,
    request: Request,
    session: SessionDep,
    viewer: ViewerDep,
    page: PageDep,
    table: Annotated[str, Query(max_length=20)] = "flights",
) -> Response:
    if table not in TABLES:
        raise ValidationFailed(f"table must be one of {', '.join(TABLES)}", field="table")
    report = service.batch_report(session, viewer.actor, batch_id)
    if wants_csv(request):
        return csv_response(request, f"batch-{table}", TABLES[table], report[table])
    flights: list[dict[str, Any]] = report["flights"][page.offset : page.offset + page.limit]
    return render(
        request, "aviation/batch.html", viewer, report=report, tables=TABLES,
        flights=Page.of(flights, page),
    )  # fmt: skip
