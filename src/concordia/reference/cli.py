"""`concordia reference …`: load the reference data and show the posts."""

import uuid
from datetime import UTC, datetime, time

import typer
from rich.console import Console
from rich.table import Table

from concordia.cli_support import domain_errors
from concordia.db import session_scope
from concordia.models import BorderPost, Lane
from concordia.reference import service
from concordia.reference.schemas import FLOWS

app = typer.Typer(no_args_is_help=True, help="Reference data: countries, agencies, border posts.")
console = Console()


@app.command()
def load() -> None:
    """Load countries, agencies, posts and lanes into the configured database (idempotent)."""
    with domain_errors(), session_scope() as session:
        counts = service.load_reference(session)
    console.print(
        f"reference data: {counts['countries']} countries, {counts['agencies']} agencies, "
        f"{counts['posts']} posts, {counts['lanes']} lanes "
        f"({counts['created']} created, {counts['updated']} updated)"
    )


@app.command()
def posts() -> None:
    """Border posts with their hours, whether they are open now, and booths per flow."""
    now = datetime.now(UTC)
    with domain_errors(), session_scope() as session:
        rows = service.list_posts(session)
        lanes = service.lanes_by_post(session, [post.id for post in rows])
        table = _posts_table(rows, lanes, now)
    console.print(table)


def _posts_table(
    rows: list[BorderPost], lanes: dict[uuid.UUID, list[Lane]], now: datetime
) -> Table:
    table = Table(title=f"Border posts at {now:%Y-%m-%d %H:%M} UTC")
    for column in ("code", "countries", "control", "hours (side A)", "now", "local A / B"):
        table.add_column(column)
    table.add_column("booths")
    for post in rows:
        table.add_row(
            post.code,
            f"{post.country_a}–{post.country_b}",
            post.control,
            _hours(post),
            _state(post, now),
            _clocks(post, now),
            _booths(lanes.get(post.id, [])),
        )
    return table


def _hours(post: BorderPost) -> str:
    if post.opens_at is None or post.closes_at is None:
        return "24 h"
    closes = "24:00" if post.closes_at == time(0) else f"{post.closes_at:%H:%M}"
    return f"{post.opens_at:%H:%M}–{closes} {post.timezone_a}"


def _state(post: BorderPost, now: datetime) -> str:
    if service.post_is_open(post, now):
        return "[green]open[/green]" if post.status == "open" else f"[yellow]{post.status}[/yellow]"
    return "[red]closed[/red]"


def _clocks(post: BorderPost, now: datetime) -> str:
    side_a = service.post_local_time(post, now, "a")
    side_b = service.post_local_time(post, now, "b")
    return f"{side_a:%H:%M} / {side_b:%H:%M}"


def _booths(lanes: list[Lane]) -> str:
    totals = dict.fromkeys(FLOWS, 0)
    for lane in lanes:
        totals[lane.flow] = totals.get(lane.flow, 0) + lane.booths
    return ", ".join(f"{flow} {count}" for flow, count in totals.items() if count)
