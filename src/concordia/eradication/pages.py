"""Eradication dashboard pages: a campaign's target against achievement, provinces,
joint operations, fields on a map and checks; estimates by year and zone; alternative
development. One service call per page; the fields map loads the campaign's GeoJSON
endpoint from the browser."""

from typing import Annotated

from fastapi import APIRouter, Query, Request
from starlette.responses import Response

from concordia.eradication import estimates, service
from concordia.web.console import ViewerDep, render
from concordia.web.deps import SessionDep
from concordia.web.i18n import N_
from concordia.web.tables import Column, csv_response, wants_csv

router = APIRouter(prefix="/eradication", include_in_schema=False)
Code = Annotated[str, Query(max_length=60)]
PROVINCE_COLUMNS = (
    Column("province", N_("Province")),
    Column("target_ha", N_("Target (ha)")),
    Column("achieved_ha", N_("Achieved (ha)")),
)
ESTIMATE_COLUMNS = (
    Column("country", N_("Country")),
    Column("year", N_("Year")),
    Column("zone", N_("Zone")),
    Column("parent_zone", N_("Part of")),
    Column("hectares", N_("Hectares")),
    Column("source", N_("Source")),
)
ALT_COLUMNS = (
    Column("country", N_("Country")),
    Column("year", N_("Year")),
    Column("zone", N_("Zone")),
    Column("families", N_("Families")),
    Column("coffee_ha", N_("Coffee (ha)")),
    Column("cacao_ha", N_("Cacao (ha)")),
    Column("source", N_("Source")),
)
CHECKS = {
    "targets_do_not_add_up": N_("Province targets do not add up to the campaign target."),
    "operations_exceed_achieved": N_("Joint operations report more hectares than achieved."),
    "parts_exceed_total": N_("Zones add up to more than their total."),
    "conflicting_sources": N_("Sources disagree on the same year and zone."),
}


@router.get("", response_model=None)
def campaign_page(
    request: Request, session: SessionDep, viewer: ViewerDep, campaign: Code = ""
) -> Response:
    """The chosen campaign's dashboard (the first visible one by default)."""
    campaigns = service.list_campaigns(session, viewer.actor)
    code = campaign or (campaigns[0].code if campaigns else "")
    board = service.dashboard(session, viewer.actor, code) if code else None
    if wants_csv(request) and board is not None:
        return csv_response(request, f"{code}-provinces", PROVINCE_COLUMNS, board["by_province"])
    return render(
        request, "eradication/campaign.html", viewer, campaigns=campaigns, board=board,
        columns=PROVINCE_COLUMNS, checks=CHECKS, chart=_chart(board) if board else None,
    )  # fmt: skip


def _chart(board: dict[str, object]) -> dict[str, object]:
    series = board["series"]
    assert isinstance(series, list)
    return {
        "labels": [p["period_end"] for p in series],
        "series": [
            {"label": "achieved", "data": [p["cumulative_ha"] for p in series]},
            {"label": "target", "type": "line", "data": [p["target_ha"] for p in series]},
        ],
    }


@router.get("/estimates", response_model=None)
def estimates_page(
    request: Request, session: SessionDep, viewer: ViewerDep, country: Code = ""
) -> Response:
    report = estimates.estimates_report(session, viewer.actor, country or None)
    if wants_csv(request):
        return csv_response(request, "coca-estimates", ESTIMATE_COLUMNS, report["estimates"])
    return render(
        request, "eradication/estimates.html", viewer, report=report, country=country,
        columns=ESTIMATE_COLUMNS, checks=CHECKS,
    )  # fmt: skip


@router.get("/alternative-development", response_model=None)
def alternative_page(
    request: Request, session: SessionDep, viewer: ViewerDep, country: Code = ""
) -> Response:
    rows = estimates.alt_development_report(session, viewer.actor, country or None)
    if wants_csv(request):
        return csv_response(request, "alternative-development", ALT_COLUMNS, rows)
    return render(
        request, "eradication/alternative.html", viewer, rows=rows, country=country,
        columns=ALT_COLUMNS,
    )  # fmt: skip
