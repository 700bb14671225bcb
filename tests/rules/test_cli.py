"""The `concordia rules` sub-app, driven through Typer's test runner."""

from pathlib import Path

from typer.testing import CliRunner

from concordia.rules import default_rules_dir
from concordia.rules.cli import app

runner = CliRunner()
SHIPPED = sorted(str(path) for path in default_rules_dir().glob("*.yaml"))
WIDE = {"COLUMNS": "200"}


def test_check_valid_files_prints_ok_and_exits_0() -> None:
    result = runner.invoke(app, ["check", *SHIPPED])
    assert result.exit_code == 0, result.output
    per = str(default_rules_dir() / "per-2026.1.yaml")
    assert f"OK {per} (PER 2026.1, " in result.output
    assert result.output.count("OK ") == 3


def test_check_invalid_file_prints_each_issue_and_exits_1(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("country: PRU\nversion: 2026.1\n", encoding="utf-8")
    result = runner.invoke(app, ["check", str(bad), SHIPPED[0]])
    assert result.exit_code == 1
    assert f"{bad}:1:10 country: 'PRU' is not an ISO 3166 alpha-3 code" in result.output
    assert f"{bad}:1:1 effective_from: missing required key 'effective_from'" in result.output
    assert f"OK {SHIPPED[0]}" in result.output


def test_check_missing_file_exits_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("country: PRU\n", encoding="utf-8")
    result = runner.invoke(app, ["check", str(bad), str(tmp_path / "nope.yaml")])
    assert result.exit_code == 2
    assert "nope.yaml: no such file" in result.output


def test_check_needs_a_file() -> None:
    assert runner.invoke(app, ["check"]).exit_code == 2


def test_list_shows_shipped_rulesets() -> None:
    result = runner.invoke(app, ["list"], env=WIDE)
    assert result.exit_code == 0, result.output
    for name in ("per-2026.1.yaml", "chl-2026.1.yaml", "bol-2026.1.yaml"):
        assert name in result.output
    assert "2026-01-01" in result.output
    assert "PER" in result.output and "yes" in result.output


def test_list_of_invalid_directory_exits_1(tmp_path: Path) -> None:
    (tmp_path / "x.yaml").write_text("country: [\n", encoding="utf-8")
    result = runner.invoke(app, ["list", "--rules-dir", str(tmp_path)])
    assert result.exit_code == 1
    assert "YAML syntax error" in result.output


def test_explain_shows_decision_and_fired_rules() -> None:
    args = ["explain", "--country", "CHL", "--nationality", "VEN", "--expiry", "2030-01-01"]
    result = runner.invoke(app, [*args, "--at", "2026-03-01T12:00:00+00:00"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("CHL 2026.1: refuse")
    assert "CHL-ENT-040 [refuse]" in result.output


def test_explain_grants_stay() -> None:
    args = ["explain", "--country", "PER", "--nationality", "BOL", "--document", "id_card"]
    result = runner.invoke(app, [*args, "--at", "2026-03-01T12:00:00"])
    assert result.exit_code == 0, result.output
    assert "PER 2026.1: clear" in result.output
    assert "stay: 183 days" in result.output


def test_explain_rejects_bad_values() -> None:
    base = ["explain", "--country", "PER", "--nationality", "BOL"]
    assert runner.invoke(app, [*base, "--movement", "transit"]).exit_code == 2
    assert runner.invoke(app, [*base, "--document", "licence"]).exit_code == 2
    assert runner.invoke(app, [*base, "--expiry", "soon"]).exit_code == 2


def test_explain_without_ruleset_exits_1() -> None:
    result = runner.invoke(app, ["explain", "--country", "ARG", "--nationality", "BOL"])
    assert result.exit_code == 1
    assert "ARG" in result.output
