"""`concordia screen`: screen a file of travellers against a watch list, offline.

The main CLI mounts `screen_command` as `concordia screen`. The watch list is read as
FollowTheMoney JSON lines, the travellers as JSON lines; one JSON line per traveller goes
to standard output, best match first. Bad lines are reported on standard error as
`file:line: field: message` and skipped, so one typo never hides the rest.

Exit status: 0 every line was good, 1 some line was bad, 2 a file is missing.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TypeVar

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from concordia.screening.engine import DEFAULT_THRESHOLD, Screener
from concordia.screening.entities import (
    LineError,
    TravellerQuery,
    WatchEntity,
    read_ftm_lines,
    read_traveller_lines,
)

EXIT_OK = 0
EXIT_BAD_LINES = 1
EXIT_MISSING_FILE = 2

T = TypeVar("T")


class _Report:
    """Writes line errors to standard error and remembers that there were some."""

    def __init__(self) -> None:
        self.bad = 0

    def error(self, path: Path, error: LineError) -> None:
        self.bad += 1
        typer.echo(f"{path}:{error.line}: {error.field}: {error.message}", err=True)


def _decoded(path: Path, report: _Report) -> Iterator[str]:
    """The file's lines as text; a line that is not UTF-8 is reported and read as blank,
    so the readers' line numbers stay right."""
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            try:
                yield raw.decode("utf-8")
            except UnicodeDecodeError:
                report.error(path, LineError(number, "encoding", "line is not valid UTF-8"))
                yield ""


def _good(items: Iterable[T | LineError], path: Path, report: _Report) -> Iterator[T]:
    for item in items:
        if isinstance(item, LineError):
            report.error(path, item)
        else:
            yield item


def _count_lines(path: Path) -> int:
    with path.open("rb") as handle:
        return sum(1 for _ in handle)


def _build(path: Path, report: _Report) -> Screener:
    """Build the index, with a progress bar when standard error is a terminal."""
    entities: Iterator[WatchEntity] = _good(read_ftm_lines(_decoded(path, report)), path, report)
    console = Console(stderr=True)
    if not console.is_terminal:
        return Screener.build(entities)
    columns = (
        TextColumn("indexando lista"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task("index", total=_count_lines(path))
        return Screener.build(entities, progress=lambda n: progress.update(task, completed=n))


def _screen_all(
    screener: Screener, travellers: Iterable[TravellerQuery], threshold: float, limit: int
) -> None:
    out = sys.stdout
    for traveller in travellers:
        matches = screener.screen(traveller, threshold=threshold, limit=limit)
        line = {"traveller_id": traveller.id, "matches": [m.to_json() for m in matches]}
        out.write(json.dumps(line, ensure_ascii=False) + "\n")
    out.flush()


def screen_command(
    watchlist: Path = typer.Option(
        ..., "--watchlist", help="Watch list: FollowTheMoney Person entities, JSON lines."
    ),
    travellers: Path = typer.Option(..., "--travellers", help="Travellers to screen, JSON lines."),
    threshold: float = typer.Option(
        DEFAULT_THRESHOLD, "--threshold", min=0.0, max=1.0, help="Score at which it is a match."
    ),
    limit: int = typer.Option(5, "--limit", min=1, help="Results per traveller, best first."),
) -> None:
    """Screen travellers against a watch list; one JSON line per traveller on stdout.

    Exit status: 0 all lines good, 1 some lines were bad (reported on stderr and
    skipped), 2 a file is missing.
    """
    for path in (watchlist, travellers):
        if not path.is_file():
            typer.echo(f"{path}: file not found", err=True)
            raise typer.Exit(EXIT_MISSING_FILE)
    report = _Report()
    screener = _build(watchlist, report)
    queries = _good(read_traveller_lines(_decoded(travellers, report)), travellers, report)
    _screen_all(screener, queries, threshold, limit)
    raise typer.Exit(EXIT_BAD_LINES if report.bad else EXIT_OK)
