"""`concordia ops …`: the same services from the terminal, with exit codes for bad input."""

import json
from pathlib import Path

from sqlalchemy import Engine
from typer.testing import CliRunner

from concordia.cli import app
from tests.operations.factories import (
    HALF_LAND_TRACK,
    event_body,
    patrol_body,
    seed_engine,
    tacna_emergency,
)

runner = CliRunner()
SUPERVISOR = ["--as", "pe.supervisor.tacna"]
PNP = ["--as", "pe.pnp.tacna"]


def write(tmp_path: Path, name: str, body: object) -> str:
    path = tmp_path / name
    path.write_text(json.dumps(body))
    return str(path)


def test_declare_list_and_lift_an_emergency(cli_db: Engine, tmp_path: Path) -> None:
    seed_engine(cli_db)
    declared = runner.invoke(
        app, ["ops", "declare", write(tmp_path, "e.json", tacna_emergency()), *SUPERVISOR]
    )
    assert declared.exit_code == 0, declared.output
    declaration = json.loads(declared.stdout)
    assert declaration["ends_on"] == "2027-01-03"
    listed = runner.invoke(app, ["ops", "emergencies", "--as", "cl.pdi.chacalluta"])
    assert [d["id"] for d in json.loads(listed.stdout)] == [declaration["id"]]
    again = runner.invoke(
        app, ["ops", "declare", write(tmp_path, "e.json", tacna_emergency()), *SUPERVISOR]
    )
    assert again.exit_code == 1 and json.loads(again.stderr)["error"]["field"] == "supersedes"
    lifted = runner.invoke(app, ["ops", "lift", declaration["id"], "--reason", "Fin", *SUPERVISOR])
    assert json.loads(lifted.stdout)["status"] == "lifted"


def test_post_status_and_history(cli_db: Engine) -> None:
    seed_engine(cli_db)
    args = [
        "ops",
        "status",
        "santa-rosa-chacalluta",
        "--status",
        "restricted",
        "--reason",
        "Control reforzado",
    ]
    changed = runner.invoke(app, [*args, "--measure", "control-reforzado", *SUPERVISOR])
    assert changed.exit_code == 0, changed.output
    assert json.loads(changed.stdout)["measures"] == ["control-reforzado"]
    history = json.loads(
        runner.invoke(app, ["ops", "history", "santa-rosa-chacalluta", *SUPERVISOR]).stdout
    )
    assert history[0]["previous"]["status"] == "open"
    bad = runner.invoke(app, [*args[:3], "--status", "half-open", "--reason", "x y z", *SUPERVISOR])
    assert bad.exit_code == 2 and json.loads(bad.stderr)["error"]["field"] == "status"


def test_report_event_with_bad_location_exits_2(cli_db: Engine, tmp_path: Path) -> None:
    seed_engine(cli_db)
    swapped = event_body(coordinates=[-18.27, -70.30])
    result = runner.invoke(app, ["ops", "report", write(tmp_path, "ev.json", swapped), *PNP])
    assert result.exit_code == 2
    assert json.loads(result.stderr)["error"]["field"] == "location.coordinates"
    good = runner.invoke(app, ["ops", "report", write(tmp_path, "ev.json", event_body()), *PNP])
    assert json.loads(good.stdout)["section"] == "per-chl-land"


def test_patrol_coverage_and_geojson_export(cli_db: Engine, tmp_path: Path) -> None:
    seed_engine(cli_db)
    planned = runner.invoke(app, ["ops", "plan", write(tmp_path, "p.json", patrol_body()), *PNP])
    assert planned.exit_code == 0, planned.output
    track = {"track": {"type": "LineString", "coordinates": HALF_LAND_TRACK}}
    tracked = runner.invoke(
        app, ["ops", "track", "PAT-TACNA-001", write(tmp_path, "t.json", track), *PNP]
    )
    assert tracked.exit_code == 0, tracked.output
    window = ["--since", "2026-11-09T00:00:00+00:00", "--until", "2026-11-12T00:00:00+00:00"]
    report = json.loads(runner.invoke(app, ["ops", "coverage", *window, *PNP]).stdout)
    assert "per-chl-land" not in report["unpatrolled"]
    out = tmp_path / "sections.geojson"
    exported = runner.invoke(app, ["ops", "geojson", "sections", "--out", str(out), *PNP])
    assert exported.exit_code == 0 and "7 features" in exported.stdout
    assert json.loads(out.read_text())["type"] == "FeatureCollection"
    unknown = runner.invoke(app, ["ops", "geojson", "rivers", *PNP])
    assert unknown.exit_code == 2


def test_report_reads_stdin_and_refuses_a_file_that_is_not_json(
    cli_db: Engine, tmp_path: Path
) -> None:
    seed_engine(cli_db)
    broken = tmp_path / "ev.json"
    broken.write_bytes(b"\xff{not json")
    refused = runner.invoke(app, ["ops", "report", str(broken), *PNP])
    assert refused.exit_code == 2 and json.loads(refused.stderr)["error"]["field"] == "file"
    piped = runner.invoke(app, ["ops", "report", "-", *PNP], input=json.dumps(event_body()))
    assert piped.exit_code == 0, piped.stderr
    assert json.loads(piped.stdout)["section"] == "per-chl-land"


def test_bad_options_exit_2_naming_the_field(cli_db: Engine) -> None:
    seed_engine(cli_db)
    some_id = "0190a5d0-0000-7000-8000-000000000000"
    cases = {
        "level": ["ops", "event-impact", some_id, "--level", "bogus", *PNP],
        "reason": ["ops", "lift", some_id, "--reason", "", *SUPERVISOR],
    }
    for field, args in cases.items():
        result = runner.invoke(app, args)
        assert result.exit_code == 2, result.output
        assert json.loads(result.stderr)["error"]["field"] == field
