"""`concordia watchlist …`: import and export whole lists from the terminal."""

import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Literal

import typer
from rich.console import Console
from rich.progress import BarColumn, DownloadColumn, Progress, TimeRemainingColumn

from concordia.cli_support import AS_OPTION, print_json, run_as
from concordia.watchlists import exchange, search, service
from concordia.watchlists.schemas import AlertRead, ListCreate, ListRead

app = typer.Typer(
    help="Watch lists: import, export, search and expire alerts.", no_args_is_help=True
)
err = Console(stderr=True)


def _lines_with_progress(path: Path, progress: Progress) -> Iterator[str]:
    """Stream the file line by line, advancing the bar by the bytes read."""
    task = progress.add_task(f"importando {path.name}", total=path.stat().st_size)
    with path.open(encoding="utf-8", errors="replace") as handle:
        for line in handle:
            progress.advance(task, len(line.encode("utf-8", errors="replace")))
            yield line


@app.command("create")
def create(
    code: str,
    name: str = typer.Option(...),
    agency: str = typer.Option(..., help="Owner agency code, e.g. PER-DIRANDRO."),
    category: str = typer.Option(...),
    action: str = typer.Option(...),
    legal_reference: str = "",
    shared_with: list[str] = typer.Option([], help="Agency codes the list is shared with."),
    officer: str | None = AS_OPTION,
) -> None:
    """Create a watch list owned by AGENCY."""
    body = {
        "code": code,
        "name": name,
        "owner_agency": agency,
        "category": category,
        "action": action,
        "legal_reference": legal_reference,
        "shared_with": shared_with,
    }
    created = run_as(
        officer,
        lambda s, a: ListRead.model_validate(
            service.create_list(s, a, ListCreate.model_validate(body))
        ),
    )
    print_json(created)


@app.command("import")
def import_(
    file: Path = typer.Argument(..., exists=True, dir_okay=False, readable=True),
    list_code: str = typer.Option(..., "--list", help="Code of the watch list."),
    fmt: str = typer.Option("ftm", "--format", help="ftm, csv or documents"),
    replace: bool = typer.Option(False, help="Withdraw alerts the file no longer contains."),
    officer: str | None = AS_OPTION,
) -> None:
    """Import a list in one transaction; every bad row is reported with its line."""
    if fmt not in exchange.READERS:
        err.print(f"[red]--format must be one of {', '.join(exchange.READERS)}")
        raise typer.Exit(2)
    columns = (BarColumn(), DownloadColumn(), TimeRemainingColumn())
    with Progress(*Progress.get_default_columns()[:1], *columns, console=err) as progress:
        report = run_as(
            officer,
            lambda s, a: exchange.import_list(
                s, a, list_code, _lines_with_progress(file, progress), fmt=fmt, replace=replace
            ),
        )
    print_json(report)
    if report.errors:
        raise typer.Exit(1)


@app.command("export")
def export(
    list_code: str = typer.Option(..., "--list"),
    fmt: Literal["ftm", "csv"] = typer.Option("ftm", "--format"),
    officer: str | None = AS_OPTION,
) -> None:
    """Write the list's active alerts to standard output."""
    lines = run_as(officer, lambda s, a: list(exchange.export_list(s, a, list_code, fmt=fmt)))
    sys.stdout.writelines(lines)


@app.command("search")
def search_alerts(
    q: str = typer.Argument("", help="Name, document number or plate (part of it)."),
    list_code: str = typer.Option("", "--list"),
    status: str = typer.Option("", help="active, expired or withdrawn"),
    limit: int = typer.Option(50, min=1, max=1000),
    officer: str | None = AS_OPTION,
) -> None:
    """Alerts the officer may see, newest first."""
    filters = search.AlertFilter(q=q, list_code=list_code, status=status)
    rows = run_as(officer, lambda s, a: search.search_alerts(s, a, filters, limit=limit))
    print_json([AlertRead.model_validate(r.alert).model_dump(mode="json") for r in rows])


@app.command("expire")
def expire(alert_id: uuid.UUID, officer: str | None = AS_OPTION) -> None:
    """End an alert's validity (owner agency only); screening stops matching it."""
    alert = run_as(
        officer, lambda s, a: AlertRead.model_validate(search.expire_alert(s, a, alert_id))
    )
    print_json(alert)
