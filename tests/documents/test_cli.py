"""``concordia mrz parse`` and ``concordia id check``, driven through their Typer apps."""

from __future__ import annotations

import json
from typing import Any

from typer.testing import CliRunner

from concordia.documents.cli import app, ids_app

TD3 = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10\n"
TD3_BAD_BIRTH_CHECK = TD3.replace("7408122F", "7408123F")
REQUIRED_FIELDS = {
    "format", "document_code", "issuing_state", "primary_identifier", "secondary_identifier",
    "document_number", "nationality", "birth_date", "sex", "expiry_date", "optional_data",
}  # fmt: skip

runner = CliRunner()


def run_mrz(text: str, *args: str) -> tuple[int, dict[str, Any], str]:
    result = runner.invoke(app, ["parse", *args], input=text)
    return result.exit_code, json.loads(result.stdout), result.stderr


def test_valid_mrz_exits_zero_with_the_fields() -> None:
    code, data, _ = run_mrz(TD3)
    assert code == 0
    assert data["valid"] is True
    assert set(data["fields"]) >= REQUIRED_FIELDS
    assert data["fields"]["birth_date"] == "1974-08-12"
    assert data["fields"]["document_number"] == "L898902C3"
    assert data["checks"] == dict.fromkeys(
        ["document_number", "birth_date", "expiry_date", "optional_data", "composite"], True
    )
    assert data["errors"] == []


def test_failed_check_exits_one_with_spanish_messages_by_default() -> None:
    code, data, _ = run_mrz(TD3_BAD_BIRTH_CHECK)
    assert code == 1
    assert data["valid"] is False
    assert data["checks"]["birth_date"] is False
    fields = {error["field"]: error for error in data["errors"]}
    assert fields["birth_date"]["position"] == "line 2, column 20"
    assert fields["birth_date"]["message"].startswith("Dígito de control incorrecto")
    assert fields["birth_date"]["code"] == "check_digit"


def test_english_messages() -> None:
    _, data, _ = run_mrz(TD3_BAD_BIRTH_CHECK, "--lang", "en")
    assert data["errors"][0]["message"].startswith("birth date check digit is '3'")


def test_not_an_mrz_exits_two() -> None:
    code, data, stderr = run_mrz("P<UTOERIKSSON\n", "--lang", "en")
    assert code == 2
    assert data == {
        "valid": False,
        "error": "expected 2 lines of 44 or 36 characters or 3 lines of 30; got 1 line of 13",
    }
    assert "expected 2 lines" in stderr


def test_not_an_mrz_in_spanish() -> None:
    code, data, stderr = run_mrz("")
    assert code == 2
    assert data["error"].endswith("no se recibió ninguna línea")
    assert "se esperaban" in stderr


def test_unknown_language_is_a_usage_error() -> None:
    assert runner.invoke(app, ["parse", "--lang", "fr"], input=TD3).exit_code == 2


def test_mrz_app_without_arguments_shows_help() -> None:
    result = runner.invoke(app, [])
    assert "parse" in result.output


def test_id_check_prints_the_normalised_id() -> None:
    result = runner.invoke(ids_app, ["check", "CL", "12.345.678-5"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {
        "valid": True, "country": "CHL", "kind": "RUN", "number": "12345678-5", "extension": None,
    }  # fmt: skip


def test_id_check_joins_unquoted_words() -> None:
    result = runner.invoke(ids_app, ["check", "bo", "1234567", "lp"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["number"] == "1234567 LP"


def test_id_check_reports_the_wrong_part() -> None:
    result = runner.invoke(ids_app, ["check", "PER", "10117410-3"])
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["valid"] is False
    assert data["field"] == "check_digit"
    assert "2 or G" in data["error"]
