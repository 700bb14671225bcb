"""`concordia crossing …` drives the same services as the API, with exit codes for errors."""

import json

from sqlalchemy import Engine
from typer.testing import CliRunner

from concordia.crossings.cli import app
from tests.factories import crossing_body

runner = CliRunner()


def test_submit_decide_and_list_from_the_terminal(cli_db: Engine) -> None:
    body = json.dumps(crossing_body())
    submitted = runner.invoke(app, ["submit", "-", "--as", "pe.migraciones.tacna"], input=body)
    assert submitted.exit_code == 0, submitted.output
    crossing = json.loads(submitted.stdout)
    cid = crossing["id"]
    assert (
        runner.invoke(
            app, ["decide", cid, "PER", "clear", "--as", "pe.migraciones.tacna"]
        ).exit_code
        == 0
    )
    done = runner.invoke(app, ["decide", cid, "CHL", "clear", "--as", "cl.pdi.chacalluta"])
    assert json.loads(done.stdout)["status"] == "completed"
    listed = runner.invoke(
        app, ["list", "--post", "santa-rosa-chacalluta", "--as", "cl.pdi.chacalluta"]
    )
    assert [c["id"] for c in json.loads(listed.stdout)] == [cid]


def test_errors_exit_with_the_field(cli_db: Engine) -> None:
    bad = json.dumps(crossing_body(from_country="BOL"))
    result = runner.invoke(app, ["submit", "-", "--as", "pe.migraciones.tacna"], input=bad)
    assert result.exit_code == 2
    assert json.loads(result.stderr)["error"]["field"] == "from_country"
    no_officer = runner.invoke(app, ["list"])
    assert no_officer.exit_code == 1
    wrong_country = runner.invoke(app, ["list", "--as", "nobody"])
    assert "unknown or inactive user" in wrong_country.stderr
