"""Analytics pages of the console: post dashboard, forecasts, scenarios, diversion.

Thin: each route picks the post among those on the viewer's border (the dashboard's
`choose_post`), calls one analytics service and renders; charts are shaped by `views`
(pure) and drawn by `static/js/analytics.js`. Every table answers `?format=csv&table=…`
with the same rows through `web.tables`.
"""

import uuid
from datetime import date
from typing import Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from starlette.responses import Response

from concordia.analytics import forms, outlook, planning, views
from concordia.analytics.columns import DIVERSION, FORECAST, SCENARIOS, SUMMARY, TABLES
from concordia.analytics.overview import post_dashboard
from concordia.dashboard.service import choose_post, dashboard_posts, local_today
from concordia.errors import DomainError, ValidationFailed
from concordia.models import BorderPost
from concordia.reference.service import lanes_of, list_posts
from concordia.web.console import Viewer, ViewerDep, render
from concordia.web.deps import SessionDep
from concordia.web.formdata import FormFields
from concordia.web.i18n import language_of, translations
from concordia.web.paging import Page, PageDep, PageParams
from concordia.web.tables import Column, csv_response, wants_csv, window

router = APIRouter(prefix="/analytics", include_in_schema=False)
VALUES = views.VALUE_LABELS


def _gettext(request: Request) -> views.Gettext:
    return translations(language_of(request)).gettext


def _table(request: Request, name: str, tables: dict[str, tuple[Column, ...]],
           rows: dict[str, list[Any]], table: str) -> Response:  # fmt: skip
    if table not in tables:
        raise ValidationFailed(f"table must be one of {', '.join(tables)}", field="table")
    return csv_response(request, f"{name}-{table}", tables[table], rows[table])


def _post(session: SessionDep, viewer: Viewer, code: str) -> BorderPost:
    chosen = choose_post(session, viewer.actor, code)
    if chosen is None:
        raise ValidationFailed("there is no border post on your country's border", field="post")
    return chosen


def _lanes(session: SessionDep, post: BorderPost) -> list[tuple[str, str]]:
    """(flow, direction) of each lane, a two-way lane counted once each way."""
    ways = {"both": ("a_to_b", "b_to_a")}
    return [(x.flow, d) for x in lanes_of(session, post.id)
            for d in ways.get(x.direction, (x.direction,))]  # fmt: skip


@router.get("", response_model=None)
def dashboard_page(
    request: Request,
    session: SessionDep,
    viewer: ViewerDep,
    post: str = Query("", max_length=40),
    start: date | None = None,
    end: date | None = None,
    granularity: str = Query("hour", max_length=10),
    by: str = Query("flow", max_length=20),
    lane: str = Query("", max_length=40),
    table: str = Query("flows", max_length=20),
) -> Response:
    """Flows with last week and last year, waits with their basis, one lane's staffing."""
    where = _post(session, viewer, post)
    lanes = _lanes(session, where)
    flow, _sep, direction = (lane or f"{lanes[0][0]}:{lanes[0][1]}").partition(":")
    end = end or local_today(where)
    start = start or end
    report = post_dashboard(session, viewer.actor, post=where.code, start=start, end=end,
                            granularity=granularity, by=by, flow=flow,
                            direction=direction)  # fmt: skip
    rows: dict[str, list[Any]] = {
        "flows": views.flow_totals(report.flows),
        "breakdown": views.breakdown(report.flows),
        "waits": report.waits.lanes,
        "staffing": report.staffing.hours,
    }
    if wants_csv(request):
        return _table(request, f"{where.code}-{start}-{end}", TABLES, rows, table)
    _ = _gettext(request)
    charts = {"flows": views.flow_chart(report.flows, _),
              "staffing": views.staffing_chart(report.staffing, _)}  # fmt: skip
    filters = {"start": start, "end": end, "granularity": granularity, "by": by,
               "lane": f"{flow}:{direction}"}  # fmt: skip
    return render(request, "analytics/dashboard.html", viewer, post=where, report=report,
                  posts=dashboard_posts(session, viewer.actor), lanes=lanes, rows=rows,
                  tables=TABLES, charts=charts, filters=filters, values=VALUES)  # fmt: skip


@router.get("/forecasts", response_model=None)
def forecasts_page(
    request: Request,
    session: SessionDep,
    viewer: ViewerDep,
    post: str = Query("", max_length=40),
    series: str = Query("arrivals", max_length=20),
    granularity: str = Query("day", max_length=10),
    horizon: int = Query(0, ge=0, le=1488),
) -> Response:
    """Arrivals or stranded people, daily or hourly, with 80% and 95% bands."""
    where = _post(session, viewer, post)
    steps = horizon or (14 if granularity == "day" else 48)
    filters = {"series": series, "granularity": granularity, "horizon": steps}
    context: dict[str, Any] = {"post": where, "posts": dashboard_posts(session, viewer.actor),
               "columns": FORECAST, "filters": filters}  # fmt: skip
    try:
        report = outlook.forecast_post(session, viewer.actor, post=where.code, series=series,
                                       granularity=granularity, horizon=steps)  # fmt: skip
    except ValidationFailed as exc:  # no history, bad series: the form stays to fix it
        if wants_csv(request):
            raise
        return render(request, "analytics/forecasts.html", viewer, error=exc, **context)
    if wants_csv(request):
        name = f"{where.code}-forecast-{series}-{granularity}"
        return csv_response(request, name, FORECAST, report.points)
    chart = views.forecast_chart(report, _gettext(request))
    return render(request, "analytics/forecasts.html", viewer, report=report, chart=chart,
                  holidays=[p for p in report.points if p.holidays], **context)  # fmt: skip


@router.get("/scenarios", response_model=None)
def scenarios_page(
    request: Request,
    session: SessionDep,
    viewer: ViewerDep,
    page: PageDep,
    post: str = Query("", max_length=40),
    flow: str = Query("", max_length=20),
    created: str = Query("", max_length=40),
) -> Response:
    """Saved scenarios (filtered, paged, CSV), boxes to compare them, the new-scenario form."""
    limit, offset = window(request, page)
    found = planning.scenario_page(session, viewer.actor, post=post, flow=flow, limit=limit,
                                   offset=offset)  # fmt: skip
    rows = [planning.read(session, s) for s in found]
    if wants_csv(request):
        return csv_response(request, "scenarios", SCENARIOS, rows)
    return _scenario_list(request, session, viewer, Page.of(rows, page), created=created)


def _scenario_list(
    request: Request, session: SessionDep, viewer: Viewer, page: Page[Any], **context: Any
) -> HTMLResponse:
    defaults = forms.DEFAULTS | {"post": request.query_params.get("post", "")}
    context = {"values": defaults} | context
    return render(request, "analytics/scenarios.html", viewer, page=page, columns=SCENARIOS,
                  posts=dashboard_posts(session, viewer.actor), flows=views.VALUE_LABELS,
                  filters=dict(request.query_params), **context)  # fmt: skip


@router.post("/scenarios", response_model=None)
def create_scenario(
    request: Request, session: SessionDep, viewer: ViewerDep, values: FormFields
) -> Response:
    try:
        scenario = planning.run_scenario(session, viewer.actor, forms.scenario_from_form(values))
    except DomainError as exc:
        session.rollback()
        exc.field = forms.domain_field(exc.field)
        rows = [planning.read(session, s) for s in planning.scenario_page(session, viewer.actor)]
        page = Page.of(rows, PageParams(page=1, per_page=50))
        return _scenario_list(request, session, viewer, page, values=values, error=exc)
    return RedirectResponse(f"/analytics/scenarios?created={scenario.id}", status_code=303)


@router.get("/scenarios/compare", response_model=None)
def compare_page(
    request: Request,
    session: SessionDep,
    viewer: ViewerDep,
    ids: list[uuid.UUID] = Query(default_factory=list),
) -> Response:
    """Two or more saved scenarios side by side: one chart per metric, a summary table."""
    comparison = planning.compare(session, viewer.actor, ids)
    if wants_csv(request):
        return csv_response(request, "scenarios-compared", SUMMARY, comparison.scenarios)
    charts = views.comparison_charts(comparison, _gettext(request))
    return render(request, "analytics/compare.html", viewer, comparison=comparison,
                  charts=charts, columns=SUMMARY)  # fmt: skip


@router.get("/diversion", response_model=None)
def diversion_page(
    request: Request,
    session: SessionDep,
    viewer: ViewerDep,
    post: str = Query("", max_length=40),
    days: int = Query(7, ge=1, le=365),
    history_days: int = Query(28, ge=14, le=730),
) -> Response:
    """Where a closed post's travellers go: other posts, irregular routes, deferred."""
    where = _post(session, viewer, post)
    report = outlook.diversion_estimate(session, viewer.actor, post=where.code,
                                        history_days=history_days)  # fmt: skip
    posts = dashboard_posts(session, viewer.actor)
    _ = _gettext(request)
    names = {p.code: p.name for p in list_posts(session)}  # names are public reference data
    names |= {k: _(v) for k, v in views.VALUE_LABELS.items()}
    rows = views.diversion_rows(report, names, days)
    if wants_csv(request):
        return csv_response(request, f"{where.code}-diversion-{days}d", DIVERSION, rows)
    chart = views.diversion_chart(rows, _)
    filters = {"days": days, "history_days": history_days}
    return render(request, "analytics/diversion.html", viewer, post=where, report=report,
                  posts=posts, rows=rows, columns=DIVERSION, chart=chart,
                  filters=filters)  # fmt: skip
