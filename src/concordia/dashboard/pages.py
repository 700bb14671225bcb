"""Post dashboard and map pages: thin, one service call each.

The dashboard's counts are a fragment the page refreshes every 30 seconds (htmx); its
charts are drawn by `static/js/dashboard.js` from the numbers in the fragment's tables,
so the tables, the charts and the CSV export show the same figures.
"""

from datetime import date, datetime
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse
from starlette.responses import Response

from concordia.dashboard import layers, service
from concordia.errors import ValidationFailed
from concordia.operations import forms
from concordia.web.console import ViewerDep, render
from concordia.web.deps import SessionDep
from concordia.web.i18n import N_
from concordia.web.tables import Column, csv_response, wants_csv

router = APIRouter(include_in_schema=False)
REFRESH_SECONDS = 30
KEY, COUNT = (
    Column("key", N_("Value"), lambda r: r[0]),
    Column("count", N_("Crossings"), lambda r: r[1]),
)
TABLES: dict[str, tuple[str, tuple[Column, ...]]] = {
    "hours": (N_("Crossings by hour"), (Column("hour", N_("Hour"), lambda r: r[0]), COUNT)),
    "directions": (
        N_("By direction"),
        (Column("direction", N_("Direction"), lambda r: r[0]), COUNT),
    ),
    "nationalities": (
        N_("By nationality"),
        (Column("nationality", N_("Nationality"), lambda r: r[0]), COUNT),
    ),
    "flows": (N_("By flow"), (Column("flow", N_("Mode of travel"), lambda r: r[0]), COUNT)),
    "statuses": (N_("By status"), (Column("status", N_("Status"), lambda r: r[0]), COUNT)),
}

VALUE_LABELS = {
    "foot": N_("on foot"),
    "car": N_("car"),
    "bus": N_("bus"),
    "truck": N_("truck"),
    "pending": N_("pending"),
    "completed": N_("completed"),
    "referred": N_("referred"),
    "refused": N_("refused"),
    "other": N_("other"),
}


def table_rows(counts: service.PostCounts) -> dict[str, list[tuple[str, int]]]:
    return {
        "hours": [(f"{h:02d}:00", n) for h, n in enumerate(counts.hours)],
        "directions": counts.directions,
        "nationalities": counts.nationalities,
        "flows": counts.flows,
        "statuses": sorted(counts.statuses.items()),
    }


@router.get("/dashboard", response_model=None)
def dashboard_page(
    request: Request,
    session: SessionDep,
    viewer: ViewerDep,
    post: str = Query("", max_length=40),
    day: date | None = None,
    table: str = Query("hours", max_length=20),
) -> Response:
    """Today at the chosen post, or another day with `?day=YYYY-MM-DD`."""
    chosen = service.choose_post(session, viewer.actor, post)
    counts = service.post_counts(session, viewer.actor, chosen.code, day) if chosen else None
    if wants_csv(request) and counts is not None:
        if table not in TABLES:
            raise ValidationFailed(f"table must be one of {', '.join(TABLES)}", field="table")
        name = f"{counts.post.code}-{counts.day}-{table}"
        return csv_response(request, name, TABLES[table][1], table_rows(counts)[table])
    posts = service.dashboard_posts(session, viewer.actor)
    context: dict[str, Any] = {
        "posts": posts,
        "post": chosen,
        "refresh": REFRESH_SECONDS,
        "day": day,
    }
    return render(request, "dashboard/dashboard.html", viewer, **context, **_counts_context(counts))


def _counts_context(counts: service.PostCounts | None) -> dict[str, Any]:
    rows = table_rows(counts) if counts else {}
    return {"counts": counts, "tables": TABLES, "rows": rows, "value_labels": VALUE_LABELS}


@router.get("/dashboard/counts")
def counts_fragment(
    request: Request,
    session: SessionDep,
    viewer: ViewerDep,
    post: str = Query(..., max_length=40),
    day: date | None = None,
) -> HTMLResponse:
    chosen = service.choose_post(session, viewer.actor, post)
    counts = service.post_counts(session, viewer.actor, chosen.code, day) if chosen else None
    return render(request, "dashboard/_counts.html", viewer, **_counts_context(counts))


POST_COLUMNS = (
    Column("code", N_("Code"), lambda r: r.post.code),
    Column("name", N_("Border post"), lambda r: r.post.name),
    Column("status", N_("Status"), lambda r: r.post.status),
    Column("open_now", N_("Open now"), lambda r: r.open_now),
    Column("today", N_("crossings today")),
    Column("pending", N_("pending")),
)


@router.get("/map", response_model=None)
def map_page(
    request: Request,
    session: SessionDep,
    viewer: ViewerDep,
    since: str = Query("", max_length=10),
    until: str = Query("", max_length=10),
    kind: str = Query("", max_length=40),
    agency: str = Query("", max_length=40),
) -> Response:
    """The map; `?format=csv` gives its posts table (the same figures as the posts layer).
    since/until/kind/agency filter the events layer (checked here, sent to its URL)."""
    if wants_csv(request):
        loads = service.post_loads(session, viewer.actor)
        return csv_response(request, "posts-today", POST_COLUMNS, loads)
    lower, upper = forms.day_window(since, until)
    filters = {"since": lower, "until": upper, "kind": forms.event_kind(kind), "agency": agency}
    query = urlencode({k: v.isoformat() if isinstance(v, datetime) else v
                       for k, v in filters.items() if v})  # fmt: skip
    paths = request.app.openapi()["paths"]  # the JSON API's routes, computed once and cached
    return render(
        request,
        "dashboard/map.html",
        viewer,
        layers=layers.with_sources(paths),
        query=query,
        facts=layers.FACT_LABELS,
        values={**forms.EVENT_KINDS, **forms.IMPACTS, **forms.POST_STATUSES},
        kinds=forms.EVENT_KINDS,
        filters={"since": since, "until": until, "kind": kind, "agency": agency},
    )
