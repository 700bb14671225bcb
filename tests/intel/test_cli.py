"""`concordia intel …`: seizures, stats, export, network, messages and escalation."""

import json
from pathlib import Path

from sqlalchemy import Engine
from typer.testing import CliRunner

from concordia.access.actor import load_actor
from concordia.access.agreements import seed_demo_agreements
from concordia.db import session_scope
from concordia.intel.cli import app
from tests.intel.factories import seizure_body

runner = CliRunner()
PNP, PDI = ["--as", "pe.pnp.analista"], ["--as", "cl.pdi.analista"]


def _json(path: Path, value: object) -> str:
    path.write_text(json.dumps(value))
    return str(path)


def test_seizure_stats_export_and_network(cli_db: Engine, tmp_path: Path) -> None:
    body = seizure_body(links=[{"kind": "phone", "ref": "+51951000111", "role": "celular"}])
    added = runner.invoke(app, ["seizure", _json(tmp_path / "s.json", body), *PNP])
    assert added.exit_code == 0, added.output
    assert json.loads(added.stdout)["unit"] == "kg"
    stats = runner.invoke(app, ["stats", "--by", "month", *PNP])
    assert json.loads(stats.stdout) == [
        {"month": "2026-10", "unit": "kg", "seizures": 1, "quantity": 312.5}
    ]
    exported = runner.invoke(app, ["export", *PNP])
    assert exported.stdout.splitlines()[1].split(",")[1] == "PER-DIRANDRO"
    view = runner.invoke(app, ["network", "phone:+51951000111", "--depth", "1", *PNP])
    assert len(json.loads(view.stdout)["nodes"]) == 2
    assert json.loads(runner.invoke(app, ["seizures", *PDI]).stdout) == []


def test_bad_files_exit_2_with_the_field(cli_db: Engine, tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text("{not json")
    result = runner.invoke(app, ["seizure", str(broken), *PNP])
    assert result.exit_code == 2 and json.loads(result.stderr)["error"]["field"] == "file"
    bad = runner.invoke(app, ["seizure", _json(tmp_path / "b.json", seizure_body(unit="l")), *PNP])
    assert bad.exit_code == 2 and json.loads(bad.stderr)["error"]["field"] == "unit"
    when = runner.invoke(app, ["escalate", "--now", "yesterday"])
    assert when.exit_code == 2 and json.loads(when.stderr)["error"]["field"] == "now"


def test_request_then_escalation_with_a_fixed_clock(cli_db: Engine, tmp_path: Path) -> None:
    with session_scope(cli_db) as session:
        seed_demo_agreements(session, load_actor(session, "admin"))
    body = {
        "kind": "request",
        "to_agency": "CHL-PDI",
        "subject": "Titular de línea",
        "body": "¿Titular del +56 9 8765 4321?",
        "priority": "urgent",
    }
    draft = json.loads(
        runner.invoke(app, ["message", "create", _json(tmp_path / "m.json", body), *PNP]).stdout
    )
    sent = runner.invoke(app, ["message", "send", draft["id"], *PNP])
    assert sent.exit_code == 0, sent.output
    due = json.loads(sent.stdout)["due_at"]
    early = runner.invoke(app, ["escalate", "--now", "2000-01-01T00:00:00+00:00"])
    assert json.loads(early.stdout) == {"escalated": []}
    late = runner.invoke(app, ["escalate", "--now", "2100-01-01T00:00:00+00:00"])
    assert json.loads(late.stdout) == {"escalated": [draft["reference"]]}
    listed = json.loads(runner.invoke(app, ["message", "list", "--box", "in", *PDI]).stdout)
    assert listed[0]["status"] == "overdue" and listed[0]["due_at"] == due
    answered = runner.invoke(app, ["message", "answer", draft["id"], "--text", "Sin titular", *PDI])
    assert json.loads(answered.stdout)["status"] == "answered"
