"""`concordia watchlist create/import/export` with line-numbered errors and exit codes."""

import json
from pathlib import Path

from sqlalchemy import Engine
from typer.testing import CliRunner

from concordia.watchlists.cli import app

runner = CliRunner()
AS = ["--as", "pe.pnp.analista"]


def test_create_import_and_export(cli_db: Engine, tmp_path: Path) -> None:
    created = runner.invoke(
        app,
        [
            "create",
            "PER-DIRANDRO-REQ",
            "--name",
            "Requisitorias",
            "--agency",
            "PER-DIRANDRO",
            "--category",
            "wanted_person",
            "--action",
            "arrest",
            *AS,
        ],
    )
    assert created.exit_code == 0, created.output
    good = {"id": "p1", "schema": "Person", "properties": {"name": ["Rosa Condori Apaza"]}}
    path = tmp_path / "list.jsonl"
    path.write_text(json.dumps(good) + "\n{broken\n")
    result = runner.invoke(app, ["import", str(path), "--list", "PER-DIRANDRO-REQ", *AS])
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["created"] == 1 and report["errors"][0]["line"] == 2
    exported = runner.invoke(app, ["export", "--list", "PER-DIRANDRO-REQ", *AS])
    assert [json.loads(line)["id"] for line in exported.stdout.splitlines()] == ["p1"]


def test_bad_category_names_the_field(cli_db: Engine) -> None:
    result = runner.invoke(
        app,
        [
            "create",
            "X-LIST",
            "--name",
            "Lista",
            "--agency",
            "PER-DIRANDRO",
            "--category",
            "bogus",
            "--action",
            "arrest",
            *AS,
        ],
    )
    assert result.exit_code == 2
    assert json.loads(result.stderr)["error"]["field"] == "category"
