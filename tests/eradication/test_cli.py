"""`concordia eradication …`: campaign, progress, field, dashboard, estimates."""

import json
from pathlib import Path

from sqlalchemy import Engine
from typer.testing import CliRunner

from concordia.eradication.cli import app
from tests.eradication.factories import PERU_2024, utm_square

runner = CliRunner()
AS = ["--as", "pe.pnp.analista"]


def _json(path: Path, value: object) -> str:
    path.write_text(json.dumps(value))
    return str(path)


def test_campaign_progress_field_dashboard(cli_db: Engine, tmp_path: Path) -> None:
    made = runner.invoke(app, ["campaign", _json(tmp_path / "c.json", PERU_2024), *AS])
    assert made.exit_code == 0, made.output
    rows = [
        {
            "province": "Sandia",
            "period_start": "2024-01-01",
            "period_end": "2024-10-31",
            "achieved_ha": 19_982,
            "target_ha": 25_782,
        }
    ]
    code = PERU_2024["code"]
    progress = runner.invoke(app, ["progress", code, _json(tmp_path / "p.json", rows), *AS])
    assert json.loads(progress.stdout) == {"rows": 1}
    field = {"province": "Sandia", "geometry": utm_square(400_000, 8_400_000, 100)}
    added = runner.invoke(app, ["field", code, _json(tmp_path / "f.json", field), *AS])
    assert abs(json.loads(added.stdout)["area_ha"] - 1.0) < 0.001
    board = json.loads(runner.invoke(app, ["dashboard", code, *AS]).stdout)
    assert board["series"][-1]["percent_of_target"] == 77.5


def test_bad_input_exits_2_and_names_the_field(cli_db: Engine, tmp_path: Path) -> None:
    bad = PERU_2024 | {"target_ha": -5}
    result = runner.invoke(app, ["campaign", _json(tmp_path / "c.json", bad), *AS])
    assert result.exit_code == 2 and json.loads(result.stderr)["error"]["field"] == "target_ha"
    estimate = {
        "country": "PER",
        "year": 2023,
        "zone": "PER",
        "hectares": 92_784,
        "source": "UNODC/DEVIDA",
    }
    ok = runner.invoke(app, ["estimate", _json(tmp_path / "e.json", estimate), *AS])
    assert ok.exit_code == 0, ok.output
    report = json.loads(runner.invoke(app, ["estimates", "--country", "PER", *AS]).stdout)
    assert report["estimates"][0]["hectares"] == 92_784
