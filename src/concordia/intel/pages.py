"""Seizure pages: the register with filters and CSV, the form, one seizure, statistics.

Each route parses, calls one service (`intel.seizures`, `intel.stats`) and renders; the
seizure form posts plainly and redirects, so reloading never records a seizure twice.
"""

import uuid
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse
from starlette.responses import RedirectResponse, Response

from concordia.errors import DomainError, ValidationFailed
from concordia.intel import seizures, stats
from concordia.intel.entities import SUBSTANCES
from concordia.intel.schemas import SeizureCreate
from concordia.web.console import ViewerDep, filled, parse_form, render
from concordia.web.deps import SessionDep
from concordia.web.formdata import FormFields
from concordia.web.i18n import N_
from concordia.web.paging import Page, PageDep
from concordia.web.tables import Column, csv_response, wants_csv, window

router = APIRouter(prefix="/intel", include_in_schema=False)
Filter = Annotated[str, Query(max_length=120)]
SUBSTANCE_LABELS = {
    "cocaine_hydrochloride": N_("cocaine hydrochloride"),
    "cocaine_paste": N_("cocaine paste"),
    "marijuana": N_("marijuana"),
    "precursor_chemicals": N_("precursor chemicals"),
    "fuel": N_("fuel"),
    "cash": N_("cash"),
    "contraband_goods": N_("contraband goods"),
}
PLACE_LABELS = {
    "post": N_("border post"),
    "road": N_("road"),
    "lake": N_("lake"),
    "airstrip": N_("airstrip"),
    "port": N_("port"),
    "other": N_("other"),
}
UNITS = {s: sorted(u) for s, u in SUBSTANCES.items()}
COLUMNS = (
    Column("reference", N_("Reference")),
    Column("occurred_at", N_("Date and time (UTC)")),
    Column("agency", N_("Agency")),
    Column("place_kind", N_("Kind of place"), labels=PLACE_LABELS),
    Column("place_name", N_("Place")),
    Column("substance", N_("Substance"), labels=SUBSTANCE_LABELS),
    Column("quantity", N_("Quantity")),
    Column("unit", N_("Unit")),
    Column("route", N_("Route"), lambda r: f"{r.route_origin} → {r.route_destination}"),
)
BY_LABELS = {
    "substance": N_("Substance"),
    "place": N_("Place"),
    "month": N_("Month"),
    "route": N_("Route"),
}


def month_range(month: str) -> tuple[datetime | None, datetime | None]:
    """`YYYY-MM` as [first instant, first instant of the next month) in UTC."""
    if not month:
        return None, None
    try:
        start = datetime.strptime(month + "-01+0000", "%Y-%m-%d%z")
    except ValueError:
        raise ValidationFailed("month is written YYYY-MM", field="month") from None
    following = start.replace(year=start.year + start.month // 12, month=start.month % 12 + 1)
    return start, following


def _filters(substance: str, place: str, month: str, agency: str) -> dict[str, Any]:
    if substance and substance not in SUBSTANCE_LABELS:
        raise ValidationFailed("unknown substance", field="substance")
    since, until = month_range(month)
    return {"substance": substance or None, "place": place or None, "agency": agency or None,
            "since": since, "until": until}  # fmt: skip


@router.get("/seizures", response_model=None)
def seizures_page(
    request: Request,
    session: SessionDep,
    viewer: ViewerDep,
    page: PageDep,
    substance: Filter = "",
    place: Filter = "",
    month: Filter = "",
    agency: Filter = "",
    done: str = "",
) -> Response:
    limit, offset = window(request, page)
    found = seizures.search(
        session, viewer.actor, limit=limit, offset=offset,
        **_filters(substance, place, month, agency),
    )  # fmt: skip
    rows = seizures.read_models(session, found)
    if wants_csv(request):
        return csv_response(request, "seizures", COLUMNS, rows)
    values = {"substance": substance, "place": place, "month": month, "agency": agency}
    return render(
        request, "intel/seizures.html", viewer, page=Page.of(rows, page), columns=COLUMNS,
        values=values, substances=SUBSTANCE_LABELS, created=done == "created",
    )  # fmt: skip


def _form(
    request: Request, viewer: ViewerDep, values: dict[str, str], error: DomainError | None = None
) -> HTMLResponse:
    return render(
        request, "intel/seizure_form.html", viewer, values=values, error=error,
        substances=SUBSTANCE_LABELS, places=PLACE_LABELS, units=UNITS,
    )  # fmt: skip


@router.get("/seizures/new")
def new_seizure(request: Request, viewer: ViewerDep) -> HTMLResponse:
    return _form(request, viewer, {"place_kind": "road", "unit": "kg"})


def seizure_from_form(values: dict[str, str]) -> SeizureCreate:
    """The form's text fields as the API's body; a pydantic error names the field."""
    keys = ("place_kind", "place_name", "substance", "quantity", "unit", "concealment",
            "route_origin", "route_destination", "notes")  # fmt: skip
    body = filled(values, keys)
    when = values.get("occurred_at", "").strip()
    body["occurred_at"] = when + "Z" if len(when) in (16, 19) else when
    body |= filled(values, ("reference", "post"))
    lat, lon = values.get("latitude", "").strip(), values.get("longitude", "").strip()
    if lat or lon:
        body["location"] = {"type": "Point", "coordinates": [lon or "x", lat or "x"]}
    return parse_form(SeizureCreate, body, prefix="seizure")


@router.post("/seizures", response_model=None)
def create_seizure(
    request: Request, session: SessionDep, viewer: ViewerDep, values: FormFields
) -> Response:
    try:
        created = seizures.create(session, viewer.actor, seizure_from_form(values))
    except DomainError as exc:
        session.rollback()
        if exc.field and not exc.field.startswith("seizure."):
            exc.field = f"seizure.{exc.field}"
        return _form(request, viewer, values, exc)
    return RedirectResponse(f"/intel/seizures/{created.id}?done=created", status_code=303)


@router.get("/seizures/{seizure_id}")
def seizure_page(
    seizure_id: uuid.UUID, request: Request, session: SessionDep, viewer: ViewerDep, done: str = ""
) -> HTMLResponse:
    row = seizures.read_models(session, [seizures.get(session, viewer.actor, seizure_id)])[0]
    return render(
        request, "intel/seizure.html", viewer, row=row, created=done == "created",
        substances=SUBSTANCE_LABELS, places=PLACE_LABELS,
    )  # fmt: skip


STAT_COLUMNS = {
    by: (
        Column(by, label, labels=SUBSTANCE_LABELS if by == "substance" else None),
        Column("unit", N_("Unit")),
        Column("seizures", N_("Seizures")),
        Column("quantity", N_("Quantity")),
    )
    for by, label in BY_LABELS.items()
}


@router.get("/statistics", response_model=None)
def statistics_page(
    request: Request,
    session: SessionDep,
    viewer: ViewerDep,
    by: Filter = "substance",
    month: Filter = "",
) -> Response:
    if by not in BY_LABELS:
        raise ValidationFailed(f"by is one of {', '.join(BY_LABELS)}", field="by")
    since, until = month_range(month)
    rows = stats.summarise(seizures.stat_rows(session, viewer.actor, since=since, until=until), by)
    if wants_csv(request):
        return csv_response(request, f"seizures-by-{by}", STAT_COLUMNS[by], rows)
    return render(
        request, "intel/statistics.html", viewer, rows=rows, by=by, month=month,
        dimensions=BY_LABELS, columns=STAT_COLUMNS[by], chart=chart_series(rows, by),
    )  # fmt: skip


def chart_series(rows: list[dict[str, Any]], by: str) -> dict[str, Any]:
    """Labels and one dataset per unit (kilograms and litres never share a bar)."""
    labels = sorted({str(r[by]) for r in rows})
    units = sorted({str(r["unit"]) for r in rows})
    sums = {(str(r[by]), str(r["unit"])): r["quantity"] for r in rows}
    series = [{"label": u, "data": [sums.get((name, u), 0) for name in labels]} for u in units]
    return {"labels": labels, "series": series}
