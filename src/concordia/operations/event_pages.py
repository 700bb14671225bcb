"""Console pages of events and border sections: report an event (map click or
latitude/longitude), list and export events with filters, a section's impact level
with its events and the owner's override."""

from typing import Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from starlette.responses import Response

from concordia.errors import DomainError
from concordia.operations import events, forms, sections
from concordia.operations.schemas import EventIn, SectionImpactIn
from concordia.web.console import ViewerDep, render
from concordia.web.deps import SessionDep
from concordia.web.formdata import FormFields
from concordia.web.i18n import N_
from concordia.web.paging import Page, PageDep
from concordia.web.tables import Column, csv_response, wants_csv, window

router = APIRouter(prefix="/ops", include_in_schema=False)

EVENT_COLUMNS = (
    Column("occurred_at", N_("When")),
    Column("kind", N_("Type"), labels=forms.EVENT_KINDS),
    Column("section", N_("Border section")),
    Column("impact", N_("Impact level"), lambda e: e.impact or e.proposed_impact, forms.IMPACTS),
    Column("confidence", N_("Confidence"), labels=forms.CONFIDENCES),
    Column("people_count", N_("People")),
    Column("reporter_agency", N_("Reporting agency")),
    Column("latitude", N_("Latitude")),
    Column("longitude", N_("Longitude")),
    Column("description", N_("Description")),
)
SECTION_COLUMNS = (
    Column("code", N_("Code")),
    Column("name", N_("Name")),
    Column("countries", N_("Countries")),
    Column("owner_agency", N_("Owner agency")),
    Column("impact_level", N_("Impact level"), labels=forms.IMPACTS),
    Column("impact_source", N_("Level set by")),
    Column("recent_events", N_("Recent events")),
)
LABELS = {"kinds": forms.EVENT_KINDS, "impacts": forms.IMPACTS, "confidences": forms.CONFIDENCES}


def _events_page(
    request: Request, session: SessionDep, viewer: ViewerDep, page: Any, f: dict[str, str],
    **extra: Any,
) -> Response:  # fmt: skip
    since, until = forms.day_window(f["since"], f["until"])
    limit, offset = window(request, page)
    found = events.list_events(session, viewer.actor, since=since, until=until,
                               kind=forms.event_kind(f["kind"]), agency=f["agency"] or None,
                               section=f["section"] or None, limit=offset + limit)  # fmt: skip
    rows = events.read_models(session, found[offset:])
    if wants_csv(request):
        return csv_response(request, "events", EVENT_COLUMNS, rows)
    context: dict[str, Any] = {"page": Page.of(rows, page), "columns": EVENT_COLUMNS, "filters": f}
    context |= {"values": {}, "error": None, **LABELS}
    return render(request, "operations/events.html", viewer, **(context | extra))


def _filters(since: str, until: str, kind: str, agency: str, section: str) -> dict[str, str]:
    return {"since": since, "until": until, "kind": kind, "agency": agency, "section": section}


@router.get("/events", response_model=None)
def events_page(
    request: Request,
    session: SessionDep,
    viewer: ViewerDep,
    page: PageDep,
    since: str = Query("", max_length=10),
    until: str = Query("", max_length=10),
    kind: str = Query("", max_length=40),
    agency: str = Query("", max_length=40),
    section: str = Query("", max_length=40),
    done: str = "",
) -> Response:
    f = _filters(since, until, kind, agency, section)
    return _events_page(request, session, viewer, page, f, done=done)


@router.post("/events", response_model=None)
def report_event(
    request: Request, session: SessionDep, viewer: ViewerDep, page: PageDep, values: FormFields
) -> Response:
    try:
        events.report(session, viewer.actor, forms.build(EventIn, forms.event_body(values)))
    except DomainError as exc:
        session.rollback()
        f = _filters("", "", "", "", "")
        return _events_page(request, session, viewer, page, f, values=values, error=exc)
    return RedirectResponse("/ops/events?done=reported", status_code=303)


@router.get("/sections", response_model=None)
def sections_page(request: Request, session: SessionDep, viewer: ViewerDep) -> Response:
    found = sections.list_sections(session, viewer.actor)
    rows = sections.read_models(session, found)
    if wants_csv(request):
        return csv_response(request, "sections", SECTION_COLUMNS, rows)
    return render(request, "operations/sections.html", viewer, rows=rows, columns=SECTION_COLUMNS,
                  impacts=forms.IMPACTS)  # fmt: skip


def _section_page(
    request: Request, session: SessionDep, viewer: ViewerDep, code: str, **extra: Any
) -> HTMLResponse:
    section, found = events.section_detail(session, viewer.actor, code)
    context: dict[str, Any] = {
        "section": section,
        "events": found,
        "columns": EVENT_COLUMNS,
        "values": {},
    }
    context |= {"error": None, "impacts": forms.IMPACTS}
    return render(request, "operations/section.html", viewer, **(context | extra))


@router.get("/sections/{code}")
def section_page(
    code: str, request: Request, session: SessionDep, viewer: ViewerDep, done: str = ""
) -> HTMLResponse:
    return _section_page(request, session, viewer, code, done=done)


@router.post("/sections/{code}/impact", response_model=None)
def set_impact(
    code: str, request: Request, session: SessionDep, viewer: ViewerDep, values: FormFields
) -> Response:
    try:
        data = {"level": forms.optional(values.get("level")), "reason": values.get("reason", ""),
                "until": forms.parse_moment(values.get("until"), "until")}  # fmt: skip
        sections.set_impact(session, viewer.actor, code, forms.build(SectionImpactIn, data))
    except DomainError as exc:
        session.rollback()
        return _section_page(request, session, viewer, code, values=values, error=exc)
    return RedirectResponse(f"/ops/sections/{code}?done=impact", status_code=303)
