"""Console pages of the humanitarian liaison: census (most urgent first), registration
with the likely-duplicate warning and its explicit confirmation, a person's file, group
counts, referral status actions for the partner, daily counts with a chart, and the
situation report (HTML view and PDF download)."""

import uuid
from datetime import timedelta
from typing import Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from starlette.responses import Response

from concordia.errors import DomainError
from concordia.humanitarian import forms, referrals, report, service
from concordia.humanitarian import render as sitrep_render
from concordia.humanitarian.schemas import (
    GroupCountCreate,
    PersonCreate,
    ReferralCreate,
    ReferralStatusIn,
)
from concordia.humanitarian.service import PossibleDuplicate
from concordia.operations.forms import build, parse_day
from concordia.reference import service as reference
from concordia.web.console import ViewerDep, render
from concordia.web.deps import SessionDep
from concordia.web.formdata import FormFields
from concordia.web.i18n import N_, language_of
from concordia.web.paging import Page, PageDep
from concordia.web.tables import Column, csv_response, wants_csv, window

router = APIRouter(prefix="/humanitarian", include_in_schema=False)

PEOPLE_COLUMNS = (
    Column("priority_level", N_("Priority"), labels=forms.LEVELS),
    Column("priority_score", N_("Score")),
    Column("census_number", N_("Census number")),
    Column("campaign", N_("Campaign")),
    Column("post", N_("Border post")),
    Column("surnames", N_("Surnames")),
    Column("given_names", N_("Given names")),
    Column("age", N_("Age")),
    Column("nationality", N_("Nationality")),
    Column("categories", N_("Categories")),
)
GROUP_COLUMNS = (
    Column("counted_at", N_("When")),
    Column("post", N_("Border post")),
    Column("area", N_("Area")),
    Column("total", N_("People")),
    Column("nationalities", N_("Nationalities"),
           lambda g: ", ".join(f"{k} {v}" for k, v in g.nationalities.items())),
    Column("note", N_("Note")),
)  # fmt: skip
REFERRAL_COLUMNS = (
    Column("created_at", N_("When")),
    Column("post", N_("Border post")),
    Column("partner", N_("Partner")),
    Column("need", N_("Need")),
    Column("status", N_("Status"), labels=forms.REFERRAL_STATUSES),
    Column("consent", N_("Consent"), lambda r: r.consent.given_by if r.consent else ""),
)
COUNT_COLUMNS = (
    Column("day", N_("Day")),
    Column("post", N_("Border post")),
    Column("registrations", N_("Registrations")),
    Column("waiting_registered", N_("Registered, still waiting")),
    Column("group_counted", N_("Counted in groups")),
    Column("open_referrals", N_("Open referrals")),
)


def _posts(session: SessionDep) -> list[Any]:
    return reference.list_posts(session)


@router.get("", response_model=None)
def census_page(
    request: Request, session: SessionDep, viewer: ViewerDep, page: PageDep,
    post: str = Query("", max_length=40), campaign: str = Query("", max_length=40),
    level: str = Query("", max_length=40),
) -> Response:  # fmt: skip
    limit, offset = window(request, page)
    found = service.list_people(session, viewer.actor, post=post or None,
                                campaign=campaign or None, level=level or None,
                                limit=min(offset + limit, 1000))  # fmt: skip
    rows = found[offset:]
    if wants_csv(request):
        return csv_response(request, "census", PEOPLE_COLUMNS, rows)
    filters = {"post": post, "campaign": campaign, "level": level}
    return render(request, "humanitarian/census.html", viewer, page=Page.of(rows, page),
                  columns=PEOPLE_COLUMNS, filters=filters, levels=forms.LEVELS,
                  posts=_posts(session))  # fmt: skip


def _register_page(
    request: Request, session: SessionDep, viewer: ViewerDep, **extra: Any
) -> HTMLResponse:
    context: dict[str, Any] = {
        "values": {},
        "error": None,
        "candidates": [],
        "posts": _posts(session),
    }
    context |= {"sexes": forms.SEXES, "documents": forms.DOCUMENT_KINDS,
                "protection": forms.PROTECTION}  # fmt: skip
    return render(request, "humanitarian/register.html", viewer, **(context | extra))


@router.get("/register")
def register_form(request: Request, session: SessionDep, viewer: ViewerDep) -> HTMLResponse:
    return _register_page(request, session, viewer)


@router.post("/register", response_model=None)
def register(
    request: Request, session: SessionDep, viewer: ViewerDep, values: FormFields
) -> Response:
    try:
        person = service.register(session, viewer.actor,
                                  build(PersonCreate, forms.person_body(values)))  # fmt: skip
    except PossibleDuplicate as exc:
        session.rollback()
        return _register_page(request, session, viewer, values=values, error=exc,
                              candidates=exc.candidates)  # fmt: skip
    except DomainError as exc:
        session.rollback()
        return _register_page(request, session, viewer, values=values, error=exc)
    return RedirectResponse(f"/humanitarian/people/{person.id}?done=registered", status_code=303)


def _person_page(
    request: Request, session: SessionDep, viewer: ViewerDep, person_id: uuid.UUID, **extra: Any
) -> HTMLResponse:
    person, household, found = referrals.person_file(session, viewer.actor, person_id)
    context: dict[str, Any] = {"person": person, "household": household, "referrals": found}
    context |= {"statuses": forms.REFERRAL_STATUSES, "levels": forms.LEVELS, "values": {}}
    context |= {"needs": forms.NEEDS, "relationships": forms.RELATIONSHIPS, "error": None}
    return render(request, "humanitarian/person.html", viewer, **(context | extra))


@router.get("/people/{person_id}")
def person_page(
    person_id: uuid.UUID, request: Request, session: SessionDep, viewer: ViewerDep, done: str = ""
) -> HTMLResponse:
    return _person_page(request, session, viewer, person_id, done=done)


@router.post("/people/{person_id}/referrals", response_model=None)
def refer(
    person_id: uuid.UUID, request: Request, session: SessionDep, viewer: ViewerDep,
    values: FormFields,
) -> Response:  # fmt: skip
    try:
        body = build(ReferralCreate, forms.referral_body(str(person_id), values))
        referrals.create(session, viewer.actor, body)
    except DomainError as exc:
        session.rollback()
        return _person_page(request, session, viewer, person_id, values=values, error=exc)
    return RedirectResponse(f"/humanitarian/people/{person_id}?done=referred", status_code=303)


def _groups_page(
    request: Request, session: SessionDep, viewer: ViewerDep, page: Any, **extra: Any
) -> Response:
    rows = service.list_groups(session, viewer.actor, post=None)
    if wants_csv(request):
        return csv_response(request, "group-counts", GROUP_COLUMNS, rows)
    shown = Page.of(rows[page.offset : page.offset + page.limit], page)
    context: dict[str, Any] = {"page": shown, "columns": GROUP_COLUMNS, "values": {}, "error": None}
    context |= {"posts": _posts(session)}
    return render(request, "humanitarian/groups.html", viewer, **(context | extra))


@router.get("/groups", response_model=None)
def groups_page(
    request: Request, session: SessionDep, viewer: ViewerDep, page: PageDep, done: str = ""
) -> Response:
    return _groups_page(request, session, viewer, page, done=done)


@router.post("/groups", response_model=None)
def record_group(
    request: Request, session: SessionDep, viewer: ViewerDep, page: PageDep, values: FormFields
) -> Response:
    try:
        service.record_group(
            session, viewer.actor, build(GroupCountCreate, forms.group_body(values))
        )
    except DomainError as exc:
        session.rollback()
        return _groups_page(request, session, viewer, page, values=values, error=exc)
    return RedirectResponse("/humanitarian/groups?done=counted", status_code=303)


def _referrals_page(
    request: Request, session: SessionDep, viewer: ViewerDep, page: Any, f: dict[str, str],
    **extra: Any,
) -> Response:  # fmt: skip
    limit, offset = window(request, page)
    found = referrals.list_referrals(session, viewer.actor, status=f["status"] or None,
                                     partner=f["partner"] or None,
                                     limit=min(offset + limit, 1000))  # fmt: skip
    rows = found[offset:]
    if wants_csv(request):
        return csv_response(request, "referrals", REFERRAL_COLUMNS, rows)
    context: dict[str, Any] = {
        "page": Page.of(rows, page),
        "columns": REFERRAL_COLUMNS,
        "filters": f,
    }
    context |= {"statuses": forms.REFERRAL_STATUSES, "next": forms.NEXT_STATUSES, "error": None}
    return render(request, "humanitarian/referrals.html", viewer, **(context | extra))


@router.get("/referrals", response_model=None)
def referrals_page(
    request: Request, session: SessionDep, viewer: ViewerDep, page: PageDep,
    status: str = Query("", max_length=40), partner: str = Query("", max_length=40), done: str = "",
) -> Response:  # fmt: skip
    f = {"status": status, "partner": partner}
    return _referrals_page(request, session, viewer, page, f, done=done)


@router.post("/referrals/{referral_id}/status", response_model=None)
def change_status(
    referral_id: uuid.UUID, request: Request, session: SessionDep, viewer: ViewerDep,
    page: PageDep, values: FormFields,
) -> Response:  # fmt: skip
    data = {"status": values.get("status", ""), "note": values.get("note", "")}
    try:
        referrals.change_status(session, viewer.actor, referral_id, build(ReferralStatusIn, data))
    except DomainError as exc:
        session.rollback()
        f = {"status": "", "partner": ""}
        return _referrals_page(request, session, viewer, page, f, error=exc)
    return RedirectResponse("/humanitarian/referrals?done=status", status_code=303)


@router.get("/counts", response_model=None)
def counts_page(
    request: Request, session: SessionDep, viewer: ViewerDep,
    start: str = Query("", max_length=10), end: str = Query("", max_length=10),
    post: str = Query("", max_length=40),
) -> Response:  # fmt: skip
    last = parse_day(end, "end") or report.default_day()
    first = parse_day(start, "start") or last - timedelta(days=6)
    rows = report.daily_counts(session, viewer.actor, start=first, end=last, post=post or None)
    if wants_csv(request):
        return csv_response(request, "daily-counts", COUNT_COLUMNS, rows)
    filters = {"start": first.isoformat(), "end": last.isoformat(), "post": post}
    return render(request, "humanitarian/counts.html", viewer, rows=rows,
                  columns=COUNT_COLUMNS, filters=filters, posts=_posts(session))  # fmt: skip


def _sitrep(session: SessionDep, viewer: ViewerDep, day: str, post: str) -> report.Sitrep:
    chosen = parse_day(day, "date") or report.default_day()
    return report.sitrep(session, viewer.actor, day=chosen, post=post or None)


@router.get("/sitrep")
def sitrep_page(
    request: Request, session: SessionDep, viewer: ViewerDep,
    day: str = Query("", alias="date", max_length=10), post: str = Query("", max_length=40),
) -> HTMLResponse:  # fmt: skip
    found = _sitrep(session, viewer, day, post)
    lang = language_of(request)
    tables = [(p, sitrep_render.tables(p, lang)) for p in found.posts]
    return render(request, "humanitarian/sitrep.html", viewer, report=found, tables=tables,
                  filters={"date": found.day.isoformat(), "post": post},
                  posts=_posts(session))  # fmt: skip


@router.get("/sitrep.pdf")
def sitrep_pdf(
    request: Request, session: SessionDep, viewer: ViewerDep,
    day: str = Query("", alias="date", max_length=10), post: str = Query("", max_length=40),
) -> Response:  # fmt: skip
    """The same report as a PDF download in the viewer's language."""
    found = _sitrep(session, viewer, day, post)
    name = f"sitrep-{found.day.isoformat()}.pdf"
    body = sitrep_render.render_pdf(found, language_of(request))
    headers = {"Content-Disposition": f'attachment; filename="{name}"'}
    return Response(body, media_type="application/pdf", headers=headers)
