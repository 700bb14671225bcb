"""The demo census (seeds' figures) and the CLI: register, duplicates, refer, sitrep."""

import json
from datetime import date
from pathlib import Path

from pypdf import PdfReader
from sqlalchemy import Engine
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from concordia.db import session_scope
from concordia.humanitarian import report
from concordia.humanitarian.cli import app
from concordia.humanitarian.demo import seed_demo
from tests.factories import actor_for
from tests.humanitarian.factories import LIAISON, POST, person_body

runner = CliRunner()
AS = ["--as", LIAISON]
END = date(2023, 5, 2)


def test_demo_seed_is_idempotent_and_gives_the_seeds_figures(session: Session) -> None:
    created = seed_demo(session, end=END)
    assert created == {"people": 16, "groups": 5, "referrals": 8}
    assert seed_demo(session, end=END) == {}
    found = report.sitrep(session, actor_for(session, "cl.pdi.chacalluta"), day=END)
    chacalluta = next(p for p in found.posts if p.code == "santa-rosa-chacalluta")
    assert chacalluta.today.group_counted == 20  # the afternoon count of the last day
    assert chacalluta.days[-4].group_counted == 100
    assert chacalluta.today.registered_total == 16
    assert chacalluta.today.waiting_registered == 11  # a family crossed, a couple relocated
    assert chacalluta.today.vulnerable_total["unaccompanied_minor"] == 1
    assert chacalluta.today.open_referrals == 7  # one declined
    assert chacalluta.open_by_partner["CHL-SEREMI-SALUD"] == 3


def test_cli_register_duplicate_and_sitrep(cli_db: Engine, tmp_path: Path) -> None:
    body = tmp_path / "person.json"
    body.write_text(json.dumps(person_body()))
    first = runner.invoke(app, ["register", str(body), *AS])
    assert first.exit_code == 0, first.output
    person = json.loads(first.stdout)
    again = runner.invoke(app, ["register", str(body), *AS])
    assert again.exit_code == 1 and person["id"] in again.output
    confirmed = runner.invoke(app, ["register", str(body), "--confirm", person["id"], *AS])
    assert json.loads(confirmed.stdout)["census_number"] == 2
    refused = runner.invoke(
        app, ["refer", person["id"], "--partner", "NADIE", "--need", "health", *AS]
    )
    assert refused.exit_code == 1 and '"field": "partner"' in refused.output
    out = tmp_path / "sitrep.pdf"
    result = runner.invoke(
        app, ["sitrep", "--format", "pdf", "--out", str(out), "--post", POST, *AS]
    )
    assert result.exit_code == 0, result.output
    text = PdfReader(out).pages[0].extract_text()
    assert "Santa Rosa" in text and "Desaguadero" not in text
    assert "Personas registradas (acumulado) 2" in text
    html = tmp_path / "sitrep.html"
    result = runner.invoke(
        app, ["sitrep", "--format", "html", "--lang", "en", "--out", str(html), *AS]
    )
    assert result.exit_code == 0 and "People registered (to date)" in html.read_text()


def test_cli_bad_options(cli_db: Engine, tmp_path: Path) -> None:
    out = str(tmp_path / "x")
    assert runner.invoke(app, ["sitrep", "--format", "doc", "--out", out, *AS]).exit_code == 2
    assert runner.invoke(app, ["sitrep", "--date", "2023-02-30", "--out", out, *AS]).exit_code == 2
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    assert runner.invoke(app, ["register", str(bad), *AS]).exit_code == 2
    bad.write_text(json.dumps(person_body(sex="Z")))
    result = runner.invoke(app, ["register", str(bad), *AS])
    assert result.exit_code == 2 and '"field": "sex"' in result.output
    with session_scope(cli_db) as session:
        assert report.daily_counts(session, actor_for(session, LIAISON), start=END, end=END)
