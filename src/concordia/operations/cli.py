"""`concordia ops …`: post status, emergencies, notices, sections, events, patrols and
the GeoJSON map layers from the terminal. Complex inputs are JSON files, as the API
takes them (`-` reads stdin)."""

import json
import uuid
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import typer

from concordia.cli_support import AS_OPTION, domain_errors, print_json, run_as, run_on_file
from concordia.operations import emergencies, events, layers, notices, patrols, posts, sections
from concordia.operations.schemas import (
    EmergencyIn,
    EmergencyLiftIn,
    EmergencyRead,
    EventImpactIn,
    EventIn,
    NoticeIn,
    PatrolIn,
    PatrolRead,
    PatrolTrackIn,
    PostStatusChangeRead,
    PostStatusIn,
    SectionImpactIn,
)

app = typer.Typer(
    help="Operational picture: posts, emergencies, events, patrols.", no_args_is_help=True
)
LAYERS = ("events", "sections", "posts", "patrols")


def _dump(rows: list[Any]) -> list[Any]:
    return [r.model_dump(mode="json") for r in rows]


def _print_one(
    officer: str | None,
    read_models: Callable[[Any, list[Any]], list[Any]],
    apply: Callable[[Any, Any], Any],
) -> None:
    """Run one write as the officer and print its row as the read model shows it."""
    print_json(run_as(officer, lambda s, a: read_models(s, [apply(s, a)])[0]))


@app.command("posts")
def list_posts(officer: str | None = AS_OPTION) -> None:
    """Every post with its status, hours and the measures in force."""
    print_json(run_as(officer, lambda s, a: _dump(posts.list_status(s, a))))


@app.command("status")
def set_status(
    post: str,
    status: str = typer.Option(..., help="open, restricted or closed"),
    reason: str = typer.Option(...),
    opens_at: str | None = typer.Option(None, help="HH:MM local time of side A"),
    closes_at: str | None = typer.Option(None, help="HH:MM local time of side A"),
    measure: list[str] = typer.Option(
        [], help="Measure the post declares (repeat); 'none' clears them; omitted keeps them."
    ),
    notice: bool = typer.Option(True, help="Publish a notice for closures and restrictions."),
    officer: str | None = AS_OPTION,
) -> None:
    """Change a post's status, hours and measures (kept in its history)."""
    body: dict[str, Any] = {"status": status, "reason": reason, "notice": notice}
    if opens_at or closes_at:
        body |= {"opens_at": opens_at, "closes_at": closes_at}
    if measure:
        body["measures"] = [] if measure == ["none"] else measure
    print_json(
        run_as(
            officer,
            lambda s, a: posts.status_of(
                s, posts.set_status(s, a, post, PostStatusIn.model_validate(body))
            ),
        )
    )


@app.command("history")
def history(post: str, officer: str | None = AS_OPTION) -> None:
    """Every status change of a post: who, when, why and what it was before."""
    rows = run_as(officer, lambda s, a: posts.history(s, a, post))
    print_json(_dump([PostStatusChangeRead.model_validate(r) for r in rows]))


@app.command("declare")
def declare(
    file: Path = typer.Argument(..., help="Emergency declaration JSON, or - for stdin."),
    officer: str | None = AS_OPTION,
) -> None:
    """Declare a state of emergency (its measures apply at the affected posts)."""
    print_json(
        run_on_file(
            officer,
            file,
            EmergencyIn,
            lambda s, a, body: EmergencyRead.model_validate(emergencies.declare(s, a, body)),
        )
    )


@app.command("emergencies")
def list_emergencies(officer: str | None = AS_OPTION) -> None:
    rows = run_as(officer, lambda s, a: emergencies.list_declarations(s, a))
    print_json(_dump([EmergencyRead.model_validate(r) for r in rows]))


@app.command("lift")
def lift(
    declaration_id: uuid.UUID, reason: str = typer.Option(...), officer: str | None = AS_OPTION
) -> None:
    """End a declaration today (the record stays, with the reason)."""
    with domain_errors():
        body = EmergencyLiftIn(reason=reason)
    print_json(
        run_as(
            officer,
            lambda s, a: EmergencyRead.model_validate(emergencies.lift(s, a, declaration_id, body)),
        )
    )


@app.command("notice")
def notice(
    kind: str = typer.Option(..., help="closure, suspension, restriction, reopening, emergency"),
    title: str = typer.Option(...),
    message: str = typer.Option(...),
    post: str | None = None,
    public: bool = True,
    officer: str | None = AS_OPTION,
) -> None:
    """Publish a notice to the partner country's agencies (and the public feed)."""
    body = {"kind": kind, "title": title, "message": message, "post": post, "public": public}
    _print_one(
        officer,
        notices.read_models,
        lambda s, a: notices.create(s, a, NoticeIn.model_validate(body)),
    )


@app.command("load-sections")
def load_sections(officer: str | None = AS_OPTION) -> None:
    """Load the border sections of the reference file (safe to repeat)."""
    count = run_as(officer, lambda s, a: sections.load_sections(s))
    typer.echo(f"{count} border sections loaded")


@app.command("sections")
def list_sections(officer: str | None = AS_OPTION) -> None:
    """Sections with their impact level, its source and the response it requires."""
    print_json(
        run_as(officer, lambda s, a: _dump(sections.read_models(s, sections.list_sections(s, a))))
    )


@app.command("section-impact")
def section_impact(
    section: str,
    level: str | None = typer.Option(None, help="low, medium, high, critical; omit to clear"),
    reason: str = typer.Option(...),
    officer: str | None = AS_OPTION,
) -> None:
    """The owner sets (or clears) the section's impact level."""
    with domain_errors():
        body = SectionImpactIn.model_validate({"level": level, "reason": reason})
    _print_one(officer, sections.read_models, lambda s, a: sections.set_impact(s, a, section, body))


@app.command("report")
def report(
    file: Path = typer.Argument(..., help="Event JSON with a GeoJSON location, or -."),
    officer: str | None = AS_OPTION,
) -> None:
    """Report an event; it is assigned to the nearest border section."""
    print_json(
        run_on_file(
            officer,
            file,
            EventIn,
            lambda s, a, body: events.read_models(s, [events.report(s, a, body)])[0],
        )
    )


@app.command("events")
def list_events(
    since: datetime | None = None,
    until: datetime | None = None,
    kind: str | None = None,
    agency: str | None = None,
    officer: str | None = AS_OPTION,
) -> None:
    filters: dict[str, Any] = {"since": since, "until": until, "kind": kind, "agency": agency}
    print_json(
        run_as(
            officer, lambda s, a: _dump(events.read_models(s, events.list_events(s, a, **filters)))
        )
    )


@app.command("event-impact")
def event_impact(
    event_id: uuid.UUID,
    level: str = typer.Option(...),
    reason: str = "",
    officer: str | None = AS_OPTION,
) -> None:
    """The section's owner sets the event's impact level."""
    with domain_errors():
        body = EventImpactIn.model_validate({"level": level, "reason": reason})
    _print_one(officer, events.read_models, lambda s, a: events.set_impact(s, a, event_id, body))


@app.command("plan")
def plan(
    file: Path = typer.Argument(..., help="Patrol JSON, or -."), officer: str | None = AS_OPTION
) -> None:
    """Plan a joint patrol."""
    print_json(
        run_on_file(
            officer,
            file,
            PatrolIn,
            lambda s, a, body: PatrolRead.model_validate(patrols.plan(s, a, body)),
        )
    )


@app.command("track")
def track(
    patrol: str,
    file: Path = typer.Argument(..., help="Track JSON, or -."),
    officer: str | None = AS_OPTION,
) -> None:
    """Record a patrol's track, findings and linked events."""
    print_json(
        run_on_file(
            officer,
            file,
            PatrolTrackIn,
            lambda s, a, body: PatrolRead.model_validate(patrols.record_track(s, a, patrol, body)),
        )
    )


@app.command("coverage")
def coverage(
    since: datetime = typer.Option(...),
    until: datetime = typer.Option(...),
    buffer_km: float = patrols.DEFAULT_BUFFER_KM,
    officer: str | None = AS_OPTION,
) -> None:
    """Patrol coverage of each section over a period, and the sections left unpatrolled."""
    print_json(
        run_as(
            officer,
            lambda s, a: patrols.coverage_report(
                s, a, since=since, until=until, buffer_km=buffer_km
            ),
        )
    )


@app.command("geojson")
def geojson(
    layer: str = typer.Argument(..., help="events, sections, posts or patrols"),
    out: Path | None = typer.Option(None, help="Write to this file instead of stdout."),
    officer: str | None = AS_OPTION,
) -> None:
    """Export a map layer as a GeoJSON FeatureCollection."""
    if layer not in LAYERS:
        typer.echo(
            json.dumps(
                {
                    "error": {
                        "message": f"layer must be one of {', '.join(LAYERS)}",
                        "field": "layer",
                    }
                }
            ),
            err=True,
        )
        raise typer.Exit(2)
    build = {
        "events": layers.events_layer,
        "sections": layers.sections_layer,
        "posts": layers.posts_layer,
        "patrols": layers.patrols_layer,
    }[layer]
    body = run_as(officer, lambda s, a: build(s, a))
    text = json.dumps(body, ensure_ascii=False, indent=2)
    if out is None:
        typer.echo(text)
    else:
        out.write_text(text + "\n", encoding="utf-8")
        typer.echo(f"{body['properties']['count']} features written to {out}")
