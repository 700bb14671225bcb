"""`concordia analytics …`: flows, waits, staffing, scenarios, forecasts and diversion."""

import json
import uuid
from datetime import UTC, date, datetime
from pathlib import Path

import typer

from concordia.analytics import outlook, planning, service
from concordia.analytics.overview import overview
from concordia.analytics.schemas import ScenarioCreate
from concordia.cli_support import AS_OPTION, domain_errors, print_json, read_json, run_as
from concordia.db import session_scope

app = typer.Typer(help="Flows, waiting times, staffing, scenarios and forecasts.",
                  no_args_is_help=True)  # fmt: skip


def _day(value: str, name: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not an ISO date", param_hint=name) from None


@app.command("flows")
def flows(
    post: str,
    start: str = typer.Option(..., help="First local day, ISO date."),
    end: str = typer.Option(..., help="Last local day, ISO date."),
    granularity: str = typer.Option("hour", help="15min, hour or day"),
    measure: str = typer.Option("arrivals", help="arrivals or processed"),
    by: str = typer.Option("flow", help="comma-separated: flow, direction, nationality"),
    officer: str | None = AS_OPTION,
) -> None:
    """Counts by bucket, with the same period last week and last year."""
    dims = tuple(d.strip() for d in by.split(",") if d.strip())
    first, last = _day(start, "--start"), _day(end, "--end")
    print_json(run_as(officer, lambda s, a: service.flows(
        s, a, post=post, start=first, end=last, granularity=granularity, measure=measure,
        by=dims)))  # fmt: skip


@app.command("waits")
def waits(at: str | None = typer.Option(None, help="ISO time with offset; default now.")) -> None:
    """Current waits per post and lane (the public feed; no acting user needed)."""
    try:
        moment = datetime.fromisoformat(at).astimezone(UTC) if at else None
    except ValueError:
        raise typer.BadParameter(f"{at!r} is not an ISO time", param_hint="--at") from None
    with domain_errors(), session_scope() as session:
        print_json(service.wait_feed(session, moment))


@app.command("staffing")
def staffing(
    post: str,
    flow: str = typer.Option(..., help="pedestrian, car, bus or cargo"),
    day: str = typer.Option(..., help="Local day to plan, ISO date."),
    direction: str = typer.Option("a_to_b"),
    target_min: float = typer.Option(15.0, help="Wait target in minutes."),
    level: float = typer.Option(0.9, help="Share to serve within the target."),
    group_size: int = typer.Option(1, help="Travellers arriving together (40 for a bus)."),
    officer: str | None = AS_OPTION,
) -> None:
    """Booths per hour to meet the service level (Erlang C, checked by simulation)."""
    when = _day(day, "--day")
    print_json(run_as(officer, lambda s, a: planning.staffing_plan(
        s, a, post=post, flow=flow, direction=direction, day=when, target_min=target_min,
        level=level, group_size=group_size)))  # fmt: skip


@app.command("scenario")
def scenario(
    file: Path = typer.Argument(..., exists=True, dir_okay=False, help="Scenario JSON."),
    officer: str | None = AS_OPTION,
) -> None:
    """Simulate and save a scenario described in a JSON file (see ScenarioCreate)."""
    data = read_json(file)
    with domain_errors():
        body = ScenarioCreate.model_validate(data)
    print_json(run_as(officer, lambda s, a: planning.read(s, planning.run_scenario(s, a, body))))


@app.command("compare")
def compare(ids: list[uuid.UUID], officer: str | None = AS_OPTION) -> None:
    """Saved scenarios side by side (summaries and hourly series)."""
    print_json(run_as(officer, lambda s, a: planning.compare(s, a, ids)))


@app.command("forecast")
def forecast(
    post: str,
    series: str = typer.Option("arrivals", help="arrivals or stranded"),
    granularity: str = typer.Option("day", help="day or hour"),
    horizon: int = typer.Option(14, help="Periods ahead."),
    history_days: int = typer.Option(90, help="Days of history to fit on."),
    officer: str | None = AS_OPTION,
) -> None:
    """Forecast with 80% and 95% intervals and holidays of the three countries."""
    report = run_as(officer, lambda s, a: outlook.forecast_post(
        s, a, post=post, series=series, granularity=granularity, horizon=horizon,
        history_days=history_days))  # fmt: skip
    print_json(json.loads(report.model_dump_json(exclude={"history"})))


@app.command("diversion")
def diversion(
    post: str,
    history_days: int = typer.Option(365, help="Days of history searched for closures."),
    officer: str | None = AS_OPTION,
) -> None:
    """Where the post's travellers would go if it closed, with intervals."""
    print_json(run_as(officer, lambda s, a: outlook.diversion_estimate(
        s, a, post=post, history_days=history_days)))  # fmt: skip


@app.command("overview")
def overview_(post: str, officer: str | None = AS_OPTION) -> None:
    """A post's dashboard: today's flows, current waits, staffing per lane, forecast."""
    print_json(run_as(officer, lambda s, a: overview(s, a, post=post)))
