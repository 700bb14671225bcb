"""`concordia screen`, mounted on a tiny app as the main CLI mounts it."""

import json
from pathlib import Path

import typer
from typer.testing import CliRunner

from concordia.screening.cli import screen_command

app = typer.Typer()
app.command("screen")(screen_command)


@app.callback()
def _main() -> None:
    """Keeps `screen` a subcommand, as under the main `concordia` command."""


runner = CliRunner()

PERSON = {
    "id": "quispe",
    "schema": "Person",
    "properties": {
        "firstName": ["Juan Carlos"],
        "lastName": ["Quispe Mamani"],
        "birthDate": ["1985-03-04"],
        "nationality": ["PE"],
    },
}


def write_lines(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def files(tmp_path: Path, watch: list[str], travellers: list[str]) -> list[str]:
    watchlist = write_lines(tmp_path / "watch.jsonl", watch)
    people = write_lines(tmp_path / "travellers.jsonl", travellers)
    return ["screen", "--watchlist", str(watchlist), "--travellers", str(people)]


TRAVELLERS = [
    json.dumps({"id": "t1", "given_names": "JUAN CÁRLOS", "surnames": "Quispe",
                "birth_date": "1985-03-04", "nationality": "PER"}),
    json.dumps({"id": "t2", "given_names": "Ana", "surnames": "Lima"}),
]  # fmt: skip


def test_screens_every_traveller(tmp_path: Path) -> None:
    result = runner.invoke(app, files(tmp_path, [json.dumps(PERSON)], TRAVELLERS))
    assert result.exit_code == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["traveller_id"] for line in lines] == ["t1", "t2"]
    first = lines[0]["matches"][0]
    assert first["entity_id"] == "quispe"
    assert first["match"] is True
    assert set(first) == {"entity_id", "score", "match", "explanation"}
    assert lines[1]["matches"] == []


def test_threshold_and_limit_options(tmp_path: Path) -> None:
    args = files(tmp_path, [json.dumps(PERSON)], TRAVELLERS[:1])
    result = runner.invoke(app, [*args, "--threshold", "1", "--limit", "1"])
    assert result.exit_code == 0
    (line,) = [json.loads(x) for x in result.stdout.splitlines()]
    assert [m["match"] for m in line["matches"]] == [False]


def test_bad_lines_are_reported_and_skipped(tmp_path: Path) -> None:
    watch = ["{broken", json.dumps(PERSON), json.dumps({**PERSON, "schema": "Company"})]
    travellers = [TRAVELLERS[0], json.dumps({"id": "t9", "birth_date": "1985-02-30"})]
    result = runner.invoke(app, files(tmp_path, watch, travellers))
    assert result.exit_code == 1
    assert "watch.jsonl:1: json: malformed JSON" in result.stderr
    assert "watch.jsonl:3: schema:" in result.stderr
    assert "travellers.jsonl:2: birth_date:" in result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["traveller_id"] for line in lines] == ["t1"]
    assert lines[0]["matches"][0]["entity_id"] == "quispe"


def test_undecodable_line_is_reported(tmp_path: Path) -> None:
    args = files(tmp_path, [json.dumps(PERSON)], TRAVELLERS[:1])
    people = Path(args[-1])
    people.write_bytes(people.read_bytes() + b'{"id": "\xff"}\n')
    result = runner.invoke(app, args)
    assert result.exit_code == 1
    assert "travellers.jsonl:2: encoding:" in result.stderr


def test_missing_file_exits_2(tmp_path: Path) -> None:
    args = files(tmp_path, [json.dumps(PERSON)], TRAVELLERS)
    args[2] = str(tmp_path / "absent.jsonl")
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert "absent.jsonl: file not found" in result.stderr
