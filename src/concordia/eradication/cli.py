"""`concordia eradication …`: campaigns, progress, fields, estimates and the dashboard."""

from pathlib import Path

import typer
from pydantic import TypeAdapter

from concordia.cli_support import AS_OPTION, print_json, read_json, run_as, run_on_file
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
    print_json(
        run_on_file(
            officer,
            file,
            CampaignCreate,
            lambda s, a, body: CampaignRead.model_validate(service.create_campaign(s, a, body)),
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
    made = run_on_file(
        officer,
        file,
        OperationCreate,
        lambda s, a, body: service.add_operation(s, a, code, body).code,
    )
    print_json({"code": made})


@app.command("field")
def field(code: str, file: Path = FILE, officer: str | None = AS_OPTION) -> None:
    """Add the field in FILE (with a GeoJSON polygon) to campaign CODE; prints its area."""
    print_json(
        run_on_file(
            officer,
            file,
            FieldCreate,
            lambda s, a, body: FieldRead.model_validate(service.add_field(s, a, code, body)),
        )
    )


@app.command("dashboard")
def dashboard(code: str, officer: str | None = AS_OPTION) -> None:
    """Target against achievement, operations, fields and issues of campaign CODE."""
    print_json(run_as(officer, lambda s, a: service.dashboard(s, a, code)))


@app.command("estimate")
def estimate(file: Path = FILE, officer: str | None = AS_OPTION) -> None:
    """Record the cultivation estimate in FILE."""
    made = run_on_file(
        officer, file, EstimateIn, lambda s, a, body: str(estimates.record_estimate(s, a, body).id)
    )
    print_json({"id": made})


@app.command("estimates")
def estimates_report(country: str | None = None, officer: str | None = AS_OPTION) -> None:
    """Estimates by year and zone with their sources, and consistency issues."""
    print_json(run_as(officer, lambda s, a: estimates.estimates_report(s, a, country)))


@app.command("alt-development")
def alt_development(file: Path = FILE, officer: str | None = AS_OPTION) -> None:
    """Record families and coffee/cacao hectares from FILE."""
    made = run_on_file(
        officer,
        file,
        AltDevelopmentIn,
        lambda s, a, body: str(estimates.record_alt_development(s, a, body).id),
    )
    print_json({"id": made})
