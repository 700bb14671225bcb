"""`concordia intel …`: seizures, statistics, links, network queries, messages, escalation."""

import json
import sys
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import typer
from sqlalchemy.orm import Session

from concordia.access.actor import Actor
from concordia.cli_support import AS_OPTION, domain_errors, print_json, run_as, run_on_file
from concordia.errors import ValidationFailed
from concordia.intel import analysis, exchange, seizures, stats
from concordia.intel.schemas import LinkCreate, MessageCreate, SeizureCreate

app = typer.Typer(help="Seizures, intelligence exchange and link analysis.", no_args_is_help=True)
message_app = typer.Typer(help="Intelligence reports and requests.", no_args_is_help=True)
app.add_typer(message_app, name="message")
FILE = typer.Argument(..., exists=True, dir_okay=False, readable=True, help="JSON file.")


def _parse_time(value: str | None, field: str) -> datetime | None:
    if value is None:
        return None
    with domain_errors():
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            raise ValidationFailed(f"{value!r} is not an ISO 8601 time", field=field) from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


@app.command("seizure")
def add_seizure(file: Path = FILE, officer: str | None = AS_OPTION) -> None:
    """Record the seizure described in FILE (the body of POST /api/intel/seizures)."""
    print_json(
        run_on_file(
            officer,
            file,
            SeizureCreate,
            lambda s, a, body: seizures.read_models(s, [seizures.create(s, a, body)])[0],
        )
    )


@app.command("seizures")
def list_seizures(substance: str | None = None, officer: str | None = AS_OPTION) -> None:
    """Seizures you may see, newest first, as JSON."""
    rows = run_as(
        officer,
        lambda s, a: [
            r.model_dump(mode="json")
            for r in seizures.read_models(s, seizures.search(s, a, substance=substance))
        ],
    )
    print_json(rows)


@app.command("stats")
def seizure_stats(
    by: str = typer.Option("substance", help="substance, place, month or route"),
    officer: str | None = AS_OPTION,
) -> None:
    if by not in stats.DIMENSIONS:
        typer.echo(json.dumps({"error": {"message": "unknown dimension", "field": "by"}}), err=True)
        raise typer.Exit(2)
    print_json(run_as(officer, lambda s, a: stats.summarise(seizures.stat_rows(s, a), by)))


@app.command("export")
def export(officer: str | None = AS_OPTION) -> None:
    """Visible seizures as CSV on standard output."""
    sys.stdout.write(run_as(officer, lambda s, a: stats.to_csv(seizures.stat_rows(s, a))))


@app.command("link")
def add_link(file: Path = FILE, officer: str | None = AS_OPTION) -> None:
    """Record the link in FILE (the body of POST /api/intel/links)."""

    def action(s: Session, a: Actor, body: LinkCreate) -> dict[str, str]:
        link = analysis.create_link(s, a, body)
        return {"id": str(link.id), "source": link.source_key, "target": link.target_key}

    print_json(run_on_file(officer, file, LinkCreate, action))


@app.command("network")
def network(
    entity: str | None = typer.Argument(None, help='e.g. "phone:+51987654321"; all when absent'),
    depth: int = 2,
    officer: str | None = AS_OPTION,
) -> None:
    """Nodes and edges around ENTITY (or the whole visible graph) as JSON."""
    if entity is None:
        print_json(run_as(officer, lambda s, a: analysis.overview(s, a)))
    else:
        print_json(run_as(officer, lambda s, a: analysis.network_around(s, a, entity, depth)))


@app.command("path")
def path(source: str, target: str, officer: str | None = AS_OPTION) -> None:
    """The shortest chain of links between two entities."""
    print_json(run_as(officer, lambda s, a: analysis.path_between(s, a, source, target)))


@message_app.command("create")
def create_message(file: Path = FILE, officer: str | None = AS_OPTION) -> None:
    """A draft report or request from FILE (the body of POST /api/intel/messages)."""
    print_json(
        run_on_file(
            officer,
            file,
            MessageCreate,
            lambda s, a, body: exchange.read_models(s, [exchange.create(s, a, body)])[0],
        )
    )


def _step(step: str, message_id: uuid.UUID, officer: str | None, text: str = "") -> None:
    def action(s: Any, a: Any) -> Any:
        if step == "answer":
            message = exchange.answer(s, a, message_id, text)
        else:
            message = getattr(exchange, step)(s, a, message_id)
        return exchange.read_models(s, [message])[0]

    print_json(run_as(officer, action))


@message_app.command("send")
def send(message_id: uuid.UUID, officer: str | None = AS_OPTION) -> None:
    _step("send", message_id, officer)


@message_app.command("acknowledge")
def acknowledge(message_id: uuid.UUID, officer: str | None = AS_OPTION) -> None:
    _step("acknowledge", message_id, officer)


@message_app.command("answer")
def answer(
    message_id: uuid.UUID, text: str = typer.Option(...), officer: str | None = AS_OPTION
) -> None:
    _step("answer", message_id, officer, text)


@message_app.command("close")
def close(message_id: uuid.UUID, officer: str | None = AS_OPTION) -> None:
    _step("close", message_id, officer)


@message_app.command("list")
def inbox(box: str = "all", status: str | None = None, officer: str | None = AS_OPTION) -> None:
    rows = run_as(
        officer,
        lambda s, a: [
            m.model_dump(mode="json")
            for m in exchange.read_models(s, exchange.inbox(s, a, box=box, status=status))
        ],
    )
    print_json(rows)


@app.command("escalate")
def escalate(
    now: str | None = typer.Option(None, help="ISO time to judge deadlines by (default: now)."),
    officer: str | None = typer.Option("system", "--as", envvar="CONCORDIA_OFFICER"),
) -> None:
    """Mark requests past their deadline overdue and notify both agencies' supervisors."""
    at = _parse_time(now, "now") or datetime.now(UTC)
    late = run_as(officer, lambda s, a: [m.reference for m in exchange.escalate_overdue(s, a, at)])
    print_json({"escalated": late})
