"""`concordia audit …`: verify the chain, export entries for an oversight body."""

import json
import sys
from datetime import datetime

import typer

from concordia.audit.service import AUDIT_COLUMNS, search, verify_chain
from concordia.cli_support import AS_OPTION, domain_errors, run_as
from concordia.db import session_scope

app = typer.Typer(help="The hash-chained audit log.", no_args_is_help=True)


@app.command()
def verify() -> None:
    """Check every link of the chain; name the first broken entry (exit 1)."""
    with domain_errors(), session_scope() as session:
        count, broken = verify_chain(session)
    if broken is None:
        typer.echo(f"OK: {count} entries, chain intact")
        return
    typer.echo(f"BROKEN at entry {broken.seq}: {broken.reason}", err=True)
    raise typer.Exit(1)


@app.command()
def export(
    since: datetime | None = None,
    username: str | None = None,
    limit: int = 100_000,
    officer: str | None = AS_OPTION,
) -> None:
    """Entries as JSON lines, newest first (administrators and auditors)."""
    entries = run_as(
        officer, lambda s, a: search(s, a, username=username, since=since, limit=limit)
    )
    for e in entries:
        row = {c: getattr(e, c) for c in AUDIT_COLUMNS}
        sys.stdout.write(json.dumps(row, default=str, ensure_ascii=False) + "\n")
