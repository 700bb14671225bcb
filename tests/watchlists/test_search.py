"""Alert search, edit and expiry through the JSON API and the command line."""

import json

from fastapi.testclient import TestClient
from sqlalchemy import Engine
from typer.testing import CliRunner

from concordia.watchlists.cli import app
from tests.factories import bearer
from tests.watchlists.factories import make_alert, make_list

PNP = bearer("pe.pnp.analista")
runner = CliRunner()


def test_api_search_update_and_expire(client: TestClient, engine: Engine) -> None:
    code = make_list(engine)
    alert_id = make_alert(engine, code, "APAZA CHOQUE, LIDIA")
    found = client.get("/api/alerts", params={"q": "apaza"}, headers=PNP).json()
    assert [a["id"] for a in found] == [alert_id]
    assert (
        client.get("/api/alerts", params={"q": "apaza"}, headers=bearer("cl.pdi.chacalluta")).json()
        == []
    )
    body = {"list_code": code, "names": ["APAZA CHOQUE, LIDIA"], "nationalities": ["bol"]}
    updated = client.put(f"/api/alerts/{alert_id}", json=body, headers=PNP)
    assert updated.status_code == 200 and updated.json()["nationalities"] == ["BOL"]
    other = client.put(f"/api/alerts/{alert_id}", json=body, headers=bearer("bo.felcn.analista"))
    assert other.status_code in (403, 404)
    expired = client.post(f"/api/alerts/{alert_id}/expire", headers=PNP)
    assert expired.status_code == 200 and expired.json()["status"] == "expired"
    again = client.post(f"/api/alerts/{alert_id}/expire", headers=PNP)
    assert again.status_code == 409 and again.json()["error"]["field"] == "status"
    bad = client.get("/api/alerts", params={"status": "gone"}, headers=PNP)
    assert bad.status_code == 422 and bad.json()["error"]["field"] == "status"


def test_cli_search_and_expire(cli_db: Engine) -> None:
    code = make_list(cli_db)
    alert_id = make_alert(cli_db, code, "MAMANI QUISPE, ROSA")
    found = runner.invoke(app, ["search", "mamani", "--as", "pe.pnp.analista"])
    assert found.exit_code == 0 and json.loads(found.stdout)[0]["id"] == alert_id
    done = runner.invoke(app, ["expire", alert_id, "--as", "pe.pnp.analista"])
    assert done.exit_code == 0 and json.loads(done.stdout)["status"] == "expired"
    refused = runner.invoke(app, ["expire", alert_id, "--as", "pe.pnp.analista"])
    assert refused.exit_code == 1
