"""`concordia flights detect/import`: JSON output, exit codes, errors naming column and row."""

import json
from pathlib import Path

from sqlalchemy import Engine, func, select
from typer.testing import CliRunner

from concordia.cli import app
from concordia.db import session_scope
from concordia.models import TrackBatch
from tests.aviation.factories import (
    PANDO_STRIP,
    PUERTO_MALDONADO,
    RIBERALTA,
    VRAEM_STRIP,
    flight,
    lawful,
    tracks_csv,
)

runner = CliRunner()


def _write(tmp_path: Path, text: str, name: str = "tracks.csv") -> Path:
    path = tmp_path / name
    path.write_text(text)
    return path


def test_detect_prints_sites_suspects_and_routes(tmp_path: Path) -> None:
    tracks = [flight(f"N{i}", [VRAEM_STRIP, PANDO_STRIP], seed=i)[0] for i in range(2)]
    path = _write(tmp_path, tracks_csv([*tracks, lawful()]))
    result = runner.invoke(app, ["flights", "detect", "--tracks", str(path)])
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert set(out) == {"sites", "suspect_flights", "routes"}
    candidates = [s for s in out["sites"] if not s["registered"]]
    assert len(candidates) == 2 and all(s["flights"] == ["N0", "N1"] for s in candidates)
    assert {"latitude", "longitude", "nearest_aerodrome", "distance_km"} <= set(candidates[0])
    suspects = {f["id"]: f for f in out["suspect_flights"]}
    assert set(suspects) == {"N0", "N1"}
    first = suspects["N0"]
    assert first["borders_crossed"] == ["PER-BOL"] and first["score"] == 1.0
    assert first["origin_site"] and first["destination_site"] and first["reasons"]
    assert out["routes"][0]["recurrent"] is True and out["routes"][0]["flights"] == ["N0", "N1"]


def test_detect_with_flight_plans(tmp_path: Path) -> None:
    from concordia.aviation.simulate import ADSB

    track, _ = flight("OB77", [PUERTO_MALDONADO, RIBERALTA], sensor=ADSB, callsign="OB77")
    path = _write(tmp_path, tracks_csv([track]))
    plans = _write(tmp_path, "flight_id,callsign\nX1,OB99\n", "plans.csv")
    args = ["flights", "detect", "--tracks", str(path), "--flight-plans", str(plans)]
    out = json.loads(runner.invoke(app, args).stdout)
    assert out["suspect_flights"][0]["reasons"][-1] == "no flight plan on file"
    plans.write_text("callsign\nOB77\n")
    assert json.loads(runner.invoke(app, args).stdout)["suspect_flights"] == []
    plans.write_text("registration\nOB-1234\n")
    bad = runner.invoke(app, args)
    assert bad.exit_code == 2 and json.loads(bad.stderr)["error"]["field"] == "columns"


def test_bad_file_exits_2_naming_column_and_line(tmp_path: Path) -> None:
    text = tracks_csv([lawful()]).splitlines()
    fields = text[3].split(",")
    fields[4] = "norte"  # latitude of the third plot
    text[3] = ",".join(fields)
    path = _write(tmp_path, "\n".join(text) + "\n")
    result = runner.invoke(app, ["flights", "detect", "--tracks", str(path)])
    assert result.exit_code == 2 and result.stdout == ""
    error = json.loads(result.stderr)["error"]
    assert error["field"] == "latitude" and error["message"].startswith("line 4: latitude:")
    missing = runner.invoke(app, ["flights", "detect", "--tracks", str(tmp_path / "none.csv")])
    assert missing.exit_code == 2 and json.loads(missing.stderr)["error"]["field"] == "tracks"


def test_detect_reads_parquet(tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.csv as pcsv
    import pyarrow.parquet as pq

    track, _ = flight("N1", [VRAEM_STRIP, PANDO_STRIP])
    csv_path = _write(tmp_path, tracks_csv([track]))
    table = pcsv.read_csv(csv_path, convert_options=pcsv.ConvertOptions(
        column_types={"icao24": pa.string(), "callsign": pa.string()}))  # fmt: skip
    pq.write_table(table, tmp_path / "tracks.parquet")
    result = runner.invoke(app, ["flights", "detect", "--tracks", str(tmp_path / "tracks.parquet")])
    assert result.exit_code == 0, result.output
    assert [f["id"] for f in json.loads(result.stdout)["suspect_flights"]] == ["N1"]


def test_import_stores_a_batch_and_refuses_bad_files_whole(cli_db: Engine, tmp_path: Path) -> None:
    track, _ = flight("N1", [VRAEM_STRIP, PANDO_STRIP])
    path = _write(tmp_path, tracks_csv([track, lawful()]))
    args = ["flights", "import", "--tracks", str(path), "--as", "pe.pnp.analista"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    batch = json.loads(result.stdout)
    assert batch["flights"] == 2 and batch["suspect_flights"] == 1
    assert batch["candidate_sites"] == 2 and batch["name"] == "tracks.csv"
    path.write_text(tracks_csv([track]) + "N1,,,2026-11-10T15:00:00,-12,-73,x,,,\n")
    bad = runner.invoke(app, args)
    assert bad.exit_code == 2 and json.loads(bad.stderr)["error"]["field"] == "altitude"
    booth = runner.invoke(app, [*args[:-1], "pe.migraciones.tacna"])
    assert booth.exit_code == 1 and json.loads(booth.stderr)["error"]["field"] == "roles"
    with session_scope(cli_db) as session:
        assert session.scalar(select(func.count()).select_from(TrackBatch)) == 1
