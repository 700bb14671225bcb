"""`concordia eradication …`: campaigns, progress, fields, estimates and the dashboard."""

from pathlib import Path

import typer
from pydantic import TypeAdapter

from concordia.cli_support import AS_OPTION, print_json, read_json, run_as
from concordia.eradication import estimates, service
from concordia.eradication.schemas import (
    AltDevelopmentIn,
    CampaignCreate,
    CampaignRead,
    EstimateIn,
    FieldCreate,
    FieldRead,
    OperationCreate,
    ProgressIn,
)

app = typer.Typer(help="Coca eradication and alternative development.", no_args_is_help=True)
FILE = typer.Argument(..., exists=True, dir_okay=False, readable=True, help="JSON file.")


@app.command("campaign")
def create_campaign(file: Path = FILE, officer: str | None = AS_OPTION) -> None:
    """Create the campaign in FILE (the body of POST /api/eradication/campaigns)."""
    body = read_json(file)
    print_json(
        run_as(
            officer,
            lambda s, a: CampaignRead.model_validate(
                service.create_campaign(s, a, CampaignCreate.model_validate(body))
            ),
        )
    )


@app.command("progress")
def progress(code: str, file: Path = FILE, officer: str | None = AS_OPTION) -> None:
    """Record the progress rows in FILE (a JSON list) for campaign CODE."""
    rows = read_json(file)
    adapter = TypeAdapter(list[ProgressIn])
    count = run_as(
        officer,
        lambda s, a: len(service.record_progress(s, a, code, adapter.validate_python(rows))),
    )
    print_json({"rows": count})


@app.command("operation")
def operation(code: str, file: Path = FILE, officer: str | None = AS_OPTION) -> None:
    """Add the joint operation in FILE to campaign CODE."""
    body = read_json(file)
    made = run_as(
        officer,
        lambda s, a: service.add_operation(s, a, code, OperationCreate.model_validate(body)).code,
    )
    print_json({"code": made})


@app.command("field")
def field(code: str, file: Path = FILE, officer: str | None = AS_OPTION) -> None:
    """Add the field in FILE (with a GeoJSON polygon) to campaign CODE; prints its area."""
    body = read_json(file)
    print_json(
        run_as(
            officer,
            lambda s, a: FieldRead.model_validate(
                service.add_field(s, a, code, FieldCreate.model_validate(body))
            ),
        )
    )


@app.command("dashboard")
def dashboard(code: str, officer: str | None = AS_OPTION) -> None:
    """Target against achievement, operations, fields and issues of campaign CODE."""
    print_json(run_as(officer, lambda s, a: service.dashboard(s, a, code)))


@app.command("estimate")
def estimate(file: Path = FILE, officer: str | None = AS_OPTION) -> None:
    """Record the cultivation estimate in FILE."""
    body = read_json(file)
    made = run_as(
        officer,
        lambda s, a: str(estimates.record_estimate(s, a, EstimateIn.model_validate(body)).id),
    )
    print_json({"id": made})


@app.command("estimates")
def estimates_report(country: str | None = None, officer: str | None = AS_OPTION) -> None:
    """Estimates by year and zone with their sources, and consistency issues."""
    print_json(run_as(officer, lambda s, a: estimates.estimates_report(s, a, country)))


@app.command("alt-development")
def alt_development(file: Path = FILE, officer: str | None = AS_OPTION) -> None:
    """Record families and coffee/cacao hectares from FILE."""
    body = read_json(file)
    made = run_as(
        officer,
        lambda s, a: str(
            estimates.record_alt_development(s, a, AltDevelopmentIn.model_validate(body)).id
        ),
    )
    print_json({"id": made})
