"""`concordia flights …`: narco-flight detection from the terminal.

`detect` works offline on files and prints JSON (sites, suspect_flights, routes);
`import` stores a batch and its detection results for the map, as the acting analyst.

Exit status: 0 done; 2 bad input (a missing file, a bad column or row: the message on
standard error names the column and the row); 1 any other refusal (permission, …).
"""

from pathlib import Path

import typer

from concordia.aviation import service
from concordia.aviation.detect import detect
from concordia.aviation.plans import read_plans
from concordia.aviation.tracks import format_of, read_tracks_file
from concordia.cli_support import AS_OPTION, domain_errors, fail, print_json, run_as

app = typer.Typer(
    help="Narco-flight detection: tracks, sites, suspect flights.", no_args_is_help=True
)

TRACKS = typer.Option(..., "--tracks", help="Tracks, CSV or Parquet (traffic column names).")
PLANS = typer.Option(None, "--flight-plans", help="Flight plans CSV (flight_id/callsign/icao24).")


def _exists(path: Path | None, field: str) -> None:
    if path is not None and not path.is_file():
        fail(f"no such file: {path}", field, 2)


@app.command("detect")
def detect_command(tracks: Path = TRACKS, flight_plans: Path | None = PLANS) -> None:
    """Print candidate strips, suspect flights and routes found in a tracks file."""
    _exists(tracks, "tracks")
    _exists(flight_plans, "flight_plans")
    with domain_errors():
        found = read_tracks_file(tracks)
        plans = read_plans(flight_plans.read_bytes()) if flight_plans else None
        print_json(detect(found, plans).to_json())


@app.command("import")
def import_command(
    tracks: Path = TRACKS,
    flight_plans: Path | None = PLANS,
    name: str = typer.Option("", help="A name for the batch; the file name by default."),
    officer: str | None = AS_OPTION,
) -> None:
    """Store a batch of tracks and its detection results (visible on the map)."""
    _exists(tracks, "tracks")
    _exists(flight_plans, "flight_plans")
    batch = run_as(
        officer,
        lambda s, a: service.import_batch(
            s,
            a,
            name=name or tracks.name,
            data=tracks.read_bytes(),
            fmt=format_of(tracks),
            plans=flight_plans.read_bytes() if flight_plans else None,
        ),
    )
    print_json(batch)
