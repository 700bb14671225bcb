"""Booth pages: read a document, see both countries' checks and hits, decide with one key.

Vehicles and bus manifests have their own pages (`vehicle_pages.py`). Every route parses
the form, calls one service (`crossings.booth`) and renders a template.
"""

import json
import uuid
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse

from concordia.crossings import booth, manifest_booth, vehicle_booth
from concordia.errors import DomainError, ValidationFailed
from concordia.ids import uuid7
from concordia.web.console import ViewerDep, render
from concordia.web.deps import SessionDep

router = APIRouter(prefix="/booth", include_in_schema=False)
Text = Annotated[str, Form(max_length=300)]


def _direction(value: str) -> tuple[str, str]:
    """`PER>CHL` as sent by the direction select."""
    origin, _, destination = value.partition(">")
    if not origin or not destination:
        raise ValidationFailed("choose the direction of travel", field="from_country")
    return origin, destination


def new_key() -> str:
    """A fresh idempotency key per read: a reader's double Enter replays, never duplicates."""
    return f"booth-{uuid7().hex}"


def _next_key(event: str) -> dict[str, str]:
    """Tell the page (an htmx event) the idempotency key of the next read."""
    return {"HX-Trigger": json.dumps({event: {"key": new_key()}})}


@router.get("")
def booth_page(
    request: Request, session: SessionDep, viewer: ViewerDep, post: str | None = None
) -> HTMLResponse:
    posts = booth.booth_posts(session, viewer.actor)
    chosen = next((p for p in posts if p.code == post), posts[0] if posts else None)
    return render(request, "crossings/booth.html", viewer, posts=posts, post=chosen, key=new_key())


@router.post("/read")
def read(
    request: Request,
    session: SessionDep,
    viewer: ViewerDep,
    mrz: Annotated[str, Form(max_length=200)] = "",
    post: Text = "",
    direction: Text = "",
    control_country: Text = "",
    idempotency_key: Annotated[str, Form(max_length=80)] = "",
) -> HTMLResponse:
    try:
        origin, destination = _direction(direction)
        form = booth.BoothRead(
            post, origin, destination, mrz, idempotency_key or None, control_country or None
        )
        view = booth.read(session, viewer.actor, form)
    except DomainError as exc:
        session.rollback()  # nothing half-done (a new traveller without crossing) is kept
        return render(request, "crossings/_result.html", viewer, error=exc, view=None)
    headers = _next_key("booth-key")
    return render(request, "crossings/_result.html", viewer, view=view, headers=headers)


@router.post("/typed")
def read_typed(
    request: Request,
    session: SessionDep,
    viewer: ViewerDep,
    post: Text = "",
    direction: Text = "",
    control_country: Text = "",
    idempotency_key: Annotated[str, Form(max_length=80)] = "",
    document_code: Text = "",
    issuing_state: Text = "",
    number: Text = "",
    expiry_date: Text = "",
    surnames: Text = "",
    given_names: Text = "",
    birth_date: Text = "",
    sex: Text = "",
    nationality: Text = "",
) -> HTMLResponse:
    """A document without a readable MRZ, typed by the officer; same checks as a read."""
    typed = {
        "document_code": document_code, "issuing_state": issuing_state, "number": number,
        "expiry_date": expiry_date, "surnames": surnames, "given_names": given_names,
        "birth_date": birth_date, "sex": sex, "nationality": nationality,
    }  # fmt: skip
    try:
        origin, destination = _direction(direction)
        form = booth.BoothRead(
            post, origin, destination, "", idempotency_key or None, control_country or None
        )
        view = booth.read_typed(session, viewer.actor, form, typed)
    except DomainError as exc:
        session.rollback()
        return render(request, "crossings/_result.html", viewer, error=exc, view=None)
    headers = _next_key("booth-key")
    return render(request, "crossings/_result.html", viewer, view=view, headers=headers)


@router.get("/crossings/{crossing_id}")
def open_crossing(
    crossing_id: uuid.UUID, request: Request, session: SessionDep, viewer: ViewerDep
) -> HTMLResponse:
    view = booth.open_crossing(session, viewer.actor, crossing_id)
    return render(request, "crossings/_result.html", viewer, view=view)


@router.post("/crossings/{crossing_id}/decide")
def decide(
    crossing_id: uuid.UUID,
    request: Request,
    session: SessionDep,
    viewer: ViewerDep,
    decision: Text = "",
    note: Annotated[str, Form(max_length=500)] = "",
) -> HTMLResponse:
    """After a decision the MRZ field is emptied and focused again for the next traveller."""
    try:
        view = booth.decide(session, viewer.actor, crossing_id, decision, note)
    except DomainError as exc:
        session.rollback()  # nothing half-done (a new traveller without crossing) is kept
        return render(request, "crossings/_result.html", viewer, error=exc, view=None)
    headers = _next_key("booth-reset")
    return render(
        request, "crossings/_result.html", viewer, view=view, decided=decision, headers=headers
    )


@router.get("/awaiting")
def awaiting(
    request: Request, session: SessionDep, viewer: ViewerDep, post: str = ""
) -> HTMLResponse:
    rows = booth.awaiting(session, viewer.actor, post)
    return render(request, "crossings/_awaiting.html", viewer, rows=rows)


@router.get("/vehicle")
def vehicle_page(
    request: Request, session: SessionDep, viewer: ViewerDep, post: str | None = None
) -> HTMLResponse:
    posts = booth.booth_posts(session, viewer.actor)
    chosen = next((p for p in posts if p.code == post), posts[0] if posts else None)
    return render(
        request, "crossings/vehicle.html", viewer, posts=posts, post=chosen, key=new_key()
    )


@router.post("/vehicle/read")
def read_vehicle(
    request: Request,
    session: SessionDep,
    viewer: ViewerDep,
    post: Text = "",
    direction: Text = "",
    mode: Text = "car",
    plate: Text = "",
    registration_country: Text = "",
    control_country: Text = "",
    driver_mrz: Annotated[str, Form(max_length=200)] = "",
    passengers_mrz: Annotated[str, Form(max_length=20_000)] = "",
    idempotency_key: Annotated[str, Form(max_length=70)] = "",
) -> HTMLResponse:
    try:
        origin, destination = _direction(direction)
        form = vehicle_booth.VehicleRead(
            post,
            origin,
            destination,
            mode,
            plate,
            registration_country,
            driver_mrz,
            passengers_mrz,
            control_country or None,
            idempotency_key or None,
        )
        view = vehicle_booth.read(session, viewer.actor, form)
    except DomainError as exc:
        session.rollback()  # all or nothing: a bad passenger stores no one
        return render(request, "crossings/_vehicle_result.html", viewer, error=exc, view=None)
    headers = _next_key("booth-key")
    return render(request, "crossings/_vehicle_result.html", viewer, view=view, headers=headers)


@router.post("/vehicle/{group_id}/decide")
def decide_vehicle(
    group_id: uuid.UUID,
    request: Request,
    session: SessionDep,
    viewer: ViewerDep,
    decision: Text = "",
) -> HTMLResponse:
    try:
        view = vehicle_booth.decide(session, viewer.actor, group_id, decision)
    except DomainError as exc:
        session.rollback()
        return render(request, "crossings/_vehicle_result.html", viewer, error=exc, view=None)
    return render(request, "crossings/_vehicle_result.html", viewer, view=view, decided=decision)


@router.get("/manifest")
def manifest_page(
    request: Request, session: SessionDep, viewer: ViewerDep, post: str | None = None
) -> HTMLResponse:
    posts = booth.booth_posts(session, viewer.actor)
    chosen = next((p for p in posts if p.code == post), posts[0] if posts else None)
    return render(request, "crossings/manifest.html", viewer, posts=posts, post=chosen)


@router.post("/manifest/screen")
def screen_manifest(
    request: Request,
    session: SessionDep,
    viewer: ViewerDep,
    post: Text = "",
    company: Annotated[str, Form(max_length=120)] = "",
    plate: Annotated[str, Form(max_length=20)] = "",
    passengers: Annotated[str, Form(max_length=50_000)] = "",
) -> HTMLResponse:
    """Every passenger screened before the bus arrives; hits go to secondary inspection."""
    try:
        results = manifest_booth.screen(session, viewer.actor, post, company, plate, passengers)
    except DomainError as exc:
        session.rollback()
        return render(request, "crossings/_manifest_result.html", viewer, error=exc)
    return render(request, "crossings/_manifest_result.html", viewer, results=results)
