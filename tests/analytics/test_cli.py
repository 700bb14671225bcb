"""`concordia analytics …`: JSON out, exit code 2 with the field on bad input."""

import json
from pathlib import Path

from sqlalchemy import Engine
from typer.testing import CliRunner

from concordia.analytics.cli import app

runner = CliRunner()
AS = ["--as", "pe.supervisor.tacna"]


def test_flows_waits_and_staffing(cli_db: Engine) -> None:
    flows = runner.invoke(app, ["flows", "santa-rosa-chacalluta", "--start", "2026-11-10",
                                "--end", "2026-11-11", "--granularity", "day", *AS])  # fmt: skip
    assert flows.exit_code == 0, flows.output
    assert json.loads(flows.stdout)["granularity"] == "day"
    waits = runner.invoke(app, ["waits", "--at", "2026-11-10T15:00:00+00:00"])
    assert waits.exit_code == 0 and len(json.loads(waits.stdout)["posts"]) == 5
    plan = runner.invoke(app, ["staffing", "desaguadero", "--flow", "pedestrian",
                               "--day", "2026-11-10", *AS])  # fmt: skip
    assert plan.exit_code == 0 and len(json.loads(plan.stdout)["hours"]) == 24


def test_bad_input_exits_2_naming_the_field(cli_db: Engine) -> None:
    bad = runner.invoke(app, ["flows", "desaguadero", "--start", "2026-11-10", "--end",
                              "2026-11-11", "--granularity", "week", *AS])  # fmt: skip
    assert bad.exit_code == 2 and json.loads(bad.stderr)["error"]["field"] == "granularity"
    date = runner.invoke(app, ["flows", "desaguadero", "--start", "10/11/2026", "--end",
                               "2026-11-11", *AS])  # fmt: skip
    assert date.exit_code == 2 and "--start" in date.output
    waits = runner.invoke(app, ["waits", "--at", "yesterday"])
    assert waits.exit_code == 2 and "--at" in waits.output


def test_scenario_from_file_and_compare(cli_db: Engine, tmp_path: Path) -> None:
    spec = tmp_path / "s.json"
    spec.write_text(json.dumps({"name": "caída", "post": "desaguadero", "flow": "pedestrian",
                                "hourly_arrivals": [50] * 24, "booths": [2] * 24,
                                "outages": [{"start_hour": 9, "hours": 3}]}))  # fmt: skip
    made = runner.invoke(app, ["scenario", str(spec), *AS])
    assert made.exit_code == 0, made.output
    scenario = json.loads(made.stdout)
    table = runner.invoke(app, ["compare", scenario["id"], *AS])
    assert table.exit_code == 0 and json.loads(table.stdout)["scenarios"][0]["name"] == "caída"
    spec.write_text(json.dumps({"name": "x", "post": "desaguadero", "flow": "boat"}))
    bad = runner.invoke(app, ["scenario", str(spec), *AS])
    assert bad.exit_code == 2 and json.loads(bad.stderr)["error"]["field"] == "flow"
