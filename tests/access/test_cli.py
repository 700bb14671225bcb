"""`concordia users …` creates accounts and tokens that then work over HTTP."""

import json

from fastapi.testclient import TestClient
from sqlalchemy import Engine
from typer.testing import CliRunner

from concordia.access.cli import app
from concordia.app import create_app

runner = CliRunner()
ADMIN = ["--as", "admin"]


def test_admin_creates_a_user_who_can_log_in(cli_db: Engine) -> None:
    args = [
        "create",
        "cl.sag.chacalluta",
        "--name",
        "Inés Tapia",
        "--agency",
        "CHL-SAG",
        "--role",
        "booth_officer",
        "--post",
        "santa-rosa-chacalluta",
        *ADMIN,
    ]
    result = runner.invoke(app, args, env={"CONCORDIA_NEW_PASSWORD": "una clave larga"})
    assert result.exit_code == 0, result.output
    with TestClient(create_app(cli_db)) as client:
        login = {"username": "cl.sag.chacalluta", "password": "una clave larga"}
        assert client.post("/api/auth/login", json=login).status_code == 200


def test_short_password_and_non_admin_are_refused(cli_db: Engine) -> None:
    args = ["create", "x.user", "--name", "X", "--agency", "CHL-SAG", "--role", "analyst"]
    short = runner.invoke(app, [*args, *ADMIN], env={"CONCORDIA_NEW_PASSWORD": "corta"})
    assert short.exit_code == 2 and json.loads(short.stderr)["error"]["field"] == "password"
    officer = runner.invoke(
        app, [*args, "--as", "cl.pdi.chacalluta"], env={"CONCORDIA_NEW_PASSWORD": "una clave larga"}
    )
    assert officer.exit_code == 1


def test_token_printed_once_then_revoked(cli_db: Engine) -> None:
    issued = runner.invoke(app, ["token", "cl.pdi.chacalluta", "--name", "booth 4", *ADMIN])
    token = json.loads(issued.stdout)
    headers = {"Authorization": f"Bearer {token['token']}"}
    with TestClient(create_app(cli_db)) as client:
        assert client.get("/api/auth/me", headers=headers).status_code == 200
        runner.invoke(app, ["revoke-token", token["id"], *ADMIN])
        assert client.get("/api/auth/me", headers=headers).status_code == 401
