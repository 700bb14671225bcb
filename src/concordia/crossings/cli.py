"""`concordia crossing …`: submit, decide, show and list crossings from the terminal."""

import sys
import uuid
from pathlib import Path

import typer

from concordia.cli_support import AS_OPTION, print_json, run_as
from concordia.crossings import service
from concordia.crossings.schemas import CrossingCreate, DecisionIn
from concordia.crossings.views import crossing_read
from concordia.stays import service as stays

app = typer.Typer(help="Single-stop crossings.", no_args_is_help=True)


@app.command()
def submit(
    file: Path = typer.Argument(..., help="Crossing JSON (as the API takes it), or - for stdin."),
    officer: str | None = AS_OPTION,
) -> None:
    """Submit a crossing and print both countries' checks."""
    raw = sys.stdin.read() if str(file) == "-" else file.read_text()
    result = run_as(
        officer,
        lambda s, a: crossing_read(
            s, service.submit(s, a, CrossingCreate.model_validate_json(raw))[0]
        ),
    )
    print_json(result)


@app.command()
def decide(
    crossing_id: uuid.UUID,
    country: str,
    decision: str = typer.Argument(..., help="clear, refer or refuse"),
    note: str = "",
    officer: str | None = AS_OPTION,
) -> None:
    """Sign one country's decision on a crossing."""
    body = {"country": country, "decision": decision, "note": note}
    result = run_as(
        officer,
        lambda s, a: crossing_read(
            s, service.decide(s, a, crossing_id, DecisionIn.model_validate(body))
        ),
    )
    print_json(result)


@app.command()
def show(crossing_id: uuid.UUID, officer: str | None = AS_OPTION) -> None:
    print_json(run_as(officer, lambda s, a: crossing_read(s, service.get(s, a, crossing_id))))


@app.command("list")
def list_(
    post: str | None = None,
    status: str | None = None,
    limit: int = 20,
    officer: str | None = AS_OPTION,
) -> None:
    """Most recent crossings, optionally at one post or in one status."""
    rows = run_as(
        officer,
        lambda s, a: [
            crossing_read(s, c).model_dump(mode="json")
            for c in service.list_crossings(s, a, post=post, status=status, limit=limit)
        ],
    )
    print_json(rows)


@app.command()
def overstayers(
    country: str,
    nationality: str | None = None,
    limit: int = 50,
    officer: str | None = AS_OPTION,
) -> None:
    """People present in COUNTRY past their authorised stay today."""
    rows = run_as(
        officer,
        lambda s, a: [
            o.model_dump(mode="json")
            for o in stays.overstayers(s, a, country.upper(), nationality=nationality, limit=limit)
        ],
    )
    print_json(rows)
