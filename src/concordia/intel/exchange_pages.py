"""Intelligence exchange pages: inbox and outbox, a new message, one message's actions.

A request's deadline and the time left are shown on every row; overdue requests (past
their deadline, unanswered) are highlighted. Actions are plain form posts that redirect
back to the message, so a reload never repeats them.
"""

import uuid
from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse
from starlette.responses import RedirectResponse, Response

from concordia.errors import DomainError, ValidationFailed
from concordia.intel import deadlines, exchange
from concordia.intel.schemas import MessageCreate, MessageRead
from concordia.web.console import ViewerDep, filled, parse_form, render
from concordia.web.deps import SessionDep
from concordia.web.formdata import FormFields
from concordia.web.i18n import N_
from concordia.web.paging import Page, PageDep
from concordia.web.tables import Column, csv_response, wants_csv, window

router = APIRouter(prefix="/intel/messages", include_in_schema=False)
Filter = Annotated[str, Query(max_length=40)]
BOXES = {"in": N_("Inbox"), "out": N_("Outbox"), "all": N_("All")}
STATUSES = {
    "draft": N_("draft"),
    "sent": N_("sent"),
    "acknowledged": N_("acknowledged"),
    "answered": N_("answered"),
    "overdue": N_("overdue"),
    "closed": N_("closed"),
}
KINDS = {"request": N_("request"), "report": N_("report")}
PRIORITIES = {"normal": N_("normal"), "urgent": N_("urgent (12 hours)")}
HANDLING = ("TLP:CLEAR", "TLP:GREEN", "TLP:AMBER", "TLP:AMBER+STRICT", "TLP:RED")
FLASHES = {
    "created": N_("Draft saved: send it when ready."),
    "send": N_("Message sent."),
    "acknowledge": N_("Receipt acknowledged."),
    "answer": N_("Answer sent."),
    "close": N_("Message closed."),
}
STEPS = {"send": exchange.send, "acknowledge": exchange.acknowledge, "close": exchange.close}


def overdue(row: MessageRead, now: datetime) -> bool:
    due = row.due_at.replace(tzinfo=UTC) if row.due_at and not row.due_at.tzinfo else row.due_at
    return row.status == "overdue" or deadlines.is_overdue(row.kind, row.status, due, now)


COLUMNS = (
    Column("reference", N_("Reference")),
    Column("kind", N_("Kind"), labels=KINDS),
    Column("from_agency", N_("Sender")),
    Column("to_agency", N_("Recipient")),
    Column("subject", N_("Message subject")),
    Column("handling", N_("Handling code")),
    Column("priority", N_("Priority"), labels=PRIORITIES),
    Column("status", N_("Status"), labels=STATUSES),
    Column("due_at", N_("Deadline (UTC)")),
)


@router.get("", response_model=None)
def messages_page(
    request: Request,
    session: SessionDep,
    viewer: ViewerDep,
    page: PageDep,
    box: Filter = "in",
    status: Filter = "",
    done: str = "",
) -> Response:
    if status and status not in STATUSES:
        raise ValidationFailed("unknown status", field="status")
    limit, offset = window(request, page)
    found = exchange.inbox(
        session, viewer.actor, box=box, status=status or None, limit=limit, offset=offset
    )
    rows = exchange.read_models(session, found)
    if wants_csv(request):
        return csv_response(request, f"messages-{box}", COLUMNS, rows)
    now = datetime.now(UTC)
    return render(
        request, "intel/messages.html", viewer, page=Page.of(rows, page), columns=COLUMNS,
        box=box, chosen_status=status, boxes=BOXES, statuses=STATUSES, now=now,
        overdue=overdue, time_left=deadlines.time_left, flash_key=FLASHES.get(done),
    )  # fmt: skip


def _form(
    request: Request, viewer: ViewerDep, values: dict[str, str], error: DomainError | None = None
) -> HTMLResponse:
    return render(
        request, "intel/message_form.html", viewer, values=values, error=error,
        kinds=KINDS, priorities=PRIORITIES, handling=HANDLING,
    )  # fmt: skip


@router.get("/new")
def new_message(request: Request, viewer: ViewerDep) -> HTMLResponse:
    return _form(request, viewer, {"kind": "request", "handling": "TLP:AMBER"})


def message_from_form(values: dict[str, str]) -> MessageCreate:
    keys = ("kind", "to_agency", "reference", "subject", "body", "handling", "grading",
            "priority")  # fmt: skip
    return parse_form(MessageCreate, filled(values, keys))


@router.post("", response_model=None)
def create_message(
    request: Request, session: SessionDep, viewer: ViewerDep, values: FormFields
) -> Response:
    try:
        message = exchange.create(session, viewer.actor, message_from_form(values))
    except DomainError as exc:
        session.rollback()
        return _form(request, viewer, values, exc)
    return RedirectResponse(f"/intel/messages/{message.id}?done=created", status_code=303)


@router.get("/{message_id}")
def message_page(
    message_id: uuid.UUID, request: Request, session: SessionDep, viewer: ViewerDep, done: str = ""
) -> HTMLResponse:
    return _message(message_id, request, session, viewer, done)


def _message(
    message_id: uuid.UUID,
    request: Request,
    session: SessionDep,
    viewer: ViewerDep,
    done: str = "",
    error: DomainError | None = None,
) -> HTMLResponse:
    row = exchange.read_models(session, [exchange.get(session, viewer.actor, message_id)])[0]
    now = datetime.now(UTC)
    return render(
        request, "intel/message.html", viewer, row=row, now=now, statuses=STATUSES, kinds=KINDS,
        priorities=PRIORITIES, mine=row.from_agency == viewer.actor.agency_code,
        overdue=overdue(row, now), left=deadlines.time_left(row.due_at, now),
        flash_key=FLASHES.get(done), error=error,
    )  # fmt: skip


@router.post("/{message_id}/{action}", response_model=None)
def message_action(
    message_id: uuid.UUID, action: str, request: Request, session: SessionDep,
    viewer: ViewerDep, values: FormFields,
) -> Response:  # fmt: skip
    """send, acknowledge, close, or answer (with the `answer` field)."""
    try:
        if action == "answer":
            text = values.get("answer", "").strip()
            if not text:
                raise ValidationFailed("an answer needs its text", field="answer")
            exchange.answer(session, viewer.actor, message_id, text[:20000])
        elif action in STEPS:
            STEPS[action](session, viewer.actor, message_id)
        else:
            raise ValidationFailed("unknown action", field="action")
    except DomainError as exc:
        session.rollback()
        return _message(message_id, request, session, viewer, error=exc)
    return RedirectResponse(f"/intel/messages/{message_id}?done={action}", status_code=303)
